import { error, type Diagnostic } from '../core/diagnostic.js';
import type { DesiredSubject } from './collect-desired-schemas.js';
import { COMPATIBILITY_KEY, compatibilityChecks, type CompatibilityLevel } from '../spec/compatibility-level.js';
import { localCompatibility } from './local-compatibility.js';
import { SchemaRegistryError } from './schema-registry-error.js';
import type { RegisteredSchema, SchemaRegistryPort } from './schema-registry-port.js';
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
 * Checks a changed schema as registering it will, against every version the level covers (the
 * latest, or all of them for the *_TRANSITIVE levels), so `plan` fails where `provision` would.
 * The registry judges, except where it cannot, and then the schema is judged here: when the plan
 * also changes the level (the registry judges by the level it has now; apply sets the new one
 * first), and for Avro with references (Apicurio's compatibility endpoint cannot resolve them and
 * answers 422; a reference the same apply registers has no version yet).
 */
export async function checkCompatibility(registry: SchemaRegistryPort, input: CompatibilityCheckInput): Promise<Diagnostic | undefined> {
  const { want, after, live } = input;
  const level = want.compatibility;
  if (level === 'NONE') return undefined;
  const levelChanges = input.liveLevel !== level;
  const withReferences = want.schemaType === 'AVRO' && (after.references.length > 0 || live.references.length > 0);
  if (levelChanges || withReferences) return judgedLocally(registry, input);

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
    if (want.schemaType === 'AVRO') return judgedLocally(registry, input);
    return error('schema-compatibility-unchecked', `Subject "${want.subject}" (${display(want.file, input.cwd)}): the registry could not check compatibility: ${e.message}`,
      want.location, 'Check that the schema is valid for its type.');
  }
  // The registry's words are often bare ("not backward compatible"); the local rules may say why.
  const local = await localCompatibility(registry, want, live).catch(() => ({ problem: undefined }));
  return incompatible(input, local.problem, messages);
}

async function judgedLocally(registry: SchemaRegistryPort, input: CompatibilityCheckInput): Promise<Diagnostic | undefined> {
  const { want } = input;
  const verdict = await localCompatibility(registry, want, input.live);
  if (verdict.unjudged !== undefined && verdict.problem === undefined) {
    return error('schema-compatibility-unchecked',
      `Schema ${display(want.file, input.cwd)} for subject "${want.subject}" cannot be checked against ${want.compatibility}, the level this plan sets (the registry has ${input.liveLevel}): ${verdict.unjudged}`,
      want.location, 'Set the level in one provision and change the schema in the next, so the registry checks the change itself.');
  }
  return incompatible(input, verdict.problem, undefined);
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
