import path from 'node:path';
import { scanAvroNames } from './avro-names.js';
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

export type ResolveAvroResult = { ok: true; graph: AvroSchemaGraph } | { ok: false; problem: string; chain: string[] };

class ReferenceProblem extends Error {
  constructor(message: string, readonly chain: string[]) {
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
export async function resolveAvroReferences(root: { file: string; parsed: unknown }, options: ResolveAvroOptions): Promise<ResolveAvroResult> {
  const dir = path.dirname(root.file);
  const loaded = new Map<string, AvroSchemaFile>();
  const order: AvroSchemaFile[] = [];
  const elsewhere = new Set<string>();
  const rootNames = scanAvroNames(root.parsed);
  const rootFile: AvroSchemaFile = { file: root.file, parsed: root.parsed, references: rootNames.external, ...(rootNames.fullName ? { name: rootNames.fullName } : {}) };

  const visit = async (name: string, chain: string[], inProgress: Set<string>): Promise<void> => {
    const file = path.join(dir, `${name}.avsc`);
    if (inProgress.has(name)) {
      throw new ReferenceProblem(`Cyclic schema references: ${formatChain([...chain, file])}; a type registered under its own subject cannot (indirectly) reference itself`, [...chain, file]);
    }
    if (loaded.has(name) || elsewhere.has(name)) return;
    const text = await options.readText(file);
    if (text === undefined) {
      if (options.mayBeElsewhere?.(name)) {
        elsewhere.add(name);
        return;
      }
      throw new ReferenceProblem(`Type "${name}" used by ${path.basename(chain.at(-1)!)} is defined neither there nor in ${path.basename(file)} beside it (${formatChain([...chain, file])})`, [...chain, file]);
    }
    const parsed = parseJsonText(text);
    if (!parsed.ok) throw new ReferenceProblem(`Cannot parse ${path.basename(file)} (${formatChain([...chain, file])}): ${parsed.problem}`, [...chain, file]);
    const names = scanAvroNames(parsed.value);
    if (names.fullName !== name) {
      throw new ReferenceProblem(`${path.basename(file)} should define the type "${name}" at its top level, but defines ${names.fullName ? `"${names.fullName}"` : 'no named type'} (${formatChain([...chain, file])})`, [...chain, file]);
    }
    const nextProgress = new Set(inProgress).add(name);
    for (const ref of names.external) await visit(ref, [...chain, file], nextProgress);
    const entry: AvroSchemaFile = { name, file, parsed: parsed.value, references: names.external };
    loaded.set(name, entry);
    order.push(entry);
  };

  try {
    const start = new Set(rootFile.name ? [rootFile.name] : []);
    for (const ref of rootFile.references) await visit(ref, [root.file], start);
  } catch (e) {
    if (e instanceof ReferenceProblem) return { ok: false, problem: e.message, chain: e.chain };
    throw e;
  }
  return { ok: true, graph: { root: rootFile, types: order, elsewhere: [...elsewhere] } };
}
