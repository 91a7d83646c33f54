import { compatibilityChecks, type CompatibilityLevel } from '../spec/compatibility-level.js';
import { localCompatibility } from './local-compatibility.js';
import { SchemaRegistryError } from './schema-registry-error.js';
import type { RegisteredSchema, SchemaRegistryPort } from './schema-registry-port.js';
import type { SchemaReference, SchemaType } from './schema-subject.js';

/** Would the registry register this schema under this subject now? */
export interface CompatibilityQuestion {
  subject: string;
  schemaType: SchemaType;
  schema: string;
  /** A reference without a version is to a subject the same apply registers. */
  references: readonly SchemaReference[];
  /** The level the registration will meet (apply sets a changed level first). */
  level: CompatibilityLevel;
  /** The subject's level in the registry now. */
  liveLevel: CompatibilityLevel;
  /** The subject's latest version now. */
  live: RegisteredSchema;
  /** For Avro: the named types the schema uses, parsed, leaves first (read only when judged here). */
  avroReferenced(): Promise<unknown[]>;
}

export type CompatibilityAnswer =
  | { verdict: 'compatible' }
  | { verdict: 'incompatible'; /** Why, by the local rules. */ problem?: string; /** The registry's own words, when it judged. */ registryMessages?: string[] }
  /** The local rules cannot judge the change. */
  | { verdict: 'unjudged'; why: string }
  /** The registry refused to judge the schema at all (it does not parse as its type). */
  | { verdict: 'invalid'; why: string };

/**
 * Judges a changed schema as registering it will, against every version the level covers (the
 * latest, or all of them for the *_TRANSITIVE levels). The registry judges, except where it cannot,
 * and then the schema is judged here: under a level it does not have yet (it judges by the level
 * it has; apply sets the new one first), and Avro with references (Apicurio's compatibility
 * endpoint cannot resolve them and answers 422; a reference the same apply registers has no
 * version yet).
 */
export async function judgeCompatibility(registry: SchemaRegistryPort, q: CompatibilityQuestion): Promise<CompatibilityAnswer> {
  if (q.level === 'NONE') return { verdict: 'compatible' };
  const withReferences = q.schemaType === 'AVRO' && (q.references.length > 0 || q.live.references.length > 0);
  if (q.level !== q.liveLevel || withReferences) return judgedHere(registry, q);
  let messages: string[];
  try {
    const result = await registry.testCompatibility(q.subject, {
      schemaType: q.schemaType, schema: q.schema,
      references: q.references.map((r) => ({ name: r.name, subject: r.subject, version: r.version ?? -1 })),
    }, compatibilityChecks(q.level).transitive ? 'all' : 'latest');
    if (result.compatible) return { verdict: 'compatible' };
    messages = result.messages;
  } catch (e) {
    if (!(e instanceof SchemaRegistryError) || e.kind !== 'invalid') throw e;
    if (q.schemaType === 'AVRO') return judgedHere(registry, q);
    return { verdict: 'invalid', why: e.message };
  }
  // The registry's words are often bare ("not backward compatible"); the local rules may say why.
  const local = await judgedHere(registry, q).catch(() => undefined);
  return { verdict: 'incompatible', registryMessages: messages, ...(local?.verdict === 'incompatible' && local.problem ? { problem: local.problem } : {}) };
}

async function judgedHere(registry: SchemaRegistryPort, q: CompatibilityQuestion): Promise<CompatibilityAnswer> {
  const verdict = await localCompatibility(registry, {
    subject: q.subject, schemaType: q.schemaType, schema: q.schema, level: q.level,
    referenced: q.schemaType === 'AVRO' ? await q.avroReferenced() : [],
  }, q.live);
  if (verdict.problem !== undefined) return { verdict: 'incompatible', problem: verdict.problem };
  if (verdict.unjudged !== undefined) return { verdict: 'unjudged', why: verdict.unjudged };
  return { verdict: 'compatible' };
}
