import { buildIamPolicies, MAX_CLUSTER_POLICY_CHARS, parseClusterArn, parseRoleArn, policySize, type IamOptions, type PolicyDocument, type PolicyStatement } from './index.js';
import { isConnectivityStatement, isPlannedStatement, type ClusterPolicyScope } from './cluster-policy-ownership.js';
import { error, warning, type Diagnostic } from '../core/diagnostic.js';
import type { Domain } from '../spec/model.js';
import { canonicalJson } from '../core/canonical-json.js';
import type { ChangeOf } from '../core/change.js';
import { diffResources } from '../core/diff-resources.js';
import type { ClusterPolicyState, IamLiveState, LiveIamPolicy } from './iam-policy-state.js';
import { documentChangeReason } from './statement-diff.js';

export type IamPolicyChange = ChangeOf<'iam-policy', LiveIamPolicy>;
export type ClusterPolicyChange = ChangeOf<'msk-cluster-policy', ClusterPolicyState>;

export type IamPlanOptions = IamOptions;

export type IamPolicyResource = LiveIamPolicy;

const canonical = canonicalJson;

const statementsOf = (document: unknown): PolicyStatement[] => {
  const s = (document as { Statement?: unknown } | undefined)?.Statement;
  return Array.isArray(s) ? (s as PolicyStatement[]) : s && typeof s === 'object' ? [s as PolicyStatement] : [];
};

/** Identity policies per domain role (and the MSK cluster policy for other accounts), diffed by document and attachment. */
export function planIam(domains: readonly Domain[], live: IamLiveState, options: IamPlanOptions | undefined, cleanUnspecified: boolean, estate: readonly string[] = []): { changes: (IamPolicyChange | ClusterPolicyChange)[]; diagnostics: Diagnostic[] } {
  if (!options) {
    return { changes: [], diagnostics: [error('iam-options', 'The iam emitter needs the MSK cluster ARN', undefined,
      'Pass --msk-cluster-arn arn:aws:kafka:<region>:<account>:cluster/<name>/<uuid> and --iam-role-template (or --iam-role-map).')] };
  }
  const built = buildIamPolicies([...domains], { ...options, estate: [...(options.estate ?? []), ...estate] });
  const desired: IamPolicyResource[] = built.policies.map((p) => ({ principal: p.principal, policyName: p.policyName, document: p.document, domain: p.domain }));
  const principals = new Set(desired.map((p) => p.principal));
  const planned = new Set(domains.map((d) => d.id));
  const roleName = (arn: string): string | undefined => { const r = parseRoleArn(arn); return 'problem' in r ? undefined : r.name; };
  const { changes, keptOrphans } = diffResources<'iam-policy', IamPolicyResource>({
    kind: 'iam-policy',
    key: (p) => `${p.principal}#${p.policyName}`,
    domainOf: (p) => p.domain,
    // A policy read from IAM says whose it is (its tag); one from a snapshot, by its role.
    inScope: (p) => (p.domain !== undefined ? planned.has(p.domain) : principals.has(p.principal)),
    compare: (want, have) => {
      const role = roleName(want.principal);
      const others = (have.attachedTo ?? []).filter((r) => r !== role);
      const reasons = [
        ...(canonical(want.document) === canonical(have.document) ? [] : [documentChangeReason(have.document, want.document, options.clusterArn)]),
        ...(have.attachedTo !== undefined && role !== undefined && !have.attachedTo.includes(role) ? ['attach to the role'] : []),
        ...(others.length > 0 ? [`detach from ${others.join(', ')}`] : []),
      ];
      if (reasons.length === 0) return { after: have };
      return { after: { ...want, ...(have.arn ? { arn: have.arn } : {}), ...(have.attachedTo && role ? { attachedTo: [role] } : {}) }, reason: reasons.join('; ') };
    },
  }, desired, (live.iamPolicies ?? []) as IamPolicyResource[], { cleanUnspecified });
  // A delete detaches the policy from its roles first: the plan says from which.
  const out: (IamPolicyChange | ClusterPolicyChange)[] = changes.map((c) => {
    const roles = c.action === 'delete' ? c.before.attachedTo ?? [] : [];
    return stripDomainField(roles.length ? { ...c, reason: `${c.reason ?? 'not needed'}; detached from ${roles.join(', ')} first` } : c);
  });
  const diagnostics = [...built.diagnostics];
  if (keptOrphans.length > 0) {
    const names = keptOrphans.map((p) => p.policyName);
    diagnostics.push(warning('unspecified-kept', `${names.length} IAM polic${names.length === 1 ? 'y' : 'ies'} of the planned domains no spec needs ${names.length === 1 ? 'is' : 'are'} kept, still attached with ${names.length === 1 ? 'its' : 'their'} grants: ${names.slice(0, 10).join(', ')}${names.length > 10 ? ', …' : ''}`,
      undefined, 'Run with --clean-unspecified to delete them.'));
  }
  const cluster = parseClusterArn(options.clusterArn);
  const scope: ClusterPolicyScope = {
    domains: domains.map((d) => d.id),
    roleNames: built.policies.flatMap((p) => {
      const r = parseRoleArn(p.principal);
      return 'problem' in r || 'problem' in cluster || r.account === cluster.account ? [] : [r.name];
    }),
  };
  out.push(...clusterPolicyChange(live.mskClusterPolicy, built.clusterPolicy?.document, options.clusterArn, scope, cleanUnspecified, diagnostics));
  return { changes: out, diagnostics };
}

/**
 * The cluster policy holds specmesh's statements for the planned domains, which this plan decides,
 * and statements of others (and specmesh's for domains not planned now), which stay as they are.
 * Only with --clean-unspecified does a policy left with nothing of anyone's go.
 */
function clusterPolicyChange(before: IamLiveState['mskClusterPolicy'], ours: PolicyDocument | undefined, clusterArn: string,
  scope: ClusterPolicyScope, cleanUnspecified: boolean, diagnostics: Diagnostic[]): ClusterPolicyChange[] {
  const id = clusterArn;
  let kept = statementsOf(before?.document).filter((s) => !isPlannedStatement(s, scope));
  if (cleanUnspecified) {
    // specmesh's connectivity grant to a role none of the remaining statements is for: left over from a role that moved.
    const principalOf = (s: PolicyStatement): string => JSON.stringify(s.Principal ?? null);
    const served = new Set([...kept, ...(ours?.Statement ?? [])].filter((s) => !isConnectivityStatement(s)).map(principalOf));
    kept = kept.filter((s) => !isConnectivityStatement(s) || served.has(principalOf(s)));
  }
  const statements = [...kept, ...(ours?.Statement ?? [])];
  const reason = kept.length ? 'specmesh\'s statements for the planned domains differ (the others are kept)' : 'principals in another account than the cluster';
  if (!before) return ours ? [{ kind: 'msk-cluster-policy', id, action: 'create', after: { document: ours }, reason }] : [];
  const document = { ...(before.document as object), Version: (before.document as { Version?: string }).Version ?? ours?.Version ?? '2012-10-17', Statement: statements };
  if (canonical(before.document) === canonical(document)) return [{ kind: 'msk-cluster-policy', id, action: 'no-op', before, after: before }];
  if (statements.length === 0) {
    if (cleanUnspecified) return [{ kind: 'msk-cluster-policy', id, action: 'delete', before, reason: 'nothing is left in it (--clean-unspecified)' }];
    diagnostics.push(warning('unspecified-kept', 'The MSK cluster policy holds only specmesh statements for planned domains that no longer need them; it is kept, since a cluster policy cannot be empty',
      undefined, 'Run with --clean-unspecified to delete it.'));
    return [{ kind: 'msk-cluster-policy', id, action: 'no-op', before, after: before }];
  }
  const size = policySize(document as PolicyDocument);
  if (size > MAX_CLUSTER_POLICY_CHARS) {
    diagnostics.push(error('iam-cluster-policy-too-large', `The MSK cluster policy would be ${size} characters with the statements already in it; MSK allows at most ${MAX_CLUSTER_POLICY_CHARS}`,
      undefined, 'Use fewer cross-account roles, use --iam-widen-public-reads, or remove statements others no longer need from the cluster policy.'));
  }
  const why = ours ? reason : 'no planned domain has a role in another account now (the others\' statements are kept)';
  return [{ kind: 'msk-cluster-policy', id, action: 'update', before, after: { ...before, document }, reason: `${why}; ${documentChangeReason(before.document, document, clusterArn)}` }];
}

/** The domain tag decides scope while diffing; the plan shows the policy without it. */
function stripDomainField(c: ChangeOf<'iam-policy', IamPolicyResource>): ChangeOf<'iam-policy', LiveIamPolicy> {
  const strip = ({ domain: _d, ...rest }: IamPolicyResource): LiveIamPolicy => rest;
  switch (c.action) {
    case 'create': return { ...c, after: strip(c.after) };
    case 'delete': return { ...c, before: strip(c.before) };
    default: return { ...c, before: strip(c.before), after: strip(c.after) };
  }
}
