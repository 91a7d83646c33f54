import { SchemaRegistryError } from './schema-registry-error.js';
import { parseJsonText } from './parse-schema-text.js';
import type { PinnedReference, RegisteredSchema, SchemaRegistryPort } from './schema-registry-port.js';

/**
 * The Avro types a registered schema references, read from the registry transitively and leaves
 * first, so avsc can rebuild the schema as the registry sees it.
 */
export async function readRegisteredReferences(registry: SchemaRegistryPort, references: readonly PinnedReference[] | readonly { subject: string; version: number | 'latest' }[]): Promise<unknown[]> {
  const out: unknown[] = [];
  const seen = new Set<string>();
  const visit = async (subject: string, version: number | 'latest'): Promise<void> => {
    // By subject alone: avsc refuses a type defined twice, even at two versions.
    if (seen.has(subject)) return;
    seen.add(subject);
    const found = await registry.getVersion(subject, version);
    if (!found) throw new SchemaRegistryError('not-found', `subject "${subject}" version ${version} is not in the registry`, { fix: `Register subject "${subject}" (or correct the reference to it), then plan again.` });
    for (const r of found.references) await visit(r.subject, r.version);
    const parsed = parseJsonText(found.schema);
    if (!parsed.ok) throw new SchemaRegistryError('protocol', `subject "${subject}" version ${found.version} is not valid JSON: ${parsed.problem}`, { fix: 'The registry holds a schema that is not Avro JSON; register a valid version under that subject.' });
    out.push(parsed.value);
  };
  for (const r of references) await visit(r.subject, r.version);
  return out;
}

export async function readRegisteredSchema(registry: SchemaRegistryPort, registered: RegisteredSchema): Promise<{ schema: unknown; referenced: unknown[] }> {
  const parsed = parseJsonText(registered.schema);
  if (!parsed.ok) throw new SchemaRegistryError('protocol', `subject "${registered.subject}" version ${registered.version} is not valid JSON: ${parsed.problem}`, { fix: 'The registry holds a schema that is not Avro JSON; register a valid version under that subject.' });
  return { schema: parsed.value, referenced: await readRegisteredReferences(registry, registered.references) };
}
