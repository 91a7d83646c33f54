import { parseClusterArn } from './cluster-arn.js';

/** A statement as IAM accepts it: Action/Resource as a string or a list, Sid optional. */
interface LooseStatement {
  Sid?: unknown;
  Effect?: unknown;
  Principal?: unknown;
  Action?: unknown;
  NotAction?: unknown;
  Resource?: unknown;
  NotResource?: unknown;
  Condition?: unknown;
}

export type StatementChange =
  | { kind: 'added' | 'removed'; sid: string; effect: string; actions: string[]; resources: string[] }
  | { kind: 'changed'; sid: string; effect?: { before: string; after: string }; addedActions: string[]; removedActions: string[];
      addedResources: string[]; removedResources: string[]; otherChanges: string[] };

const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : v === undefined ? [] : [String(v)]);
const sorted = (xs: Iterable<string>): string[] => [...new Set(xs)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

function statementsOf(document: unknown): LooseStatement[] {
  const s = (document as { Statement?: unknown } | null | undefined)?.Statement;
  return (Array.isArray(s) ? s : s && typeof s === 'object' ? [s] : []) as LooseStatement[];
}

/** Statements are matched by Sid; one without a Sid by its place among those without. */
function keyed(document: unknown): Map<string, LooseStatement> {
  const out = new Map<string, LooseStatement>();
  let unnamed = 0;
  for (const s of statementsOf(document)) {
    const key = typeof s.Sid === 'string' && s.Sid !== '' && !out.has(s.Sid) ? s.Sid : `#${++unnamed}`;
    out.set(key, s);
  }
  return out;
}

const actionsOf = (s: LooseStatement): string[] => [...list(s.Action), ...list(s.NotAction).map((a) => `not ${a}`)];
const resourcesOf = (s: LooseStatement): string[] => [...list(s.Resource), ...list(s.NotResource).map((r) => `not ${r}`)];
const json = (v: unknown): string => JSON.stringify(v ?? null);

/** What differs between two policy documents, statement by statement, in the order of `after` (removed ones last). */
export function diffStatements(before: unknown, after: unknown): StatementChange[] {
  const was = keyed(before);
  const is = keyed(after);
  const out: StatementChange[] = [];
  for (const [sid, s] of is) {
    const old = was.get(sid);
    if (!old) {
      out.push({ kind: 'added', sid, effect: String(s.Effect), actions: sorted(actionsOf(s)), resources: sorted(resourcesOf(s)) });
      continue;
    }
    const [a0, a1, r0, r1] = [new Set(actionsOf(old)), new Set(actionsOf(s)), new Set(resourcesOf(old)), new Set(resourcesOf(s))];
    const otherChanges = [
      ...(json(old.Principal) !== json(s.Principal) ? ['principal'] : []),
      ...(json(old.Condition) !== json(s.Condition) ? ['condition'] : []),
    ];
    const change: StatementChange = {
      kind: 'changed', sid,
      ...(String(old.Effect) !== String(s.Effect) ? { effect: { before: String(old.Effect), after: String(s.Effect) } } : {}),
      addedActions: sorted([...a1].filter((a) => !a0.has(a))), removedActions: sorted([...a0].filter((a) => !a1.has(a))),
      addedResources: sorted([...r1].filter((r) => !r0.has(r))), removedResources: sorted([...r0].filter((r) => !r1.has(r))),
      otherChanges,
    };
    const empty = !change.effect && !change.addedActions.length && !change.removedActions.length && !change.addedResources.length
      && !change.removedResources.length && !otherChanges.length;
    if (!empty) out.push(change);
  }
  for (const [sid, s] of was) {
    if (!is.has(sid)) out.push({ kind: 'removed', sid, effect: String(s.Effect), actions: sorted(actionsOf(s)), resources: sorted(resourcesOf(s)) });
  }
  return out;
}

/**
 * Resource ARNs of the cluster, shortened to what tells them apart (`topic acme.orders._public.*`,
 * `group acme.orders.*`, `cluster`); any other ARN as it is.
 */
export function shortResource(arn: string, clusterArn: string | undefined): string {
  const cluster = clusterArn ? parseClusterArn(clusterArn) : undefined;
  if (!cluster || 'problem' in cluster) return arn;
  if (arn === cluster.arn) return 'cluster';
  const prefix = `arn:${cluster.partition}:kafka:${cluster.region}:${cluster.account}:`;
  if (!arn.startsWith(prefix)) return arn;
  const m = /^(topic|group|transactional-id)\/([^/]+)\/([^/]+)\/(.*)$/.exec(arn.slice(prefix.length));
  return m && m[2] === cluster.name && m[3] === cluster.uuid ? `${m[1]} ${m[4]}` : arn;
}

/** The changes in one line each: `+ statement ReadConsumedTopics (Allow kafka-cluster:ReadData on topic x)`. */
export function describeStatementChanges(changes: readonly StatementChange[], clusterArn?: string): string[] {
  const res = (rs: readonly string[]): string => rs.map((r) => shortResource(r, clusterArn)).join(', ');
  return changes.map((c) => {
    if (c.kind !== 'changed') {
      return `${c.kind === 'added' ? '+' : '-'} statement ${c.sid} (${c.effect} ${c.actions.join(', ')} on ${res(c.resources)})`;
    }
    const parts = [
      ...(c.effect ? [`effect ${c.effect.before} → ${c.effect.after}`] : []),
      ...c.addedActions.map((a) => `+ ${a}`), ...c.removedActions.map((a) => `- ${a}`),
      ...c.addedResources.map((r) => `+ ${shortResource(r, clusterArn)}`), ...c.removedResources.map((r) => `- ${shortResource(r, clusterArn)}`),
      ...c.otherChanges.map((o) => `${o} changed`),
    ];
    return `~ statement ${c.sid}: ${parts.join(', ')}`;
  });
}

/** The reason of a changed document, listing what changed statement by statement. */
export function documentChangeReason(before: unknown, after: unknown, clusterArn?: string): string {
  const lines = describeStatementChanges(diffStatements(before, after), clusterArn);
  return lines.length ? `policy document: ${lines.join('; ')}` : 'policy document differs (Version or layout)';
}
