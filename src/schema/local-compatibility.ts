import { compatibilityChecks, type CompatibilityLevel } from '../spec/compatibility-level.js';
import { avroCompatibilityProblem } from './avro-compatibility.js';
import { buildAvroType } from './avro-type.js';
import { jsonSchemaVerdict } from './json-schema-compatibility.js';
import { parseJsonText } from './parse-schema-text.js';
import { protobufProblems, protoShape } from './protobuf-compatibility.js';
import { readRegisteredSchema } from './registered-avro.js';
import type { RegisteredSchema, SchemaRegistryPort } from './schema-registry-port.js';
import type { SchemaType } from './schema-subject.js';

/** A schema to judge under a level. */
export interface LocalCheckInput {
  subject: string;
  schemaType: SchemaType;
  schema: string;
  level: CompatibilityLevel;
  /** For Avro: the named types the schema uses, parsed, leaves first. */
  referenced: readonly unknown[];
}

/** A local verdict: why the registry would refuse the schema, or what these rules cannot judge; neither when it would take it. */
export interface LocalVerdict {
  problem?: string;
  unjudged?: string;
}

/**
 * Judges a changed schema here rather than in the registry, under the level the plan sets, against
 * the versions that level covers (the latest, or all for *_TRANSITIVE): Avro by schema resolution
 * (avsc), JSON Schema and Protobuf by rules that follow Apicurio Registry 3.0's.
 */
export async function localCompatibility(registry: SchemaRegistryPort, want: LocalCheckInput, live: RegisteredSchema): Promise<LocalVerdict> {
  const level = want.level;
  if (level === 'NONE') return {};
  if (want.schemaType === 'AVRO') return avroProblem(registry, want, live);
  const previous = await versionsCovered(registry, want.subject, level, live);
  const other = previous.find((p) => p.schemaType !== want.schemaType);
  if (other) return { problem: `version ${other.version} is ${other.schemaType}, not ${want.schemaType}` };
  return want.schemaType === 'JSON' ? judgeJson(level, want.schema, previous) : judgeProtobuf(level, want.schema, previous);
}

/** The registered versions a level compares a new schema with, newest first. */
async function versionsCovered(registry: SchemaRegistryPort, subject: string, level: CompatibilityLevel, live: RegisteredSchema): Promise<RegisteredSchema[]> {
  if (!compatibilityChecks(level).transitive) return [live];
  const versions = ((await registry.listVersions(subject)) ?? [live.version]).sort((a, b) => b - a);
  const out: RegisteredSchema[] = [];
  for (const v of versions) {
    const found = v === live.version ? live : await registry.getVersion(subject, v);
    if (found) out.push(found);
  }
  return out;
}

function judgeJson(level: CompatibilityLevel, text: string, previous: readonly RegisteredSchema[]): LocalVerdict {
  const next = parseJsonText(text);
  if (!next.ok) return { problem: `the new schema is not valid JSON: ${next.problem}` };
  const { backward, forward } = compatibilityChecks(level);
  for (const old of previous) {
    const parsed = parseJsonText(old.schema);
    if (!parsed.ok) return { unjudged: `version ${old.version} in the registry is not valid JSON` };
    for (const [on, before, after, says] of [
      [backward, parsed.value, next.value, `the new schema rejects data valid under version ${old.version}`],
      [forward, next.value, parsed.value, `version ${old.version} rejects data valid under the new schema`],
    ] as const) {
      if (!on) continue;
      const verdict = jsonSchemaVerdict(before, after);
      if (verdict.problems.length) return { problem: `${says}: ${verdict.problems.join('; ')}` };
      if (verdict.unjudged.length) return { unjudged: `compared with version ${old.version}, ${verdict.unjudged.join('; ')}` };
    }
  }
  return {};
}

function judgeProtobuf(level: CompatibilityLevel, text: string, previous: readonly RegisteredSchema[]): LocalVerdict {
  const next = protoShape(text);
  if (!next.ok) return { problem: `the new schema is not valid Protobuf: ${next.problem}` };
  const { backward, forward } = compatibilityChecks(level);
  for (const old of previous) {
    const parsed = protoShape(old.schema);
    if (!parsed.ok) return { unjudged: `version ${old.version} in the registry does not parse as Protobuf` };
    const back = backward ? protobufProblems(parsed.shape, next.shape) : [];
    const fore = forward ? protobufProblems(next.shape, parsed.shape) : [];
    // Apicurio 3.0 takes a Protobuf schema under FULL when either direction holds.
    const refused = backward && forward ? back.length > 0 && fore.length > 0 : back.length > 0 || fore.length > 0;
    if (!refused) continue;
    const why = [
      ...(back.length ? [`data written with version ${old.version} cannot be read with the new schema (${back.join('; ')})`] : []),
      ...(fore.length ? [`version ${old.version} cannot read data written with the new schema (${fore.join('; ')})`] : []),
    ];
    return { problem: why.join(', and ') };
  }
  return {};
}

/** avsc's verdict. */
async function avroProblem(registry: SchemaRegistryPort, want: LocalCheckInput, live: RegisteredSchema): Promise<LocalVerdict> {
  const parsed = parseJsonText(want.schema);
  if (!parsed.ok) return { problem: `the new schema is not valid JSON: ${parsed.problem}` };
  const next = buildAvroType(parsed.value, want.referenced);
  if (!next.ok) return { problem: `the new schema is not valid Avro: ${next.problem}` };
  const previous = [];
  for (const registered of await versionsCovered(registry, want.subject, want.level, live)) {
    if (registered.schemaType !== 'AVRO') return { problem: `version ${registered.version} is ${registered.schemaType}, not AVRO` };
    const { schema, referenced } = await readRegisteredSchema(registry, registered);
    const old = buildAvroType(schema, referenced);
    if (!old.ok) return { problem: `version ${registered.version} in the registry is not valid Avro: ${old.problem}` };
    previous.push({ version: registered.version, type: old.type });
  }
  const problem = avroCompatibilityProblem(want.level, next.type, previous);
  return problem ? { problem } : {};
}
