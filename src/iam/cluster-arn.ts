/** An MSK cluster ARN, `arn:<partition>:kafka:<region>:<account>:cluster/<name>/<uuid>`, taken apart. */
export interface ClusterArn {
  arn: string;
  partition: string;
  region: string;
  account: string;
  name: string;
  uuid: string;
}

const CLUSTER_ARN = /^arn:(aws|aws-cn|aws-us-gov):kafka:([a-z]{2}(?:-[a-z]+)+-\d+):(\d{12}):cluster\/([A-Za-z0-9-]+)\/([A-Za-z0-9-]+)$/;

export function parseClusterArn(arn: string): ClusterArn | { problem: string } {
  const m = CLUSTER_ARN.exec(arn.trim());
  if (!m) {
    return { problem: `"${arn}" is not an MSK cluster ARN: expected arn:aws:kafka:<region>:<12-digit account>:cluster/<name>/<uuid>` };
  }
  return { arn: arn.trim(), partition: m[1]!, region: m[2]!, account: m[3]!, name: m[4]!, uuid: m[5]! };
}

export type KafkaResourceKind = 'cluster' | 'topic' | 'group' | 'transactional-id';

/**
 * The ARN of a topic, group or transactional id (or a pattern of them: `*` matches any characters,
 * dots included) on this cluster. `cluster` returns the cluster ARN itself.
 */
export function kafkaResourceArn(cluster: ClusterArn, kind: KafkaResourceKind, name?: string): string {
  if (kind === 'cluster') return cluster.arn;
  return `arn:${cluster.partition}:kafka:${cluster.region}:${cluster.account}:${kind}/${cluster.name}/${cluster.uuid}/${name ?? ''}`;
}

/** The resource kind an MSK ARN names, read from the segment after the account. */
export function kindOfArn(arn: string): KafkaResourceKind | undefined {
  const kind = arn.split(':')[5]?.split('/')[0];
  return kind === 'cluster' || kind === 'topic' || kind === 'group' || kind === 'transactional-id' ? kind : undefined;
}

/**
 * True when a topic or domain name is safe to put in a resource ARN: Kafka's own characters only,
 * so it can carry no IAM wildcard (`*`, `?`) or policy variable (`${…}`).
 */
export const isLiteralName = (name: string): boolean => /^[A-Za-z0-9._-]+$/.test(name);
