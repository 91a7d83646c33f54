import { error, type Diagnostic } from '../core/diagnostic.js';
import type { ChangeOf } from '../core/change.js';
import { mapLimited } from '../core/map-limited.js';
import { DEFAULT_COMPATIBILITY } from '../spec/compatibility-level.js';
import { incompatibility, versionsChecked } from './check-compatibility.js';
import { judgeCompatibility } from './judge-compatibility.js';
import { parseJsonText } from './parse-schema-text.js';
import { readRegisteredReferences } from './registered-avro.js';
import { needsNewVersion } from './schema-diff.js';
import type { SchemaRegistryPort } from './schema-registry-port.js';
import type { SchemaSubjectState } from './schema-subject.js';

type SchemaChange = ChangeOf<'schema', SchemaSubjectState>;

/** A planned change the registry would refuse now. */
export interface SchemaRefusal {
  change: SchemaChange;
  diagnostic: Diagnostic;
}

/**
 * Asks, just before `provision` changes anything, whether the registry will take every schema the
 * plan registers, as it stands now: another version may have been registered since the plan was
 * made. Each registration is judged as the applier will make it (a changed level is set first).
 */
export async function schemaPreflight(registry: SchemaRegistryPort, changes: readonly SchemaChange[], concurrency = 8): Promise<SchemaRefusal[]> {
  const planned = new Map(changes.flatMap((c) => (c.action === 'delete' ? [] : [[c.id, c.after] as const])));
  const found = await mapLimited(changes, concurrency, async (c): Promise<SchemaRefusal | undefined> => {
    if (c.action !== 'create' && c.action !== 'update' && c.action !== 'replace') return undefined;
    const after = c.after;
    const live = await registry.getVersion(after.subject, 'latest');
    if (!live) return undefined;
    const liveState: SchemaSubjectState = { ...live, compatibility: after.compatibility };
    if (!needsNewVersion(after, liveState)) return undefined;
    const liveLevel = (await registry.getCompatibility(after.subject)) ?? DEFAULT_COMPATIBILITY;
    // A create registers first and sets the level after; an update sets a changed level first.
    const level = c.action === 'create' ? liveLevel : after.compatibility;
    const answer = await judgeCompatibility(registry, {
      subject: after.subject, schemaType: after.schemaType, schema: after.schema, references: after.references,
      level, liveLevel, live, avroReferenced: () => avroReferenced(registry, after, planned),
    });
    if (answer.verdict === 'compatible' || answer.verdict === 'unjudged') return undefined;
    const why = answer.verdict === 'invalid' ? `the registry does not accept it as ${after.schemaType}: ${answer.why}` : incompatibility(answer);
    return {
      change: c,
      diagnostic: error('schema-refused',
        `Subject "${after.subject}" would refuse the planned schema: it is not ${level}-compatible with the subject as it is now (${versionsChecked(level, live)}): ${why}`,
        undefined, 'The subject changed after the plan was made (another version was registered): run plan again, and make the schema compatible with it.'),
    };
  });
  return found.filter((r): r is SchemaRefusal => r !== undefined);
}

/** The Avro types a planned schema references, leaves first: registered ones from the registry, those this apply registers from the plan. */
async function avroReferenced(registry: SchemaRegistryPort, state: SchemaSubjectState, planned: ReadonlyMap<string, SchemaSubjectState>): Promise<unknown[]> {
  const registered: { subject: string; version: number | 'latest' }[] = [];
  const fromPlan: unknown[] = [];
  const seen = new Set<string>();
  const visit = (s: SchemaSubjectState): void => {
    for (const r of s.references) {
      if (seen.has(r.subject)) continue;
      seen.add(r.subject);
      const own = planned.get(r.subject);
      if (r.version !== undefined || !own) {
        registered.push({ subject: r.subject, version: r.version ?? 'latest' });
        continue;
      }
      visit(own);
      const parsed = parseJsonText(own.schema);
      if (parsed.ok) fromPlan.push(parsed.value);
    }
  };
  visit(state);
  // What the registry holds cannot use what this apply registers, so it comes first.
  return [...await readRegisteredReferences(registry, registered), ...fromPlan];
}
