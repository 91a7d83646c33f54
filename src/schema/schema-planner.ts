import { diffResources } from '../core/diff-resources.js';
import type { Planner, PlannerContext } from '../core/planner.js';
import type { Change } from '../core/change.js';
import { error, hasErrors, warning, type Diagnostic } from '../core/diagnostic.js';
import type { Domain, OwnedTopic } from '../spec/model.js';
import { checkCompatibility } from './check-compatibility.js';
import { collectDesiredSchemas, type DesiredSubject } from './collect-desired-schemas.js';
import { DEFAULT_COMPATIBILITY, type CompatibilityLevel } from '../spec/compatibility-level.js';
import { displayPath } from './display-path.js';
import { mapLimited as mapLimit } from '../core/map-limited.js';
import { needsNewVersion, schemaDiffSpec } from './schema-diff.js';
import { namespaceOf } from './avro-names.js';
import { namespaceOwnerNote, subjectDomain } from './schema-ownership.js';
import type { RegisteredSchema, SchemaRegistryPort } from './schema-registry-port.js';
import type { SchemaSubjectState } from './schema-subject.js';

export interface SchemaPlannerOptions {
  /** Register inline payload and key schemas too; by default only `$ref`'d files are (as SpecMesh does). */
  inlineSchemas?: boolean;
  /** The folder the specs were loaded from (LoadOptions.cwd); default the process's. */
  cwd?: string;
  /** Reads schema and spec files; undefined for a missing file (the session reads the file system). */
  readText: (file: string) => Promise<string | undefined>;
  /** Registry requests in flight at once; default 8. */
  concurrency?: number;
}

/**
 * Plans the schema subjects of the domains' produced channels against a schema registry: creates,
 * new versions, compatibility levels and (with --clean-unspecified) soft deletes, each checked for
 * compatibility with the registry now rather than failing on apply.
 */
export function schemaPlanner(registry: SchemaRegistryPort, options: SchemaPlannerOptions): Planner<Domain> {
  return { name: 'schema', plan: (context) => planSchemas(registry, context, options) };
}

async function planSchemas(registry: SchemaRegistryPort, context: PlannerContext<Domain>, options: SchemaPlannerOptions): Promise<{ changes: Change[]; diagnostics: Diagnostic[] }> {
  const cwd = options.cwd ?? process.cwd();
  const { readText } = options;
  const limit = options.concurrency ?? 8;
  const diagnostics: Diagnostic[] = [];

  // Levels were read and checked with the specs: a channel's own, else its document's, else BACKWARD.
  const compatibilityOf = (domain: Domain, topic: OwnedTopic | undefined): CompatibilityLevel => topic?.compatibility ?? domain.compatibility ?? DEFAULT_COMPATIBILITY;
  const collected = await collectDesiredSchemas(context.domains, { inlineSchemas: options.inlineSchemas ?? false, readText, compatibilityOf, cwd });
  diagnostics.push(...collected.diagnostics);

  const planned = new Set(context.domains.map((d) => d.id));
  const foreignLive = new Map<string, RegisteredSchema>();
  await mapLimit(collected.foreign, limit, async (ref) => {
    const found = await registry.getVersion(ref.subject, 'latest');
    if (found) {
      foreignLive.set(ref.subject, found);
      return;
    }
    const via = ref.usedBy === ref.root ? '' : ` (referenced from ${displayPath(ref.root, cwd)})`;
    const ns = namespaceOf(ref.name);
    diagnostics.push(error('schema-reference-unregistered',
      `${displayPath(ref.usedBy, cwd)}${via} uses type "${ref.name}", ${namespaceOwnerNote(ref.domain, ns)}, and the registry has no subject "${ref.subject}"; this plan references it and does not register it`,
      ref.location, planned.has(ns)
        ? `The spec of domain "${ns}", in this plan, does not register "${ref.name}" under subject "${ref.subject}": give the type a schema file of its own there (\`${ref.name}.avsc\`, used by one of its channels' schemas) or a channel with RecordNameStrategy, or name the subject it is registered under with a field's "subject" attribute.`
        : `Provision the spec of domain "${ns}" first (it registers "${ref.name}" under subject "${ref.subject}"), or register it there by other means; planned with this spec, in one plan, it is registered first.`));
  });
  if (hasErrors(diagnostics)) return { changes: [], diagnostics };

  const wanted = collected.subjects;
  const live = new Map<string, SchemaSubjectState>();
  const liveRegistered = new Map<string, RegisteredSchema>();
  const readLive = async (subject: string): Promise<void> => {
    const latest = await registry.getVersion(subject, 'latest');
    if (!latest) return;
    liveRegistered.set(subject, latest);
    live.set(subject, liveState(latest, (await registry.getCompatibility(subject)) ?? DEFAULT_COMPATIBILITY));
  };
  await mapLimit(wanted.map((w) => w.subject), limit, readLive);

  const afters = pinReferences(wanted, live, foreignLive);
  const wantedSubjects = new Set(wanted.map((w) => w.subject));
  const orphans = (await registry.listSubjects()).filter((s) => !wantedSubjects.has(s) && subjectDomain(s, planned) !== undefined).sort();
  if (context.cleanUnspecified) await mapLimit(orphans, limit, readLive);
  else if (orphans.length) {
    const shown = orphans.slice(0, 10).join(', ') + (orphans.length > 10 ? `, … (${orphans.length - 10} more)` : '');
    diagnostics.push(warning('unspecified-kept', `${orphans.length} schema subject${orphans.length === 1 ? '' : 's'} of the planned domains ${orphans.length === 1 ? 'exists' : 'exist'} but no spec declares ${orphans.length === 1 ? 'it; it is' : 'them; they are'} kept: ${shown}`,
      undefined, 'Run with --clean-unspecified to soft-delete them.'));
  }

  const domainOfWanted = new Map(wanted.map((w) => [w.subject, w.domain]));
  const { changes } = diffResources(schemaDiffSpec(planned, domainOfWanted), afters, [...live.values()], { cleanUnspecified: context.cleanUnspecified });

  const byWanted = new Map(wanted.map((w) => [w.subject, w]));
  const toCheck = changes.filter((c): c is Extract<typeof c, { action: 'update' }> => c.action === 'update' && needsNewVersion(c.after, c.before));
  const found = await mapLimit(toCheck, limit, (c) => checkCompatibility(registry, { want: byWanted.get(c.id)!, after: c.after, live: liveRegistered.get(c.id)!, liveLevel: c.before.compatibility, cwd }));
  diagnostics.push(...found.filter((d): d is Diagnostic => d !== undefined));
  return { changes: hasErrors(diagnostics) ? [] : changes, diagnostics };
}

const liveState = (r: RegisteredSchema, compatibility: CompatibilityLevel): SchemaSubjectState => ({
  subject: r.subject, schemaType: r.schemaType, schema: r.schema, references: r.references, compatibility, version: r.version,
});

/**
 * The planned state of each wanted subject. A reference to a subject that stays as it is keeps
 * that subject's registered version; one to a subject this apply changes gets its version on apply
 * (so the referencing schema changes too); another domain's type is referenced at its latest.
 */
function pinReferences(wanted: readonly DesiredSubject[], live: ReadonlyMap<string, SchemaSubjectState>, foreign: ReadonlyMap<string, RegisteredSchema>): SchemaSubjectState[] {
  const states = new Map<string, SchemaSubjectState>();
  const changes = new Map<string, boolean>();
  // `wanted` is in dependency order, so a reference's fate is known before its users'.
  for (const w of wanted) {
    const references = w.references.map((r) => {
      const version = foreign.get(r.subject)?.version ?? (changes.get(r.subject) === false ? live.get(r.subject)?.version : undefined);
      return { name: r.name, subject: r.subject, ...(version !== undefined ? { version } : {}) };
    });
    const state: SchemaSubjectState = { subject: w.subject, schemaType: w.schemaType, schema: w.schema, references, compatibility: w.compatibility };
    const have = live.get(w.subject);
    changes.set(w.subject, !have || needsNewVersion(state, have));
    states.set(w.subject, state);
  }
  return [...states.values()];
}
