import type { Diagnostic } from './diagnostic.js';

export type ChangeKind = 'topic' | 'acl' | 'iam-policy' | 'msk-cluster-policy' | 'schema' | 'kms-key' | 'scram-secret';
export type ChangeAction = 'create' | 'update' | 'replace' | 'delete' | 'no-op';

interface ChangeBase {
  kind: ChangeKind;
  /** Identifies the resource within its kind (topic name, ACL key, subject, secret name…). */
  id: string;
  /** The domain the change belongs to, when there is one. */
  domain?: string;
  /** Why, when the action alone does not say (e.g. which fields differ). */
  reason?: string;
}

/**
 * One planned change. `before`/`after` by action:
 * create: after only; delete: before only; update/replace: both, different; no-op: both, equal.
 */
export type Change<T = unknown> = ChangeBase & (
  | { action: 'create'; after: T; before?: never }
  | { action: 'update'; before: T; after: T }
  | { action: 'replace'; before: T; after: T }
  | { action: 'delete'; before: T; after?: never }
  | { action: 'no-op'; before: T; after: T }
);

export interface PlanSummary {
  create: number;
  update: number;
  delete: number;
  noop: number;
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
}

export function summarize(changes: readonly Change[]): PlanSummary {
  const s: PlanSummary = { create: 0, update: 0, delete: 0, noop: 0 };
  for (const c of changes) {
    switch (c.action) {
      case 'create': s.create++; break;
      case 'update': s.update++; break;
      case 'delete': s.delete++; break;
      case 'replace': s.create++; s.delete++; break;
      case 'no-op': s.noop++; break;
      default: throw new Error(`Unknown change action ${JSON.stringify((c as Change).action)}: this is a bug`);
    }
  }
  return s;
}

export const hasPendingChanges = (plan: Plan): boolean => plan.changes.some((c) => c.action !== 'no-op');

export const warningFromDiagnostic = (d: Diagnostic): PlanWarning => ({
  code: d.code,
  message: d.fix ? `${d.summary}. ${d.fix}` : d.summary,
  ...(d.location?.file ? { file: d.location.file } : {}),
  ...(d.location?.line !== undefined ? { line: d.location.line } : {}),
});
