import { buildIamPolicies, parseClusterArn, type IamOptions } from '../index.js';
import type { IamLiveState, LiveIamPolicy } from '../iam-policy-state.js';
import { error, warning, type Diagnostic } from '../../core/diagnostic.js';
import type { Domain } from '../../spec/model.js';
import { mapLimited } from '../../core/map-limited.js';
import type { ClusterPolicyPort, IamPort, ManagedPolicy } from './iam-port.js';
import { POLICY_PATH, policyArnFor, roleOf, TAG_CLUSTER, TAG_DOMAIN, TAG_MANAGED_BY, TAG_ROLE } from './managed-policy-names.js';

export interface IamPorts {
  iam: IamPort;
  clusterPolicy: ClusterPolicyPort;
}

/** IAM's API quotas are per account: reads run this many at a time. */
const CONCURRENCY = 8;

export interface IamStateRead {
  live: IamLiveState;
  diagnostics: Diagnostic[];
}

/** Why a policy at a name specmesh wants is not its to change; undefined when it is. */
function ownershipProblem(policy: ManagedPolicy, domain: string, clusterArn: string): string | undefined {
  if (policy.tags[TAG_MANAGED_BY] !== 'specmesh') return 'it was not made by specmesh (no specmesh:managed-by tag)';
  if (policy.tags[TAG_DOMAIN] !== domain) return `it is specmesh's policy for domain ${policy.tags[TAG_DOMAIN] ?? '(none)'}`;
  if (policy.tags[TAG_CLUSTER] !== undefined && policy.tags[TAG_CLUSTER] !== clusterArn) return `it is specmesh's policy for cluster ${policy.tags[TAG_CLUSTER]}`;
  return undefined;
}

/**
 * What IAM holds of the policies the specs ask for: each planned policy (under /specmesh/ in its
 * role's account) with its document and the roles it is attached to, the other specmesh policies
 * of the planned domains on this cluster (for --clean-unspecified), and the MSK cluster policy.
 * It plans from the same estate as the plan (`estate`: the live cluster's nested domains included), so both
 * agree on every policy's name. A policy at a wanted name that is not specmesh's for that domain
 * and cluster, or a role that does not exist, is an error: nothing is taken over.
 */
export async function readIamState(ports: IamPorts, domains: readonly Domain[], options: IamOptions, estate: readonly string[] = []): Promise<IamStateRead> {
  const diagnostics: Diagnostic[] = [];
  const planned = new Set(domains.map((d) => d.id));
  const built = buildIamPolicies([...domains], { ...options, estate: [...(options.estate ?? []), ...estate] });
  const account = await ports.iam.callerAccount();
  if (!account) throw new Error('STS did not say which account these credentials belong to: this is a bug');
  const elsewhere = new Set<string>();
  const wanted = built.policies.flatMap((p) => {
    const role = roleOf(p.principal);
    const arn = policyArnFor(p.principal, p.policyName);
    if (!role || !arn) return [];
    if (role.account !== account) {
      elsewhere.add(role.account);
      return [];
    }
    return [{ ...p, arn, roleName: role.name }];
  });
  if (elsewhere.size > 0) {
    diagnostics.push(warning('iam-other-account', `Roles in account${elsewhere.size > 1 ? 's' : ''} ${[...elsewhere].join(', ')} get their policies there, and these credentials are for ${account}: those policies are planned as new and left alone by provision`,
      undefined, 'Write the documents with --out and create them in that account, or run specmesh there too.'));
  }

  const roles = [...new Set(wanted.map((w) => w.roleName))];
  const missingRoles = new Set((await mapLimited(roles, CONCURRENCY, async (r) => ((await ports.iam.roleExists(r)) ? undefined : r))).filter((r): r is string => r !== undefined));
  for (const r of missingRoles) {
    const domainsOfRole = [...new Set(wanted.filter((w) => w.roleName === r).map((w) => w.domain))];
    diagnostics.push(error('iam-role-not-found', `Role ${r} of domain${domainsOfRole.length > 1 ? 's' : ''} ${domainsOfRole.join(', ')} does not exist in account ${account}`, undefined,
      'Create the role first, or correct --iam-role-template / --iam-role-map.'));
  }

  const policies: LiveIamPolicy[] = (await mapLimited(wanted, CONCURRENCY, async (w): Promise<LiveIamPolicy | undefined> => {
    const policy = await ports.iam.getPolicy(w.arn);
    if (!policy) return undefined;
    const problem = ownershipProblem(policy, w.domain, options.clusterArn);
    if (problem) {
      diagnostics.push(error('iam-policy-taken', `Policy ${w.arn} exists, and ${problem}: specmesh will not change it for ${w.domain}`, undefined,
        'Rename or delete that policy, or give this domain another role or name (two clusters in one account need distinct domain ids).'));
      return undefined;
    }
    return { principal: w.principal, policyName: w.policyName, document: policy.document, arn: w.arn, attachedTo: await ports.iam.policyRoles(w.arn), domain: w.domain };
  })).filter((p): p is LiveIamPolicy => p !== undefined);

  // specmesh's other policies of the planned domains on this cluster: parts no longer needed, roles renamed.
  const known = new Set(wanted.map((w) => w.arn));
  const others = (await ports.iam.listPolicies(POLICY_PATH)).filter((p) => !known.has(p.arn));
  const orphans = await mapLimited(others, CONCURRENCY, async (o): Promise<LiveIamPolicy | undefined> => {
    const policy = await ports.iam.getPolicy(o.arn);
    if (policy?.tags[TAG_MANAGED_BY] !== 'specmesh' || !planned.has(policy.tags[TAG_DOMAIN] ?? '')) return undefined;
    if (policy.tags[TAG_CLUSTER] !== options.clusterArn || !policy.tags[TAG_ROLE]) return undefined;
    return { principal: policy.tags[TAG_ROLE], policyName: o.name, document: policy.document, arn: o.arn, attachedTo: await ports.iam.policyRoles(o.arn), domain: policy.tags[TAG_DOMAIN]! };
  });
  policies.push(...orphans.filter((p): p is LiveIamPolicy => p !== undefined));

  const cluster = parseClusterArn(options.clusterArn);
  let clusterPolicy: IamLiveState['mskClusterPolicy'];
  if (!('problem' in cluster) && cluster.account !== account) {
    if (built.clusterPolicy) {
      diagnostics.push(warning('iam-cluster-policy-other-account', `The cluster is in account ${cluster.account}, these credentials in ${account}: its cluster policy is planned as new and left alone by provision`,
        undefined, 'Run with credentials of the cluster\'s account to manage its cluster policy.'));
    }
  } else {
    clusterPolicy = await ports.clusterPolicy.getClusterPolicy(options.clusterArn);
  }
  return { live: { iamPolicies: policies, ...(clusterPolicy ? { mskClusterPolicy: clusterPolicy } : {}) }, diagnostics };
}
