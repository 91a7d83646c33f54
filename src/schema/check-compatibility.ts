import { error, warning, type Diagnostic } from '../core/diagnostic.js';
import { avroCompatibilityProblem } from './avro-compatibility.js';
import { buildAvroType } from './avro-type.js';
import type { DesiredSubject } from './collect-desired-schemas.js';
import { compatibilityChecks, type CompatibilityLevel } from '../spec/compatibility-level.js';
import { readRegisteredReferences, readRegisteredSchema } from './registered-avro.js';
import { SchemaRegistryError } from './schema-registry-error.js';
import type { RegisteredSchema, SchemaRegistryPort } from './schema-registry-port.js';
import { COMPATIBILITY_KEY } from '../spec/compatibility-level.js';
import type { SchemaSubjectState } from './schema-subject.js';
import { displayPath as display } from './display-path.js';

export interface CompatibilityCheckInput {
  want: DesiredSubject;
  /** The planned state, with the versions of unchanged references pinned. */
  after: SchemaSubjectState;
  live: RegisteredSchema;
  /** The subject's level in the registry now. */
  liveLevel: CompatibilityLevel;
  cwd: string;
}

/**
 * Asks the registry whether a changed schema may be registered, against every version the level
 * covers (the latest, or all of them for the *_TRANSITIVE levels), so `plan` fails where
 * `provision` would. Avro is checked here with avsc instead when the registry
 * cannot judge it: with references (Apicurio's compatibility endpoint cannot resolve them and
 * answers 422; a reference the same apply registers has no version yet), or when the plan also
 * changes the level (the registry judges by the level it has now, apply sets the new one first).
 */
export async function checkCompatibility(registry: SchemaRegistryPort, input: CompatibilityCheckInput): Promise<Diagnostic | undefined> {
  const { want, after, live } = input;
  const level = want.compatibility;
  if (level === 'NONE') return undefined;
  const levelChanges = input.liveLevel !== level;
  const localOnly = want.schemaType === 'AVRO' && (after.references.length > 0 || live.references.length > 0 || levelChanges);
  if (localOnly) return incompatible(input, await localAvroProblem(registry, input), undefined);
  if (levelChanges) {
    return warning('schema-compatibility-unchecked', `Subject "${want.subject}" moves from ${input.liveLevel} to ${level}; the registry can only check a ${want.schemaType} schema against the level it has now, so a change that breaks ${level} fails on apply`,
      want.location, `Set the level in one provision, and change the schema in the next.`);
  }

  let messages: string[];
  try {
    const result = await registry.testCompatibility(want.subject, {
      schemaType: after.schemaType, schema: after.schema,
      references: after.references.map((r) => ({ name: r.name, subject: r.subject, version: r.version ?? -1 })),
    }, compatibilityChecks(level).transitive ? 'all' : 'latest');
    if (result.compatible) return undefined;
    messages = result.messages;
  } catch (e) {
    if (!(e instanceof SchemaRegistryError) || e.kind !== 'invalid') throw e;
    if (want.schemaType === 'AVRO') return incompatible(input, await localAvroProblem(registry, input), undefined);
    return error('schema-compatibility-unchecked', `Subject "${want.subject}" (${display(want.file, input.cwd)}): the registry could not check compatibility: ${e.message}`,
      want.location, 'Check that the schema is valid for its type.');
  }
  const local = want.schemaType === 'AVRO' ? await localAvroProblem(registry, input).catch(() => undefined) : undefined;
  return incompatible(input, local, messages);
}

function incompatible(input: CompatibilityCheckInput, local: string | undefined, registryMessages: string[] | undefined): Diagnostic | undefined {
  if (local === undefined && registryMessages === undefined) return undefined;
  const { want, live } = input;
  const said = registryMessages === undefined
    ? local!
    : [registryMessages.length ? `the registry says: ${registryMessages.join('; ')}` : 'the registry rejects it', local].filter(Boolean).join('; ');
  const versions = compatibilityChecks(want.compatibility).transitive ? `all versions, latest ${live.version}` : `latest version ${live.version}`;
  return error('schema-incompatible',
    `Schema ${display(want.file, input.cwd)} is not ${want.compatibility}-compatible with subject "${want.subject}" (${versions}): ${said}`,
    want.location,
    `Make the change ${want.compatibility}-compatible (e.g. give new fields defaults), register it under a new subject, or set \`${COMPATIBILITY_KEY}\` for this channel.`);
}

/** avsc's verdict, or undefined when compatible. */
async function localAvroProblem(registry: SchemaRegistryPort, input: CompatibilityCheckInput): Promise<string | undefined> {
  const { want, live } = input;
  if (!want.avro) return undefined;
  const fromRegistry = await readRegisteredReferences(registry, want.avro.fromRegistry.map((subject) => ({ subject, version: 'latest' as const })));
  const next = buildAvroType(want.avro.schema, [...fromRegistry, ...want.avro.referenced.map((r) => r.schema)]);
  if (!next.ok) return `the new schema is not valid Avro: ${next.problem}`;
  const versions = compatibilityChecks(want.compatibility).transitive
    ? ((await registry.listVersions(want.subject)) ?? [live.version]).sort((a, b) => b - a)
    : [live.version];
  const previous = [];
  for (const v of versions) {
    const registered = v === live.version ? live : await registry.getVersion(want.subject, v);
    if (!registered) continue;
    const { schema, referenced } = await readRegisteredSchema(registry, registered);
    const old = buildAvroType(schema, referenced);
    if (!old.ok) return `version ${v} in the registry is not valid Avro: ${old.problem}`;
    previous.push({ version: v, type: old.type });
  }
  return avroCompatibilityProblem(want.compatibility, next.type, previous);
}

