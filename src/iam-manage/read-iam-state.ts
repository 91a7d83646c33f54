import { buildIamPolicies, type IamOptions } from '../iam/index.js';
import type { LiveIamPolicy, LiveState } from '../plan/live-state.js';
import { warning, type Diagnostic } from '../spec/diagnostic.js';
import type { Domain } from '../spec/model.js';
import { mapLimited } from '../scram/map-limited.js';
import type { ClusterPolicyPort, IamPort } from './iam-port.js';
import { POLICY_PATH, policyArnFor, roleOf, TAG_DOMAIN, TAG_MANAGED_BY, TAG_ROLE } from './managed-policy-names.js';

export interface IamPorts {
  iam: IamPort;
  clusterPolicy: ClusterPolicyPort;
}

/** IAM's API quotas are per account: reads run this many at a time. */
const CONCURRENCY = 8;

export interface IamStateRead {
  live: Pick<LiveState, 'iamPolicies' | 'mskClusterPolicy'>;
  diagnostics: Diagnostic[];
}

/**
 * What IAM holds of the policies the specs ask for: each planned policy (under /specmesh/ in its
 * role's account) with its document and whether it is attached to its role, the other specmesh
 * policies of the planned domains (for --clean-unspecified), and the MSK cluster policy.
 * Roles in accounts other than the caller's cannot be read or written here: a warning says so.
 */
export async function readIamState(ports: IamPorts, domains: readonly Domain[], options: IamOptions): Promise<IamStateRead> {
  const diagnostics: Diagnostic[] = [];
  const built = buildIamPolicies([...domains], options);
  const account = await ports.iam.callerAccount();
  const planned = new Set(domains.map((d) => d.id));
  const elsewhere = new Set<string>();
  const wanted = built.policies.flatMap((p) => {
    const role = roleOf(p.principal);
    const arn = policyArnFor(p.principal, p.policyName);
    if (!role || !arn) return [];
    if (role.account !== account) {
      elsewhere.add(role.account);
      return [];
    }
    return [{ principal: p.principal, policyName: p.policyName, arn }];
  });
  if (elsewhere.size > 0) {
    diagnostics.push(warning('iam-other-account', `Roles in account${elsewhere.size > 1 ? 's' : ''} ${[...elsewhere].join(', ')} get their policies there, and these credentials are for ${account}: those policies are planned as new and left alone by provision`,
      undefined, 'Write the documents with --out and create them in that account, or run specmesh there too.'));
  }
  const policies: LiveIamPolicy[] = (await mapLimited(wanted, CONCURRENCY, async (w): Promise<LiveIamPolicy | undefined> => {
    const policy = await ports.iam.getPolicy(w.arn);
    if (!policy) return undefined;
    const domain = policy.tags[TAG_DOMAIN];
    return { principal: w.principal, policyName: w.policyName, document: policy.document, arn: w.arn, attachedTo: await ports.iam.policyRoles(w.arn), ...(domain ? { domain } : {}) };
  })).filter((p): p is LiveIamPolicy => p !== undefined);

  // specmesh's other policies of the planned domains: parts no longer needed, roles renamed.
  const known = new Set(wanted.map((w) => w.arn));
  const others = (await ports.iam.listPolicies(POLICY_PATH)).filter((p) => !known.has(p.arn));
  const orphans = await mapLimited(others, CONCURRENCY, async (o) => {
    const policy = await ports.iam.getPolicy(o.arn);
    if (!policy || policy.tags[TAG_MANAGED_BY] !== 'specmesh' || !planned.has(policy.tags[TAG_DOMAIN] ?? '')) return undefined;
    return { principal: policy.tags[TAG_ROLE] ?? '', policyName: o.name, document: policy.document, arn: o.arn, domain: policy.tags[TAG_DOMAIN] } as LiveIamPolicy;
  });
  policies.push(...orphans.filter((p): p is LiveIamPolicy => p !== undefined && p.principal !== ''));

  const cluster = await ports.clusterPolicy.getClusterPolicy(options.clusterArn);
  return {
    live: { iamPolicies: policies, ...(cluster ? { mskClusterPolicy: cluster } : {}) },
    diagnostics: [...diagnostics],
  };
}
