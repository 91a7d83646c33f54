import { CLUSTER_POLICY_SID_PREFIX } from './cluster-policy.js';
import { sidWord, type PolicyStatement } from './policy-document.js';

/** The Allow statements of a domain's identity policy that a cluster policy copies (see buildClusterPolicy). */
const COPIED_SIDS = ['Cluster', 'OwnTopics', 'CreatePrivateTopics', 'OwnGroups', 'OwnTransactionalIds', 'ReadPublicTopics', 'ReadConsumedTopics'];
// Greedy on the domain word: `SpecmeshAcmeRetailOrdersOwnTopics` is acme.retail.orders', not acme.retail's.
const DOMAIN_STATEMENT = new RegExp(`^${CLUSTER_POLICY_SID_PREFIX}([A-Za-z0-9]+)(${COPIED_SIDS.join('|')})\\d*$`);
const CONNECTIVITY = new RegExp(`^${CLUSTER_POLICY_SID_PREFIX}([A-Za-z0-9]+)Connectivity\\d*$`);

export interface ClusterPolicyScope {
  /** The planned domains, by id. */
  domains: readonly string[];
  /** Names of the planned domains' roles in other accounts than the cluster. */
  roleNames: readonly string[];
}

/**
 * Whether a statement of an existing cluster policy is one specmesh wrote for a planned domain (so
 * this plan decides it) rather than someone else's, or specmesh's for a domain not being planned
 * (both kept as they are). Read from the Sid: `Specmesh<Domain><Statement>` or `Specmesh<Role>Connectivity`.
 */
export function isPlannedStatement(s: PolicyStatement, scope: ClusterPolicyScope): boolean {
  const sid = typeof s.Sid === 'string' ? s.Sid : '';
  const connectivity = CONNECTIVITY.exec(sid);
  if (connectivity) return scope.roleNames.some((r) => sidWord(r) === connectivity[1]);
  const m = DOMAIN_STATEMENT.exec(sid);
  return m !== null && scope.domains.some((d) => sidWord(d) === m[1]);
}

/** specmesh's grant of the multi-VPC connectivity actions to one role (`Specmesh<Role>Connectivity`). */
export const isConnectivityStatement = (s: PolicyStatement): boolean => typeof s.Sid === 'string' && CONNECTIVITY.test(s.Sid);
