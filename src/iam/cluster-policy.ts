import { error, type Diagnostic } from '../core/diagnostic.js';
import type { ClusterArn } from './cluster-arn.js';
import type { MskClusterPolicy } from './iam-policy.js';
import { CROSS_ACCOUNT_CLUSTER_ACTIONS } from './kafka-actions.js';
import { policyDocument, policySize, sidWord, statement, type PolicyStatement } from './policy-document.js';

/**
 * Every statement specmesh puts in a cluster policy has a Sid starting so: a cluster has one
 * policy, and statements others wrote there are kept beside specmesh's.
 */
export const CLUSTER_POLICY_SID_PREFIX = 'Specmesh';

/** MSK's limit for a cluster policy: 20 KB. Unlike identity policies, it cannot be split. */
export const MAX_CLUSTER_POLICY_CHARS = 20_480;

export interface CrossAccountGrant {
  domain: string;
  principal: string;
  roleName: string;
  /** The domain's identity-policy statements, unsplit. */
  statements: readonly PolicyStatement[];
}

/**
 * A cross-account request needs an Allow on both sides: the role's identity policy and the
 * cluster policy. So each such role gets, on the cluster, the multi-VPC connectivity actions and
 * a copy of its identity policy's Allow statements, and nothing more. Its Deny statements stay in
 * the identity policy, where they already apply.
 */
export function buildClusterPolicy(cluster: ClusterArn, grants: readonly CrossAccountGrant[]): MskClusterPolicy {
  const sorted = [...grants].sort((a, b) => (a.principal === b.principal ? (a.domain < b.domain ? -1 : 1) : a.principal < b.principal ? -1 : 1));
  const used = new Map<string, number>();
  const sid = (base: string): string => {
    const n = (used.get(base) ?? 0) + 1;
    used.set(base, n);
    return n === 1 ? base : `${base}${n}`;
  };
  const out: PolicyStatement[] = [];
  const principals = new Set<string>();
  const granted = new Set<string>();
  for (const g of sorted) {
    const Principal = { AWS: g.principal };
    if (!principals.has(g.principal)) {
      principals.add(g.principal);
      const s = statement(sid(`${CLUSTER_POLICY_SID_PREFIX}${sidWord(g.roleName)}Connectivity`), 'Allow', CROSS_ACCOUNT_CLUSTER_ACTIONS, [cluster.arn]);
      out.push({ Sid: s.Sid, Effect: s.Effect, Principal, Action: s.Action, Resource: s.Resource });
    }
    for (const s of g.statements) {
      const key = JSON.stringify([g.principal, s.Action, s.Resource]);
      // A role shared by several domains gets each statement once.
      if (s.Effect !== 'Allow' || granted.has(key)) continue;
      granted.add(key);
      out.push({ Sid: sid(`${CLUSTER_POLICY_SID_PREFIX}${sidWord(g.domain)}${s.Sid}`), Effect: 'Allow', Principal, Action: s.Action, Resource: s.Resource });
    }
  }
  return { document: policyDocument(out) };
}

export function clusterPolicyDiagnostics(policy: MskClusterPolicy): Diagnostic[] {
  const size = policySize(policy.document);
  if (size <= MAX_CLUSTER_POLICY_CHARS) return [];
  return [error('iam-cluster-policy-too-large', `The MSK cluster policy for roles in other accounts is ${size} characters; MSK allows at most ${MAX_CLUSTER_POLICY_CHARS}`, undefined,
    'Use fewer cross-account roles, use --iam-widen-public-reads, or move the roles into the cluster\'s account.')];
}
