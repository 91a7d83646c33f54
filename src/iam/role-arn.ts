/** An IAM role ARN, `arn:<partition>:iam::<account>:role/<path/>name`, taken apart. */
export interface RoleArn {
  arn: string;
  partition: string;
  account: string;
  name: string;
}

const ROLE_ARN = /^arn:(aws|aws-cn|aws-us-gov):iam::(\d{12}):role\/(?:[\w+=,.@-]+\/)*([\w+=,.@-]+)$/;
const MAX_ROLE_NAME = 64;

export function parseRoleArn(arn: string): RoleArn | { problem: string } {
  const m = ROLE_ARN.exec(arn);
  if (!m) return { problem: `"${arn}" is not an IAM role ARN: expected arn:aws:iam::<12-digit account>:role/<name>` };
  const name = m[3]!;
  if (name.length > MAX_ROLE_NAME) {
    return { problem: `"${arn}" names a role of ${name.length} characters; IAM allows at most ${MAX_ROLE_NAME}` };
  }
  return { arn, partition: m[1]!, account: m[2]!, name };
}

export interface RoleSource {
  roleTemplate?: string;
  roleMapping?: Record<string, string>;
}

/** The role ARN for a domain: the mapping wins over the template; undefined when neither names one. */
export function roleArnFor(domain: string, source: RoleSource): string | undefined {
  const mapped = source.roleMapping?.[domain];
  if (mapped !== undefined) return mapped.trim();
  return source.roleTemplate?.replaceAll('{domain}', domain).trim();
}
