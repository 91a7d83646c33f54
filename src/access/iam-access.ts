import type { AccessResourceType } from '../core/access-summary.js';
import type { Change } from '../core/change.js';
import type { RawAccess } from './acl-access.js';

const ARN = /^arn:[^:]+:kafka:[^:]*:[^:]*:(cluster|topic|group|transactional-id)\/(.*)$/;

interface Statement { Effect?: unknown; Action?: unknown; Resource?: unknown; Principal?: unknown }

const list = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? [v] : []);
const statementsOf = (document: unknown): Statement[] => {
  const s = (document as { Statement?: unknown } | null)?.Statement;
  return Array.isArray(s) ? (s as Statement[]) : s && typeof s === 'object' ? [s as Statement] : [];
};

/** `principal → action\u0001resource` pairs the documents allow, minus what their Deny statements name. */
function effective(documents: readonly { document: unknown; principal?: string }[]): Map<string, Set<string>> {
  const allowed = new Map<string, Set<string>>();
  const denied = new Map<string, { actions: string[]; resources: string[] }[]>();
  for (const { document, principal } of documents) {
    for (const s of statementsOf(document)) {
      const principals = principal ? [principal] : list((s.Principal as { AWS?: unknown } | undefined)?.AWS);
      for (const p of principals) {
        if (s.Effect === 'Deny') {
          if (!denied.has(p)) denied.set(p, []);
          denied.get(p)!.push({ actions: list(s.Action), resources: list(s.Resource) });
          continue;
        }
        if (s.Effect !== 'Allow') continue;
        if (!allowed.has(p)) allowed.set(p, new Set());
        const set = allowed.get(p)!;
        for (const a of list(s.Action)) for (const r of list(s.Resource)) set.add(`${a}\u0001${r}`);
      }
    }
  }
  for (const [p, denies] of denied) {
    const set = allowed.get(p);
    if (!set) continue;
    for (const pair of [...set]) {
      const [a, r] = pair.split('\u0001') as [string, string];
      if (denies.some((d) => d.actions.some((x) => x === a || x === '*' || x === 'kafka-cluster:*') && d.resources.some((x) => x === r || x === '*'))) set.delete(pair);
    }
  }
  return allowed;
}

const resourceOf = (arn: string): { resourceType: AccessResourceType; resource: string } => {
  const m = ARN.exec(arn);
  if (!m) return { resourceType: 'cluster', resource: arn };
  const [, type, rest] = m as unknown as [string, string, string];
  if (type === 'cluster') return { resourceType: 'cluster', resource: rest.split('/')[0] ?? rest };
  return { resourceType: type as AccessResourceType, resource: rest.split('/').slice(2).join('/') };
};

const shortAction = (a: string): string => a.replace(/^kafka-cluster:/, '');

/**
 * Compares the effective actions of each role's identity policies (all its parts together, so a
 * statement moving between parts changes nothing) and of the MSK cluster policy's principals,
 * before and after the plan.
 */
export function iamAccessChanges(changes: readonly Change[]): RawAccess[] {
  const before: { document: unknown; principal?: string }[] = [];
  const after: { document: unknown; principal?: string }[] = [];
  let touched = false;
  for (const c of changes) {
    if (c.kind !== 'iam-policy' && c.kind !== 'msk-cluster-policy') continue;
    if (c.action !== 'no-op') touched = true;
    // An identity policy's statements hold for its role; the cluster policy's name their principals.
    const side = (s: { document: unknown; principal?: string }): { document: unknown; principal?: string } =>
      (c.kind === 'iam-policy' && s.principal ? { document: s.document, principal: s.principal } : { document: s.document });
    if (c.action !== 'create') before.push(side(c.before));
    if (c.action !== 'delete') after.push(side(c.after));
  }
  if (!touched) return [];
  const was = effective(before);
  const is = effective(after);
  const grouped = new Map<string, RawAccess>();
  const add = (principal: string, pair: string, side: 'gained' | 'lost'): void => {
    const [action, arn] = pair.split('\u0001') as [string, string];
    const { resourceType, resource } = resourceOf(arn);
    const key = `${principal}\u0001${resourceType}\u0001${resource}`;
    let entry = grouped.get(key);
    if (!entry) {
      entry = { principal, via: 'iam', resourceType, resource, gained: [], lost: [] };
      grouped.set(key, entry);
    }
    entry[side].push(shortAction(action));
  };
  for (const principal of new Set([...was.keys(), ...is.keys()])) {
    const then = was.get(principal) ?? new Set<string>();
    const now = is.get(principal) ?? new Set<string>();
    for (const pair of now) if (!then.has(pair)) add(principal, pair, 'gained');
    for (const pair of then) if (!now.has(pair)) add(principal, pair, 'lost');
  }
  for (const e of grouped.values()) { e.gained.sort(); e.lost.sort(); }
  return [...grouped.values()];
}
