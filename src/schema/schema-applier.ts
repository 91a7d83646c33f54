import { resultOf, type ChangeResult } from '../core/apply-plan.js';
import type { ChangeOf } from '../core/change.js';
import { needsNewVersion } from './schema-diff.js';
import { SchemaRegistryError } from './schema-registry-error.js';
import type { PinnedReference, SchemaRegistryPort } from './schema-registry-port.js';
import type { SchemaSubjectState } from './schema-subject.js';

type SchemaChange = ChangeOf<'schema', SchemaSubjectState>;
type SchemaWrite = Extract<SchemaChange, { action: 'create' | 'update' | 'replace' }>;
type SchemaDelete = Extract<SchemaChange, { action: 'delete' }>;

/**
 * Applies `schema` changes: registers referenced subjects before the schemas that use them,
 * deletes (soft) users before what they use, and gives exactly one result per change. A change
 * whose reference failed is skipped, not attempted.
 */
export function schemaApplier(registry: SchemaRegistryPort): { apply(changes: readonly SchemaChange[]): Promise<ChangeResult[]> } {
  return {
    async apply(all) {
      const results = new Map<SchemaChange, ChangeResult>();
      const writes = all.filter((c): c is SchemaWrite => c.action === 'create' || c.action === 'update' || c.action === 'replace');
      const deletes = all.filter((c): c is SchemaDelete => c.action === 'delete');
      for (const c of all) if (c.action === 'no-op') results.set(c, resultOf(c, 'skipped'));

      const versions = new Map<string, number>();
      const failed = new Set<string>();
      for (const c of dependencyOrder(writes, (c) => c.after.references.map((r) => r.subject))) {
        const after = c.after;
        const blocked = after.references.find((r) => failed.has(r.subject));
        if (blocked) {
          failed.add(after.subject);
          results.set(c, resultOf(c, 'skipped', `reference ${blocked.name} (subject "${blocked.subject}") was not registered`));
          continue;
        }
        try {
          versions.set(after.subject, await write(registry, c, versions));
          results.set(c, resultOf(c, 'ok'));
        } catch (e) {
          failed.add(after.subject);
          results.set(c, resultOf(c, 'failed', writeFailure(after.subject, e)));
        }
      }

      // A subject still referenced cannot go first: delete the users, then what they use.
      for (const c of dependencyOrder(deletes, (c) => c.before.references.map((r) => r.subject)).reverse()) {
        try {
          await registry.deleteSubject(c.id);
          results.set(c, resultOf(c, 'ok'));
        } catch (e) {
          results.set(c, resultOf(c, 'failed', e instanceof Error ? e.message : String(e)));
        }
      }
      return all.map((c) => results.get(c) ?? resultOf(c, 'skipped', `unexpected ${c.action} change`));
    },
  };
}

/** Why a write failed; a refusal now that the checks before the apply passed means the subject changed in between. */
function writeFailure(subject: string, e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  if (e instanceof SchemaRegistryError && e.kind === 'incompatible') {
    return `Subject "${subject}" refused the schema as incompatible: ${message}. Another version was registered after the checks; run plan again`;
  }
  return message;
}

/** Registers (when the schema differs) and sets the level; returns the subject's version. */
async function write(registry: SchemaRegistryPort, c: SchemaWrite, versions: ReadonlyMap<string, number>): Promise<number> {
  const after = c.after;
  const before = c.action === 'create' ? undefined : c.before;
  const references: PinnedReference[] = [];
  for (const r of after.references) {
    const version = r.version ?? versions.get(r.subject) ?? (await registry.getVersion(r.subject, 'latest'))?.version;
    if (version === undefined) throw new SchemaRegistryError('not-found', `Reference ${r.name}: subject "${r.subject}" has no version to reference`, { fix: `Register "${r.subject}" first (provision the spec of the domain that owns ${r.name}), then run provision again.` });
    references.push({ name: r.name, subject: r.subject, version });
  }
  const pinned: SchemaSubjectState = { ...after, references };
  // A stricter level is set first on an existing subject, so the registry enforces it on this registration.
  const levelChanges = before !== undefined && before.compatibility !== after.compatibility;
  if (levelChanges) await registry.setCompatibility(after.subject, after.compatibility);
  let version = before?.version;
  if (!before || needsNewVersion(pinned, before)) {
    const definition = { schemaType: after.schemaType, schema: after.schema, references };
    await registry.register(after.subject, definition);
    version = (await registry.lookup(after.subject, definition))?.version ?? (await registry.getVersion(after.subject, 'latest'))?.version;
  }
  if (!before) await registry.setCompatibility(after.subject, after.compatibility);
  if (version === undefined) throw new SchemaRegistryError('protocol', `Subject "${after.subject}" has no version after registering`, { retriable: true, fix: 'Run provision again; if it persists, check the registry\'s logs.' });
  return version;
}

/** Orders changes so that each comes after the changes of the subjects it depends on (stable otherwise). */
function dependencyOrder<C extends SchemaChange>(changes: readonly C[], dependsOn: (c: C) => string[]): C[] {
  const bySubject = new Map(changes.map((c) => [c.id, c]));
  const out: C[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (c: C): void => {
    if (state.get(c.id) === 'done') return;
    if (state.get(c.id) === 'visiting') return; // a cycle cannot be registered anyway; the registry will say so
    state.set(c.id, 'visiting');
    for (const dep of dependsOn(c)) {
      const d = bySubject.get(dep);
      if (d) visit(d);
    }
    state.set(c.id, 'done');
    out.push(c);
  };
  changes.forEach(visit);
  return out;
}
