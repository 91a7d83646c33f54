import type { AccessSummary } from './access-summary.js';
import type { Diagnostic } from './diagnostic.js';

/**
 * The state a change of each kind carries in `before`/`after`. Empty here: each resource kind's
 * module adds its own entry (`declare module '../core/change.js' { interface KindStates { … } }`),
 * so the core never names a kind, and `Change` is the union of every registered kind.
 */
// biome-ignore lint/suspicious/noEmptyInterface: kind modules add to it by declaration merging, which only an interface allows.
export interface KindStates {}

export type ChangeKind = keyof KindStates & string;
export type ChangeAction = 'create' | 'update' | 'replace' | 'delete' | 'no-op';

interface ChangeBase<K extends string> {
  kind: K;
  /** Identifies the resource within its kind (topic name, ACL key, subject, secret name…). */
  id: string;
  /** The domain the change belongs to, when there is one. */
  domain?: string;
  /** Why, when the action alone does not say (e.g. which fields differ). */
  reason?: string;
  /**
   * On a topic's update or no-op: the topic exists but its domain is not governed yet (this plan
   * creates the domain's owner access), so specmesh takes it over as it is (src/plan/mark-adoptions.ts).
   */
  adopt?: true;
}

/**
 * One planned change of kind `K` with state `S`. `before`/`after` by action:
 * create: after only; delete: before only; update/replace: both, different; no-op: both, equal.
 */
export type ChangeOf<K extends string, S> = ChangeBase<K> & (
  | { action: 'create'; after: S; before?: never }
  | { action: 'update'; before: S; after: S }
  | { action: 'replace'; before: S; after: S }
  | { action: 'delete'; before: S; after?: never }
  | { action: 'no-op'; before: S; after: S }
);

/** A planned change of any registered kind: a union on `kind`, so a switch over it is exhaustive. */
export type Change = { [K in ChangeKind]: ChangeOf<K, KindStates[K]> }[ChangeKind];

/** The change of one kind, narrowed from the union. */
export type ChangeOfKind<K extends ChangeKind> = Extract<Change, { kind: K }>;

export const isKind = <K extends ChangeKind>(c: Change, kind: K): c is ChangeOfKind<K> => c.kind === kind;

export interface PlanSummary {
  create: number;
  update: number;
  delete: number;
  noop: number;
  /** Existing topics taken over (changes marked `adopt`); absent when none. */
  adopt?: number;
}

export interface PlanWarning {
  code: string;
  message: string;
  domain?: string;
  file?: string;
  line?: number;
}

/** A plan is plain data: it can be saved, rendered, and applied later. */
export interface Plan {
  formatVersion: 1;
  specs: { file: string; domain: string }[];
  /** `live` when diffed against a cluster, `state-file` against a snapshot, `empty` with no connection. */
  liveSource: 'live' | 'state-file' | 'empty';
  changes: Change[];
  warnings: PlanWarning[];
  summary: PlanSummary;
  /** Who can newly do what and who can no longer, from the ACL bindings and IAM policies before and after (src/access). */
  access?: AccessSummary;
}

export function summarize(changes: readonly { action: ChangeAction; adopt?: true }[]): PlanSummary {
  const s: PlanSummary = { create: 0, update: 0, delete: 0, noop: 0 };
  for (const c of changes) {
    if (c.adopt) s.adopt = (s.adopt ?? 0) + 1;
    switch (c.action) {
      case 'create': s.create++; break;
      case 'update': s.update++; break;
      case 'delete': s.delete++; break;
      case 'replace': s.create++; s.delete++; break;
      case 'no-op': s.noop++; break;
      default: throw unreachable(c.action, 'change action');
    }
  }
  return s;
}

/** For the `default` of an exhaustive switch: the compiler proves it unreachable, and at run time it is a bug. */
export function unreachable(value: never, what: string): Error {
  return new Error(`Unknown ${what} ${JSON.stringify(value)}: this is a bug`);
}

export const hasPendingChanges = (plan: Plan): boolean => plan.changes.some((c) => c.action !== 'no-op');

export const warningFromDiagnostic = (d: Diagnostic): PlanWarning => ({
  code: d.code,
  message: d.fix ? `${d.summary}. ${d.fix}` : d.summary,
  ...(d.location?.file ? { file: d.location.file } : {}),
  ...(d.location?.line !== undefined ? { line: d.location.line } : {}),
});
