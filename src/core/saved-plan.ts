import type { Change, Plan } from './change.js';

/**
 * A plan saved by `plan --out`, with what it was computed from: the specs' content (a hash per
 * file) and, per change it makes, a fingerprint of the live `before` it read. `provision --plan`
 * applies exactly its changes, and refuses when a spec or a touched resource has changed since.
 * Secrets are masked, as in every rendering: a saved plan never holds one.
 */
export interface SavedPlan {
  formatVersion: 1;
  type: 'specmesh-saved-plan';
  /** `sha256:` of every spec file's content, by file; `specsHash` covers them all. */
  specsHash: string;
  specFiles: Record<string, string>;
  /** The non-secret flags the plan was computed with (spec inputs, emitters, options); connections are not kept. */
  inputs: Record<string, unknown>;
  /** `<kind>:<id>` → `sha256:` of the `before` it read, or `absent`; for changes other than no-ops. */
  fingerprints: Record<string, string>;
  plan: Plan;
}

export const changeKey = (c: Pick<Change, 'kind' | 'id'>): string => `${c.kind}:${c.id}`;

/** JSON with sorted keys: the same state always gives the same text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export interface Drift {
  /** Spec files added, removed or changed since the plan was saved. */
  specs: { file: string; change: 'added' | 'removed' | 'changed' }[];
  /** Resources the plan touches whose live state is not what the plan read. */
  resources: { kind: string; id: string }[];
}

/** What differs between a saved plan and a fresh read of the same inputs. Pure: the hashes come in. */
export function findDrift(saved: Pick<SavedPlan, 'specFiles' | 'fingerprints'>, now: { specFiles: Record<string, string>; fingerprints: Record<string, string> }): Drift {
  const specs: Drift['specs'] = [];
  for (const [file, hash] of Object.entries(saved.specFiles)) {
    const current = now.specFiles[file];
    if (current === undefined) specs.push({ file, change: 'removed' });
    else if (current !== hash) specs.push({ file, change: 'changed' });
  }
  for (const file of Object.keys(now.specFiles)) if (!(file in saved.specFiles)) specs.push({ file, change: 'added' });
  const resources: Drift['resources'] = [];
  for (const [key, fingerprint] of Object.entries(saved.fingerprints)) {
    if ((now.fingerprints[key] ?? 'absent') !== fingerprint) {
      const at = key.indexOf(':');
      resources.push({ kind: key.slice(0, at), id: key.slice(at + 1) });
    }
  }
  return { specs, resources };
}

export interface PlanMismatch {
  /** Changes in the saved plan that the specs do not plan, or plan otherwise. */
  notPlanned: { kind: string; id: string; action: string }[];
  /** Changes the specs plan that the saved plan leaves out. */
  missing: { kind: string; id: string; action: string }[];
}

/**
 * Where a saved plan's changes differ from the changes its own specs plan against the same live
 * state (both masked): a saved plan edited after `plan --out` wrote it. Empty lists when equal.
 * Pure: planning is deterministic, so an untouched saved plan always matches.
 */
export function comparePlannedChanges(saved: readonly Change[], fresh: readonly Change[]): PlanMismatch {
  const pending = (changes: readonly Change[]) => new Map(changes.filter((c) => c.action !== 'no-op').map((c) => [changeKey(c), c] as const));
  const was = pending(saved);
  const now = pending(fresh);
  const brief = (c: Change) => ({ kind: c.kind, id: c.id, action: c.action });
  const notPlanned: PlanMismatch['notPlanned'] = [];
  const missing: PlanMismatch['missing'] = [];
  for (const [key, c] of was) {
    const f = now.get(key);
    if (!f || canonicalJson(f) !== canonicalJson(c)) notPlanned.push(brief(c));
  }
  for (const [key, c] of now) if (!was.has(key)) missing.push(brief(c));
  return { notPlanned, missing };
}

/**
 * Whether the cluster already holds what each saved change makes: every resource it creates or
 * updates is planned as a no-op with the same `after`, and every one it deletes is gone.
 */
export function alreadyApplied(saved: readonly Change[], fresh: readonly Change[]): boolean {
  const now = new Map(fresh.map((c) => [changeKey(c), c] as const));
  return saved.filter((c) => c.action !== 'no-op').every((c) => {
    const f = now.get(changeKey(c));
    if (c.action === 'delete') return !f;
    return f?.action === 'no-op' && canonicalJson(f.after) === canonicalJson(c.after);
  });
}
