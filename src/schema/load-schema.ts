import path from 'node:path';
import type { SchemaRef } from '../spec/model.js';
import { namespaceOf } from './avro-names.js';
import { findAvroProblems } from './avro-problems.js';
import { buildAvroType } from './avro-type.js';
import { locateJsonPath } from './json-location.js';
import { parseJsonText, parseYamlText } from './parse-schema-text.js';
import { parseProtobuf } from './protobuf-schema.js';
import { formatChain, resolveAvroReferences, type AvroSchemaGraph, type SchemaFileLocation, type SpecDefinedType } from './resolve-avro-references.js';
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

/**
 * A schema that cannot be used: what is wrong and, for a problem in a schema file, where in that
 * file (`at`), with the files that led there from the one the spec names (`chain`).
 */
export interface LoadSchemaFailure {
  ok: false;
  problem: string;
  /** `schema-unknown-type` for a type name that is nothing known; `schema-subject-attribute` for a field's `"subject"` that cannot be honoured; else `schema-invalid`. */
  code: 'schema-invalid' | 'schema-unknown-type' | 'schema-subject-attribute';
  at?: SchemaFileLocation;
}

export type LoadSchemaResult = { ok: true; schema: LoadedSchema } | LoadSchemaFailure;

const invalid = (problem: string, at?: SchemaFileLocation): LoadSchemaFailure => ({ ok: false, problem, code: 'schema-invalid', ...(at ? { at } : {}) });

export interface LoadSchemaOptions {
  domain: string;
  /** Folder an inline schema's references resolve against (the spec's folder). */
  specDir: string;
  readText(file: string): Promise<string | undefined>;
  /** Named types defined in the schema files of the spec's other produced channels (see indexSpecTypes). */
  inSpec?(name: string): readonly SpecDefinedType[];
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
    if (text === undefined) return invalid(`Schema file ${file} does not exist`);
  }
  const where = (line?: number, column?: number): SchemaFileLocation | undefined => (file ? { file, ...(line !== undefined ? { line, ...(column !== undefined ? { column } : {}) } : {}) } : undefined);
  const label = file ? path.basename(file) : 'the inline schema';

  if (format === 'protobuf') {
    const source = text ?? (typeof ref.inline === 'string' ? ref.inline : undefined);
    if (source === undefined) return invalid('An inline Protobuf schema must be the .proto text');
    const parsed = parseProtobuf(source);
    if (!parsed.ok) {
      const line = /\bline (\d+)\)?$/.exec(parsed.problem)?.[1];
      return invalid(`Cannot parse ${label} as Protobuf: ${parsed.problem}`, where(line ? Number(line) : undefined));
    }
    const foreign = parsed.imports.filter((i) => !i.startsWith('google/protobuf/'));
    if (foreign.length) return invalid(`${label} imports ${foreign.join(', ')}; Protobuf imports (schema references) are not supported yet`, where());
    return { ok: true, schema: { schemaType: 'PROTOBUF', text: source, ...(parsed.firstMessage ? { recordName: parsed.firstMessage } : {}) } };
  }

  let value: unknown = ref.inline;
  if (text !== undefined) {
    const isYaml = format === 'json' && /\.ya?ml$/i.test(file ?? '');
    const parsed = isYaml ? parseYamlText(text) : parseJsonText(text);
    if (!parsed.ok) return invalid(`Cannot parse ${label}: ${parsed.problem}`, where(parsed.line, parsed.column));
    value = parsed.value;
  }
  if (format === 'json') {
    if (typeof value !== 'object' && typeof value !== 'boolean') return invalid(`${label} is not a JSON Schema (expected an object)`, where(1, 1));
    return { ok: true, schema: { schemaType: 'JSON', text: JSON.stringify(value) } };
  }

  const root = file ?? path.join(options.specDir, 'inline.avsc');
  const resolved = await resolveAvroReferences({ file: root, parsed: value, ...(text !== undefined ? { text } : {}) }, {
    readText: options.readText,
    mayBeElsewhere: (name) => !ownsNamespace(options.domain, namespaceOf(name)),
    ...(options.inSpec ? { inSpec: options.inSpec } : {}),
  });
  if (!resolved.ok) {
    const at = file || resolved.at?.file !== root ? resolved.at : undefined;
    const code = resolved.unknownType ? 'schema-unknown-type' as const : resolved.subjectAttribute ? 'schema-subject-attribute' as const : undefined;
    return { ...invalid(resolved.problem, at), ...(code ? { code } : {}) };
  }
  const { graph } = resolved;
  // Mistakes avsc would report without a place are found first, at their line in their file.
  const named = new Map(graph.types.map((t) => [t.name!, t.parsed]));
  for (const t of [graph.root, ...graph.types]) {
    const [problem] = findAvroProblems(t.parsed, named);
    if (!problem) continue;
    const isRoot = t === graph.root;
    const source = isRoot ? text : await options.readText(t.file);
    const at = source !== undefined && (!isRoot || file) ? { file: t.file, ...locateJsonPath(source, problem.path) } : undefined;
    const via = isRoot ? '' : ` (reached through ${formatChain(chainTo(graph, t.file).slice(0, -1))})`;
    return invalid(`${isRoot ? label : path.basename(t.file)} is not a valid Avro schema: ${problem.message}${via}`, at);
  }
  // Types found only in the registry, or in another channel's schema (checked as that channel's), are checked there; the rest is checked here, now.
  if (graph.elsewhere.length === 0 && graph.inSpec.length === 0) {
    const built = buildAvroType(value, graph.types.map((t) => t.parsed));
    if (!built.ok) return invalid(`${label} is not a valid Avro schema: ${built.problem}`, where());
  }
  return { ok: true, schema: { schemaType: 'AVRO', text: JSON.stringify(value), graph, ...(graph.root.name ? { recordName: graph.root.name } : {}) } };
}

/** The files from the root to `file`, following references (for messages). */
function chainTo(graph: AvroSchemaGraph, file: string): string[] {
  const byName = new Map(graph.types.map((t) => [t.name!, t]));
  const find = (from: { file: string; references: string[] }, seen: Set<string>): string[] | undefined => {
    if (from.file === file) return [from.file];
    for (const r of from.references) {
      const next = byName.get(r);
      if (!next || seen.has(r)) continue;
      seen.add(r);
      const rest = find(next, seen);
      if (rest) return [from.file, ...rest];
    }
    return undefined;
  };
  return find(graph.root, new Set()) ?? [graph.root.file, file];
}
