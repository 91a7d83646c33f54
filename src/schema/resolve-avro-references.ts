import path from 'node:path';
import { didYouMean, nearestNames } from '../core/nearest-names.js';
import { AVRO_TYPE_NAMES, scanAvroNames, type FieldSubject } from './avro-names.js';
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
  /** Names without a file that another produced channel's schema of the same spec defines. */
  inSpec: SpecDefinedType[];
  /** Subjects named by fields' `"subject"` attributes, by full type name, with where the (first) attribute is. */
  subjects: Map<string, { subject: string; at: SchemaFileLocation }>;
}

/** A named type defined inside another channel's schema file of the same spec, and the subject that file is registered under. */
export interface SpecDefinedType {
  name: string;
  subject: string;
  file: string;
  topic: string;
}

export interface ResolveAvroOptions {
  /** Reads a file; undefined when there is none. */
  readText(file: string): Promise<string | undefined>;
  /** True for names whose file may be missing because they belong to another domain. */
  mayBeElsewhere?(name: string): boolean;
  /** The produced channels of the same spec whose schema files define `name` (all of them; one to resolve it). */
  inSpec?(name: string): readonly SpecDefinedType[];
}

/** Where in which schema file (absolute path; 1-based line and column when known). */
export interface SchemaFileLocation {
  file: string;
  line?: number;
  column?: number;
}

export type ResolveAvroResult =
  | { ok: true; graph: AvroSchemaGraph }
  | { ok: false; problem: string; chain: string[]; at?: SchemaFileLocation; unknownType?: boolean; subjectAttribute?: boolean };

class ReferenceProblem extends Error {
  constructor(message: string, readonly chain: string[], readonly at?: SchemaFileLocation, readonly unknownType = false, readonly subjectAttribute = false) {
    super(message);
  }
}

/** `a.avsc → b.avsc → c.avsc`: references live beside each other, so base names suffice. */
export const formatChain = (chain: readonly string[]): string => chain.map((f) => path.basename(f)).join(' → ');

/** `a.avsc:3` (base name: references live beside each other). */
export const formatAt = (at: SchemaFileLocation): string => `${path.basename(at.file)}${at.line !== undefined ? `:${at.line}` : ''}`;

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
  const inSpec = new Map<string, SpecDefinedType>();
  const fieldSubjects: { file: string; f: FieldSubject }[] = [];
  const texts = new Map<string, string>(root.text !== undefined ? [[root.file, root.text]] : []);
  const definedIn = new Map<string, Set<string>>();
  const rootNames = scanAvroNames(root.parsed);
  definedIn.set(root.file, rootNames.defined);
  fieldSubjects.push(...rootNames.fieldSubjects.map((f) => ({ file: root.file, f })));
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
    if (loaded.has(name) || elsewhere.has(name) || inSpec.has(name)) return;
    // A near miss of an Avro type name (`dobule`) is a typo, never a type to look for elsewhere.
    const typo = !written.includes('.') && nearestNames(written, AVRO_TYPE_NAMES).length > 0;
    const text = await options.readText(file);
    if (text === undefined) {
      const definers = options.inSpec?.(name) ?? [];
      if (definers.length > 1) {
        throw new ReferenceProblem(
          `Type "${name}" used in ${path.basename(user)} is defined in the schemas of ${definers.length} channels (${definers.map((d) => `${d.topic}: ${path.basename(d.file)}`).join(', ')}), so which subject to reference is ambiguous${via}`,
          [...chain, definers[0]!.file], usedAt);
      }
      if (definers[0]) {
        inSpec.set(name, definers[0]);
        return;
      }
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
    fieldSubjects.push(...names.fieldSubjects.map((f) => ({ file, f })));
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
    const subjects = subjectAttributes(fieldSubjects, inSpec, (file, where) => at(file, where));
    return { ok: true, graph: { root: rootFile, types: order, elsewhere: [...elsewhere], inSpec: [...inSpec.values()], subjects } };
  } catch (e) {
    if (e instanceof ReferenceProblem) {
      return { ok: false, problem: e.message, chain: e.chain, ...(e.at ? { at: e.at } : {}), ...(e.unknownType ? { unknownType: true } : {}), ...(e.subjectAttribute ? { subjectAttribute: true } : {}) };
    }
    throw e;
  }
}

/**
 * Reads fields' `"subject"` attributes: each names the subject of the one named type from another
 * schema that its field uses. Anything else (not a string, no such type, two of them, two subjects
 * for one type, a subject other than the one the type's channel registers it under) is refused,
 * never ignored: a reference to a subject that is not the type's would fail on apply.
 */
function subjectAttributes(found: readonly { file: string; f: FieldSubject }[], inSpec: ReadonlyMap<string, SpecDefinedType>,
  at: (file: string, where: JsonPath) => SchemaFileLocation): Map<string, { subject: string; at: SchemaFileLocation }> {
  const subjects = new Map<string, { subject: string; at: SchemaFileLocation }>();
  for (const { file, f } of found) {
    const where = at(file, f.path);
    const field = `Field "${f.field}" in ${path.basename(file)}`;
    const refuse = (why: string): never => {
      throw new ReferenceProblem(`${field} has "subject": ${JSON.stringify(f.subject)}, ${why}`, [file], where, false, true);
    };
    if (typeof f.subject !== 'string' || f.subject.trim() === '') refuse('which is not a subject name (a non-empty string)');
    const subject = f.subject as string;
    if (f.names.length === 0) refuse('but its type uses no named type from another schema, so no subject is registered or referenced for it');
    if (f.names.length > 1) refuse(`but its type uses ${f.names.length} named types from other schemas (${f.names.join(', ')}), so which one it names is ambiguous`);
    const name = f.names[0]!;
    const definer = inSpec.get(name);
    if (definer && definer.subject !== subject) {
      refuse(`but "${name}" is defined in the schema of channel "${definer.topic}" (${path.basename(definer.file)}), which is registered under subject "${definer.subject}"`);
    }
    const prior = subjects.get(name);
    if (prior && prior.subject !== subject) {
      refuse(`but ${formatAt(prior.at)} gives "${name}" the subject "${prior.subject}"; a type has one subject`);
    }
    if (!prior) subjects.set(name, { subject, at: where });
  }
  return subjects;
}
