import { parseRoleArn } from '../role-arn.js';

/** specmesh's managed policies live under this IAM path, so they are easy to list and tell apart. */
export const POLICY_PATH = '/specmesh/';
export const TAG_MANAGED_BY = 'specmesh:managed-by';
export const TAG_DOMAIN = 'specmesh:domain';
export const TAG_ROLE = 'specmesh:role';
/** The cluster a policy's resource ARNs are for: two clusters in one account never share a policy. */
export const TAG_CLUSTER = 'specmesh:cluster';

/** `arn:aws:iam::<account>:policy/specmesh/<name>`: where the policy of a role in `roleArn`'s account lives. */
export function policyArnFor(roleArn: string, policyName: string): string | undefined {
  const role = parseRoleArn(roleArn);
  if ('problem' in role) return undefined;
  return `arn:${role.partition}:iam::${role.account}:policy${POLICY_PATH}${policyName}`;
}

export const policyTags = (domain: string, roleArn: string, clusterArn: string): Record<string, string> =>
  ({ [TAG_MANAGED_BY]: 'specmesh', [TAG_DOMAIN]: domain, [TAG_ROLE]: roleArn, [TAG_CLUSTER]: clusterArn });

/** The role's name (what AttachRolePolicy takes) and account. */
export function roleOf(roleArn: string): { name: string; account: string } | undefined {
  const role = parseRoleArn(roleArn);
  return 'problem' in role ? undefined : { name: role.name, account: role.account };
}
