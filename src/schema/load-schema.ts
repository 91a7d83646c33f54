import path from 'node:path';
import type { SchemaRef } from '../spec/model.js';
import { namespaceOf } from './avro-names.js';
import { buildAvroType } from './avro-type.js';
import { parseJsonText, parseYamlText } from './parse-schema-text.js';
import { parseProtobuf } from './protobuf-schema.js';
import { resolveAvroReferences, type AvroSchemaGraph } from './resolve-avro-references.js';
import { ownsNamespace } from './schema-ownership.js';

export type LoadedSchema =
  | {
    schemaType: 'AVRO';
    /** The text to register: the schema as compact JSON (comments dropped). */
    text: string;
    recordName?: string;
    graph: AvroSchemaGraph;
  }
  | { schemaType: 'PROTOBUF'; text: string; recordName?: string }
  | { schemaType: 'JSON'; text: string };

export type LoadSchemaResult = { ok: true; schema: LoadedSchema } | { ok: false; problem: string };

export interface LoadSchemaOptions {
  domain: string;
  /** Folder an inline schema's references resolve against (the spec's folder). */
  specDir: string;
  readText(file: string): Promise<string | undefined>;
}

/** Avro-only type names: an inline `{type: long}` key cannot be JSON Schema, which has no such type. */
const AVRO_ONLY = new Set(['int', 'long', 'float', 'double', 'bytes', 'record', 'enum', 'fixed', 'map']);

/** The format an inline schema is read in: its declared one, unless only Avro can mean it. */
function inlineFormat(ref: SchemaRef): SchemaRef['format'] {
  const inline = ref.inline as { type?: unknown } | string | undefined;
  const type = typeof inline === 'string' ? inline : inline?.type;
  if (ref.format === 'json' && typeof type === 'string' && AVRO_ONLY.has(type)) return 'avro';
  return ref.format;
}

/** Reads one key or value schema (a `$ref`'d file or an inline schema) and, for Avro, what it references. */
export async function loadSchema(ref: SchemaRef, options: LoadSchemaOptions): Promise<LoadSchemaResult> {
  const file = ref.file;
  const format = file ? ref.format : inlineFormat(ref);
  let text: string | undefined;
  if (file) {
    text = await options.readText(file);
    if (text === undefined) return { ok: false, problem: `Schema file ${file} does not exist` };
  }
  const label = file ? path.basename(file) : 'the inline schema';

  if (format === 'protobuf') {
    const source = text ?? (typeof ref.inline === 'string' ? ref.inline : undefined);
    if (source === undefined) return { ok: false, problem: 'An inline Protobuf schema must be the .proto text' };
    const parsed = parseProtobuf(source);
    if (!parsed.ok) return { ok: false, problem: `Cannot parse ${label} as Protobuf: ${parsed.problem}` };
    const foreign = parsed.imports.filter((i) => !i.startsWith('google/protobuf/'));
    if (foreign.length) return { ok: false, problem: `${label} imports ${foreign.join(', ')}; Protobuf imports (schema references) are not supported yet` };
    return { ok: true, schema: { schemaType: 'PROTOBUF', text: source, ...(parsed.firstMessage ? { recordName: parsed.firstMessage } : {}) } };
  }

  let value: unknown = ref.inline;
  if (text !== undefined) {
    const isYaml = format === 'json' && /\.ya?ml$/i.test(file ?? '');
    const parsed = isYaml ? parseYamlText(text) : parseJsonText(text);
    if (!parsed.ok) return { ok: false, problem: `Cannot parse ${label}: ${parsed.problem}` };
    value = parsed.value;
  }
  if (format === 'json') {
    if (typeof value !== 'object' && typeof value !== 'boolean') return { ok: false, problem: `${label} is not a JSON Schema (expected an object)` };
    return { ok: true, schema: { schemaType: 'JSON', text: JSON.stringify(value) } };
  }

  const root = file ?? path.join(options.specDir, 'inline.avsc');
  const resolved = await resolveAvroReferences({ file: root, parsed: value }, {
    readText: options.readText,
    mayBeElsewhere: (name) => !ownsNamespace(options.domain, namespaceOf(name)),
  });
  if (!resolved.ok) return { ok: false, problem: resolved.problem };
  const { graph } = resolved;
  // Types found only in the registry are checked there; the rest is checked here, now.
  if (graph.elsewhere.length === 0) {
    const built = buildAvroType(value, graph.types.map((t) => t.parsed));
    if (!built.ok) return { ok: false, problem: `${label} is not a valid Avro schema: ${built.problem}` };
  }
  return { ok: true, schema: { schemaType: 'AVRO', text: JSON.stringify(value), graph, ...(graph.root.name ? { recordName: graph.root.name } : {}) } };
}
