import avro from 'avsc';

export type AvroTypeResult = { ok: true; type: avro.Type } | { ok: false; problem: string };

/**
 * Parses an Avro schema with avsc, after the named types it references (given leaves first), so
 * an invalid schema is reported at plan time rather than by the registry on apply.
 */
export function buildAvroType(schema: unknown, referenced: readonly unknown[] = []): AvroTypeResult {
  const registry: Record<string, avro.Type> = {};
  try {
    for (const r of referenced) avro.Type.forSchema(r as avro.Schema, { registry });
    return { ok: true, type: avro.Type.forSchema(schema as avro.Schema, { registry }) };
  } catch (e) {
    return { ok: false, problem: e instanceof Error ? e.message : String(e) };
  }
}
