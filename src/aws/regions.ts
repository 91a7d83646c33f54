/**
 * AWS regions by partition, as AWS lists them ("Regions and Availability Zones", checked 2025-06;
 * AWS adds regions over time: SPECMESH_ALLOW_UNKNOWN_REGIONS=1 accepts any well-formed name).
 */
export const AWS_REGIONS: Readonly<Record<'aws' | 'aws-cn' | 'aws-us-gov', readonly string[]>> = {
  aws: [
    'af-south-1', 'ap-east-1', 'ap-east-2', 'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3', 'ap-south-1', 'ap-south-2',
    'ap-southeast-1', 'ap-southeast-2', 'ap-southeast-3', 'ap-southeast-4', 'ap-southeast-5', 'ap-southeast-6', 'ap-southeast-7',
    'ca-central-1', 'ca-west-1', 'eu-central-1', 'eu-central-2', 'eu-north-1', 'eu-south-1', 'eu-south-2', 'eu-west-1', 'eu-west-2',
    'eu-west-3', 'il-central-1', 'me-central-1', 'me-south-1', 'mx-central-1', 'sa-east-1', 'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2',
  ],
  'aws-cn': ['cn-north-1', 'cn-northwest-1'],
  'aws-us-gov': ['us-gov-east-1', 'us-gov-west-1'],
};

const PARTITION_OF = new Map(Object.entries(AWS_REGIONS).flatMap(([partition, regions]) => regions.map((r) => [r, partition] as const)));

/** The partition of a known region; undefined for a name AWS does not have. */
export const partitionOfRegion = (region: string): string | undefined => PARTITION_OF.get(region);

/** Known regions closest to a mistyped one (same prefix, or one edit away), for "did you mean". */
export function similarRegions(region: string): string[] {
  // Region codes are lower case: `EU-WEST-1` is `eu-west-1`.
  if (region !== region.toLowerCase() && PARTITION_OF.has(region.toLowerCase())) return [region.toLowerCase()];
  const [area, direction] = region.split('-');
  const all = [...PARTITION_OF.keys()];
  const near = all.filter((r) => editDistance(r, region) <= 2);
  return near.length ? near : all.filter((r) => r.startsWith(`${area}-${direction ?? ''}`)).slice(0, 4);
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}

/** Why a region name is not one AWS has, with the nearest ones; undefined when it is known. */
export function unknownRegionProblem(region: string, allowUnknown = false): string | undefined {
  if (allowUnknown || PARTITION_OF.has(region)) return undefined;
  const near = similarRegions(region);
  return `"${region}" is not an AWS region${near.length ? ` (did you mean ${near.join(', ')}?)` : ''}`;
}
