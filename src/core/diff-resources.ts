import type { ChangeOf } from './change.js';

export interface ResourceDiffSpec<K extends string, T> {
  kind: K;
  key(resource: T): string;
  domainOf(resource: T): string | undefined;
  /** Returns the value the resource will have after apply, and why it differs (undefined = equal). */
  compare(desired: T, live: T): { after: T; reason?: string };
  /** Whether a live resource lies inside the planned domains (by exact boundary). */
  inScope(live: T): boolean;
}

export interface DiffOptions {
  cleanUnspecified: boolean;
}

/**
 * One diff for every kind: join desired and live by key; create what is missing, update what
 * differs, and delete live resources that no spec declares only when asked, and only in scope.
 * Returns the in-scope orphans that were kept so the plan can mention them.
 */
export function diffResources<K extends string, T>(spec: ResourceDiffSpec<K, T>, desired: readonly T[], live: readonly T[], options: DiffOptions): { changes: ChangeOf<K, T>[]; keptOrphans: T[] } {
  const liveByKey = new Map(live.map((r) => [spec.key(r), r]));
  const desiredKeys = new Set<string>();
  const changes: ChangeOf<K, T>[] = [];
  for (const want of desired) {
    const id = spec.key(want);
    desiredKeys.add(id);
    const domain = spec.domainOf(want);
    const base = { kind: spec.kind, id, ...(domain ? { domain } : {}) };
    const have = liveByKey.get(id);
    if (have === undefined) {
      changes.push({ ...base, action: 'create', after: want });
      continue;
    }
    const { after, reason } = spec.compare(want, have);
    changes.push(reason === undefined
      ? { ...base, action: 'no-op', before: have, after: have }
      : { ...base, action: 'update', before: have, after, reason });
  }
  const keptOrphans: T[] = [];
  for (const [id, have] of liveByKey) {
    if (desiredKeys.has(id) || !spec.inScope(have)) continue;
    if (!options.cleanUnspecified) {
      keptOrphans.push(have);
      continue;
    }
    const domain = spec.domainOf(have);
    changes.push({ kind: spec.kind, id, ...(domain ? { domain } : {}), action: 'delete', before: have, reason: 'not declared in any planned spec (--clean-unspecified)' });
  }
  return { changes, keptOrphans };
}
