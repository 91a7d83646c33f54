import type { Change, ChangeAction, ChangeKind, Plan } from './change.js';
import type { ProgressListener } from './progress.js';

export type ResultStatus = 'ok' | 'failed' | 'skipped';

export interface ChangeResult {
  kind: ChangeKind;
  id: string;
  action: ChangeAction;
  status: ResultStatus;
  error?: string;
}

/** Applies the changes of some kinds; must return exactly one result per change it is given. */
export interface ChangeApplier {
  kinds: readonly ChangeKind[];
  apply(changes: readonly Change[]): Promise<ChangeResult[]>;
}

export interface ApplyReport {
  results: ChangeResult[];
  ok: number;
  failed: number;
  skipped: number;
}

export const resultOf = (c: { kind: ChangeKind; id: string; action: ChangeAction }, status: ResultStatus, error?: string): ChangeResult =>
  ({ kind: c.kind, id: c.id, action: c.action, status, ...(error ? { error } : {}) });

/** One applier for the kinds of several: each phase goes to the one that takes its kind. */
export function combineAppliers(appliers: readonly ChangeApplier[]): ChangeApplier {
  return {
    kinds: appliers.flatMap((a) => a.kinds),
    async apply(changes) {
      const first = changes[0];
      if (!first) return [];
      const applier = appliers.find((a) => a.kinds.includes(first.kind));
      if (!applier) return changes.map((c) => resultOf(c, 'skipped', `no emitter applies ${c.kind} changes here`));
      return applier.apply(changes);
    },
  };
}

/**
 * The report of an apply stopped before it changed anything: the refused changes failed (with
 * why), every other change skipped, saying so.
 */
export function stoppedReport(plan: Plan, refused: ReadonlyMap<Change, string>): ApplyReport {
  const note = `not applied: provision stopped before changing anything, as ${refused.size} planned change${refused.size === 1 ? ' would be' : 's would be'} refused`;
  const results = plan.changes.map((c) => {
    const why = refused.get(c);
    if (why !== undefined) return resultOf(c, 'failed', why);
    return c.action === 'no-op' ? resultOf(c, 'skipped') : resultOf(c, 'skipped', note);
  });
  return { results, ok: 0, failed: results.filter((r) => r.status === 'failed').length, skipped: results.filter((r) => r.status === 'skipped').length };
}

/**
 * Applies a plan in its order, one phase per (kind, delete or not), so topics exist before their
 * ACLs and ACLs go before their topics. Every change gets exactly one result; a phase whose
 * applier breaks marks its changes failed and the rest still run.
 */
export async function applyPlan(plan: Plan, appliers: readonly ChangeApplier[], onProgress?: ProgressListener): Promise<ApplyReport> {
  const results: ChangeResult[] = [];
  const total = plan.changes.filter((c) => c.action !== 'no-op').length;
  let done = 0;
  const phases: Change[][] = [];
  for (const c of plan.changes) {
    const last = phases.at(-1);
    const first = last?.[0];
    if (last && first && first.kind === c.kind && (first.action === 'delete') === (c.action === 'delete')) last.push(c);
    else phases.push([c]);
  }
  for (const phase of phases) {
    const pending = phase.filter((c) => c.action !== 'no-op');
    results.push(...phase.filter((c) => c.action === 'no-op').map((c) => resultOf(c, 'skipped')));
    const kind = pending[0]?.kind;
    if (kind === undefined) continue;
    onProgress?.({ stage: 'apply', kind, done, total });
    const applier = appliers.find((a) => a.kinds.includes(kind));
    if (!applier) {
      results.push(...pending.map((c) => resultOf(c, 'skipped', `no emitter applies ${c.kind} changes here`)));
      continue;
    }
    let phaseResults: ChangeResult[];
    try {
      phaseResults = await applier.apply(pending);
    } catch (e) {
      phaseResults = pending.map((c) => resultOf(c, 'failed', e instanceof Error ? e.message : String(e)));
    }
    if (phaseResults.length !== pending.length) {
      throw new Error(`The ${kind} applier returned ${phaseResults.length} results for ${pending.length} changes: this is a bug`);
    }
    results.push(...phaseResults);
    done += pending.length;
    onProgress?.({ stage: 'apply', kind, done, total });
  }
  return {
    results,
    ok: results.filter((r) => r.status === 'ok').length,
    failed: results.filter((r) => r.status === 'failed').length,
    skipped: results.filter((r) => r.status === 'skipped').length,
  };
}
