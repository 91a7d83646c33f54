import { error, type Diagnostic } from '../core/diagnostic.js';
import type { DesiredSubject } from './collect-desired-schemas.js';
import { COMPATIBILITY_KEY, compatibilityChecks, type CompatibilityLevel } from '../spec/compatibility-level.js';
import { judgeCompatibility, type CompatibilityAnswer } from './judge-compatibility.js';
import { readRegisteredReferences } from './registered-avro.js';
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
 * Checks a changed schema at plan time as registering it will on apply (see judgeCompatibility),
 * so `plan` fails where `provision` would, naming the schema file and the spec line that uses it.
 */
export async function checkCompatibility(registry: SchemaRegistryPort, input: CompatibilityCheckInput): Promise<Diagnostic | undefined> {
  const { want, after, live } = input;
  const answer = await judgeCompatibility(registry, {
    subject: want.subject, schemaType: after.schemaType, schema: after.schema, references: after.references,
    level: want.compatibility, liveLevel: input.liveLevel, live,
    avroReferenced: async () => [
      ...await readRegisteredReferences(registry, (want.avro?.fromRegistry ?? []).map((subject) => ({ subject, version: 'latest' as const }))),
      ...(want.avro?.referenced ?? []).map((r) => r.schema),
    ],
  });
  const file = display(want.file, input.cwd);
  switch (answer.verdict) {
    case 'compatible': return undefined;
    case 'invalid':
      return error('schema-compatibility-unchecked', `Subject "${want.subject}" (${file}): the registry could not check compatibility: ${answer.why}`,
        want.location, 'Check that the schema is valid for its type.');
    case 'unjudged':
      return error('schema-compatibility-unchecked',
        `Schema ${file} for subject "${want.subject}" cannot be checked against ${want.compatibility}, the level this plan sets (the registry has ${input.liveLevel}): ${answer.why}`,
        want.location, 'Set the level in one provision and change the schema in the next, so the registry checks the change itself.');
    case 'incompatible':
      return error('schema-incompatible',
        `Schema ${file} is not ${want.compatibility}-compatible with subject "${want.subject}" (${versionsChecked(want.compatibility, live)}): ${incompatibility(answer)}`,
        want.location,
        `Make the change ${want.compatibility}-compatible (e.g. give new fields defaults), register it under a new subject, or set \`${COMPATIBILITY_KEY}\` for this channel.`);
    default: {
      const never: never = answer;
      throw new Error(`Unknown compatibility answer ${JSON.stringify(never)}: this is a bug`);
    }
  }
}

export const versionsChecked = (level: CompatibilityLevel, live: RegisteredSchema): string =>
  compatibilityChecks(level).transitive ? `all versions, latest ${live.version}` : `latest version ${live.version}`;

/** The registry's words (when it judged), then the local rules'. */
export function incompatibility(answer: Extract<CompatibilityAnswer, { verdict: 'incompatible' }>): string {
  if (answer.registryMessages === undefined) return answer.problem ?? 'incompatible';
  const said = answer.registryMessages.length ? `the registry says: ${answer.registryMessages.join('; ')}` : 'the registry rejects it';
  return [said, answer.problem].filter(Boolean).join('; ');
}
