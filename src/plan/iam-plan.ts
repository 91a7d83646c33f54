import { buildIamPolicies, type IamOptions } from '../iam/index.js';
import { error, type Diagnostic } from '../spec/diagnostic.js';
import type { Domain } from '../spec/model.js';
import type { Change } from './change.js';
import { diffResources } from './diff-resources.js';
import type { LiveIamPolicy, LiveState } from './live-state.js';

export type IamPlanOptions = IamOptions;

export interface IamPolicyResource extends LiveIamPolicy {
  domain?: string;
}

const canonical = (v: unknown): string => JSON.stringify(v, (_k, x: unknown) =>
  x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b))) : x);

/** Identity policies per domain role (and the MSK cluster policy for other accounts), diffed by document. */
export function planIam(domains: readonly Domain[], live: LiveState, options: IamPlanOptions | undefined, cleanUnspecified: boolean, estate: readonly string[] = []): { changes: Change[]; diagnostics: Diagnostic[] } {
  if (!options) {
    return { changes: [], diagnostics: [error('iam-options', 'The iam emitter needs the MSK cluster ARN', undefined,
      'Pass --msk-cluster-arn arn:aws:kafka:<region>:<account>:cluster/<name>/<uuid> and --iam-role-template (or --iam-role-map).')] };
  }
  const built = buildIamPolicies([...domains], { ...options, estate: [...(options.estate ?? []), ...estate] });
  const desired: IamPolicyResource[] = built.policies.map((p) => ({ principal: p.principal, policyName: p.policyName, document: p.document, domain: p.domain }));
  const principals = new Set(desired.map((p) => p.principal));
  const { changes } = diffResources<IamPolicyResource>({
    kind: 'iam-policy',
    key: (p) => `${p.principal}#${p.policyName}`,
    domainOf: (p) => p.domain,
    inScope: (p) => principals.has(p.principal),
    compare: (want, have) => (canonical(want.document) === canonical(have.document) ? { after: have } : { after: want, reason: 'policy document differs' }),
  }, desired, (live.iamPolicies ?? []) as IamPolicyResource[], { cleanUnspecified });
  const out: Change[] = changes.map(stripDomainField);
  if (built.clusterPolicy) {
    const before = live.mskClusterPolicy;
    const reason = 'principals in another account than the cluster';
    if (!before) out.push({ kind: 'msk-cluster-policy', id: options.clusterArn, action: 'create', after: built.clusterPolicy, reason });
    else if (canonical(before.document) === canonical(built.clusterPolicy.document)) out.push({ kind: 'msk-cluster-policy', id: options.clusterArn, action: 'no-op', before, after: before });
    else out.push({ kind: 'msk-cluster-policy', id: options.clusterArn, action: 'update', before, after: built.clusterPolicy, reason: 'cluster policy document differs' });
  }
  return { changes: out, diagnostics: built.diagnostics };
}

function stripDomainField(c: Change<IamPolicyResource>): Change {
  const strip = (p: IamPolicyResource | undefined): LiveIamPolicy | undefined => {
    if (!p) return undefined;
    const { domain: _d, ...rest } = p;
    return rest;
  };
  return { ...c, ...(c.before ? { before: strip(c.before) } : {}), ...(c.after ? { after: strip(c.after) } : {}) } as Change;
}
