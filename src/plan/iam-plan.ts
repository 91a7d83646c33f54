import { buildIamPolicies, parseRoleArn, type IamOptions, type PolicyStatement } from '../iam/index.js';
import { CLUSTER_POLICY_SID_PREFIX } from '../iam/cluster-policy.js';
import { error, type Diagnostic } from '../spec/diagnostic.js';
import type { Domain } from '../spec/model.js';
import { canonicalJson } from './canonical-json.js';
import type { Change } from './change.js';
import { diffResources } from './diff-resources.js';
import type { LiveIamPolicy, LiveState } from './live-state.js';

export type IamPlanOptions = IamOptions;

export type IamPolicyResource = LiveIamPolicy;

const canonical = canonicalJson;

const statementsOf = (document: unknown): PolicyStatement[] => {
  const s = (document as { Statement?: unknown } | undefined)?.Statement;
  return Array.isArray(s) ? (s as PolicyStatement[]) : s && typeof s === 'object' ? [s as PolicyStatement] : [];
};
const isOurs = (s: PolicyStatement): boolean => typeof s.Sid === 'string' && s.Sid.startsWith(CLUSTER_POLICY_SID_PREFIX);

/** Identity policies per domain role (and the MSK cluster policy for other accounts), diffed by document and attachment. */
export function planIam(domains: readonly Domain[], live: LiveState, options: IamPlanOptions | undefined, cleanUnspecified: boolean, estate: readonly string[] = []): { changes: Change[]; diagnostics: Diagnostic[] } {
  if (!options) {
    return { changes: [], diagnostics: [error('iam-options', 'The iam emitter needs the MSK cluster ARN', undefined,
      'Pass --msk-cluster-arn arn:aws:kafka:<region>:<account>:cluster/<name>/<uuid> and --iam-role-template (or --iam-role-map).')] };
  }
  const built = buildIamPolicies([...domains], { ...options, estate: [...(options.estate ?? []), ...estate] });
  const desired: IamPolicyResource[] = built.policies.map((p) => ({ principal: p.principal, policyName: p.policyName, document: p.document, domain: p.domain }));
  const principals = new Set(desired.map((p) => p.principal));
  const planned = new Set(domains.map((d) => d.id));
  const roleName = (arn: string): string | undefined => { const r = parseRoleArn(arn); return 'problem' in r ? undefined : r.name; };
  const { changes } = diffResources<IamPolicyResource>({
    kind: 'iam-policy',
    key: (p) => `${p.principal}#${p.policyName}`,
    domainOf: (p) => p.domain,
    // A policy read from IAM says whose it is (its tag); one from a snapshot, by its role.
    inScope: (p) => (p.domain !== undefined ? planned.has(p.domain) : principals.has(p.principal)),
    compare: (want, have) => {
      const role = roleName(want.principal);
      const others = (have.attachedTo ?? []).filter((r) => r !== role);
      const reasons = [
        ...(canonical(want.document) === canonical(have.document) ? [] : ['policy document differs']),
        ...(have.attachedTo !== undefined && role !== undefined && !have.attachedTo.includes(role) ? ['attach to the role'] : []),
        ...(others.length > 0 ? [`detach from ${others.join(', ')}`] : []),
      ];
      if (reasons.length === 0) return { after: have };
      return { after: { ...want, ...(have.arn ? { arn: have.arn } : {}), ...(have.attachedTo && role ? { attachedTo: [role] } : {}) }, reason: reasons.join('; ') };
    },
  }, desired, (live.iamPolicies ?? []) as IamPolicyResource[], { cleanUnspecified });
  const out: Change[] = changes.map(stripDomainField);
  out.push(...clusterPolicyChange(live.mskClusterPolicy, built.clusterPolicy?.document, options.clusterArn, cleanUnspecified));
  return { changes: out, diagnostics: built.diagnostics };
}

/**
 * The cluster policy holds specmesh's statements (Sids `Specmesh…`) and whatever else its owners
 * put there: only specmesh's are planned, the others are kept as they are.
 */
function clusterPolicyChange(before: LiveState['mskClusterPolicy'], ours: { Version: string; Statement: PolicyStatement[] } | undefined, clusterArn: string, cleanUnspecified: boolean): Change[] {
  const id = clusterArn;
  const foreign = statementsOf(before?.document).filter((s) => !isOurs(s));
  if (!ours) {
    // No role in another account: specmesh's statements go only when asked.
    if (!before || !cleanUnspecified || statementsOf(before.document).every((s) => !isOurs(s))) return [];
    if (foreign.length === 0) return [{ kind: 'msk-cluster-policy', id, action: 'delete', before, reason: 'no role in another account is planned (--clean-unspecified)' }];
    const after = { ...before, document: { ...(before.document as object), Statement: foreign } };
    return [{ kind: 'msk-cluster-policy', id, action: 'update', before, after, reason: 'remove specmesh\'s statements: no role in another account is planned (--clean-unspecified)' }];
  }
  const reason = 'principals in another account than the cluster';
  if (!before) return [{ kind: 'msk-cluster-policy', id, action: 'create', after: { document: ours }, reason }];
  const document = { ...ours, Statement: [...foreign, ...ours.Statement] };
  if (canonical(before.document) === canonical(document)) return [{ kind: 'msk-cluster-policy', id, action: 'no-op', before, after: before }];
  return [{ kind: 'msk-cluster-policy', id, action: 'update', before, after: { ...before, document }, reason: foreign.length ? 'specmesh\'s statements differ (the others are kept)' : 'cluster policy document differs' }];
}

function stripDomainField(c: Change<IamPolicyResource>): Change {
  const strip = (p: IamPolicyResource | undefined): LiveIamPolicy | undefined => {
    if (!p) return undefined;
    const { domain: _d, ...rest } = p;
    return rest;
  };
  return { ...c, ...(c.before ? { before: strip(c.before) } : {}), ...(c.after ? { after: strip(c.after) } : {}) } as Change;
}
