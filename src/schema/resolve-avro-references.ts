import path from 'node:path';
import { didYouMean, nearestNames } from '../core/nearest-names.js';
import { AVRO_TYPE_NAMES, scanAvroNames } from './avro-names.js';
import { locateJsonPath, type JsonPath } from './json-location.js';
import { parseJsonText } from './parse-schema-text.js';

export interface AvroSchemaFile {
  /** Full name of the top-level named type (absent for a root that is an array, map, union…). */
  name?: string;
  file: string;
  parsed: unknown;
  /** Named types it uses but does not define (full names), in order of first use. */
  references: string[];
}

export interface AvroSchemaGraph {
  root: AvroSchemaFile;
  /** Every referenced type loaded from a file, leaves first (the order to register them), each once. */
  types: AvroSchemaFile[];
  /** Names without a file that `mayBeElsewhere` allowed: another domain's types, to find in the registry. */
  elsewhere: string[];
}

export interface ResolveAvroOptions {
  /** Reads a file; undefined when there is none. */
  readText(file: string): Promise<string | undefined>;
  /** True for names whose file may be missing because they belong to another domain. */
  mayBeElsewhere?(name: string): boolean;
}

/** Where in which schema file (absolute path; 1-based line and column when known). */
export interface SchemaFileLocation {
  file: string;
  line?: number;
  column?: number;
}

export type ResolveAvroResult =
  | { ok: true; graph: AvroSchemaGraph }
  | { ok: false; problem: string; chain: string[]; at?: SchemaFileLocation; unknownType?: boolean };

class ReferenceProblem extends Error {
  constructor(message: string, readonly chain: string[], readonly at?: SchemaFileLocation, readonly unknownType = false) {
    super(message);
  }
}

/** `a.avsc → b.avsc → c.avsc`: references live beside each other, so base names suffice. */
export const formatChain = (chain: readonly string[]): string => chain.map((f) => path.basename(f)).join(' → ');

/**
 * Loads the named types a schema uses but does not define from `<full.name>.avsc` beside it, and
 * theirs in turn. A type seen twice is loaded once; a cycle or a missing file is an error that
 * names the chain of files that led to it.
 */
export async function resolveAvroReferences(root: { file: string; parsed: unknown; text?: string }, options: ResolveAvroOptions): Promise<ResolveAvroResult> {
  const dir = path.dirname(root.file);
  const loaded = new Map<string, AvroSchemaFile>();
  const order: AvroSchemaFile[] = [];
  const elsewhere = new Set<string>();
  const texts = new Map<string, string>(root.text !== undefined ? [[root.file, root.text]] : []);
  const definedIn = new Map<string, Set<string>>();
  const rootNames = scanAvroNames(root.parsed);
  definedIn.set(root.file, rootNames.defined);
  const rootFile: AvroSchemaFile = { file: root.file, parsed: root.parsed, references: rootNames.external, ...(rootNames.fullName ? { name: rootNames.fullName } : {}) };
  const at = (file: string, where: JsonPath, key = false): SchemaFileLocation => {
    const text = texts.get(file);
    return { file, ...(text !== undefined ? locateJsonPath(text, where, { key }) : {}) };
  };

  /** `use`: where the name is written in the file that uses it (the chain's last). */
  const visit = async (name: string, chain: string[], inProgress: Set<string>, use: { written: string; path: JsonPath } | undefined): Promise<void> => {
    const user = chain.at(-1)!;
    const file = path.join(dir, `${name}.avsc`);
    const written = use?.written ?? name;
    const usedAt = at(user, use?.path ?? []);
    const via = chain.length > 1 ? ` (reached through ${formatChain(chain)})` : '';
    if (inProgress.has(name)) {
      throw new ReferenceProblem(`Cyclic schema references: ${formatChain([...chain, file])}; a type registered under its own subject cannot (indirectly) reference itself`, [...chain, file], usedAt);
    }
    if (loaded.has(name) || elsewhere.has(name)) return;
    // A near miss of an Avro type name (`dobule`) is a typo, never a type to look for elsewhere.
    const typo = !written.includes('.') && nearestNames(written, AVRO_TYPE_NAMES).length > 0;
    const text = await options.readText(file);
    if (text === undefined) {
      if (!typo && options.mayBeElsewhere?.(name)) {
        elsewhere.add(name);
        return;
      }
      const known = [...AVRO_TYPE_NAMES, ...[...definedIn.values()].flatMap((d) => [...d].flatMap((n) => [n, n.split('.').pop()!]))];
      const full = written === name ? '' : ` (full name ${name})`;
      throw new ReferenceProblem(
        `Unknown type "${written}"${full} in ${path.basename(user)}: not an Avro type, not defined there, and no ${path.basename(file)} beside it${didYouMean(nearestNames(written, known))}${via}`,
        [...chain, file], usedAt, true);
    }
    texts.set(file, text);
    const parsed = parseJsonText(text);
    if (!parsed.ok) {
      throw new ReferenceProblem(`Cannot parse ${path.basename(file)}: ${parsed.problem} (reached through ${formatChain(chain)})`, [...chain, file],
        { file, ...(parsed.line !== undefined ? { line: parsed.line, column: parsed.column } : {}) });
    }
    const names = scanAvroNames(parsed.value);
    definedIn.set(file, names.defined);
    if (names.fullName !== name) {
      throw new ReferenceProblem(`${path.basename(file)} should define the type "${name}" at its top level, but defines ${names.fullName ? `"${names.fullName}"` : 'no named type'} (reached through ${formatChain(chain)})`,
        [...chain, file], at(file, ['name']));
    }
    const nextProgress = new Set(inProgress).add(name);
    for (const ref of names.external) await visit(ref, [...chain, file], nextProgress, names.uses.get(ref));
    const entry: AvroSchemaFile = { name, file, parsed: parsed.value, references: names.external };
    loaded.set(name, entry);
    order.push(entry);
  };

  try {
    const start = new Set(rootFile.name ? [rootFile.name] : []);
    for (const ref of rootFile.references) await visit(ref, [root.file], start, rootNames.uses.get(ref));
  } catch (e) {
    if (e instanceof ReferenceProblem) return { ok: false, problem: e.message, chain: e.chain, ...(e.at ? { at: e.at } : {}), ...(e.unknownType ? { unknownType: true } : {}) };
    throw e;
  }
  return { ok: true, graph: { root: rootFile, types: order, elsewhere: [...elsewhere] } };
}
