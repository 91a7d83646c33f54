import path from 'node:path';
import type { SourceLocation } from './model.js';
import type { PathSegment, YamlSource } from './yaml-locator.js';

type Obj = Record<string, unknown>;
export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A place in one of the documents a spec is made of: the spec itself or a file it `$ref`s. */
export interface Loc {
  src: YamlSource;
  path: PathSegment[];
}

export const child = (at: Loc, ...segments: PathSegment[]): Loc => ({ src: at.src, path: [...at.path, ...segments] });
export const locate = (at: Loc): SourceLocation => at.src.locate(at.path);

/** A document a spec `$ref`s, by absolute path: parsed, or why it could not be. */
export type RefDocument = { src: YamlSource } | { problem: string };

export interface Resolved {
  value: unknown;
  /** Where the value is written (the target of the last `$ref` followed). */
  at: Loc;
  /** Why a `$ref` could not be followed; `at` is then the `$ref` itself. */
  problem?: string;
}

const MAX_HOPS = 32;

/** Splits `file.yaml#/a/b` into its file part and JSON-pointer segments. */
export function splitRef(ref: string): { file: string; pointer: string[] } {
  const hash = ref.indexOf('#');
  const file = hash < 0 ? ref : ref.slice(0, hash);
  const fragment = hash < 0 ? '' : ref.slice(hash + 1);
  const pointer = fragment === '' || fragment === '/' ? [] : fragment.replace(/^\//, '').split('/')
    .map((s) => decodeURIComponent(s).replace(/~1/g, '/').replace(/~0/g, '~'));
  return { file: decodeURIComponent(file), pointer };
}

/**
 * Follows `$ref`s the way @asyncapi/parser does: inside the spec (`#/components/…`) and into
 * other YAML/JSON files (`common.yaml#/channels/x`, or a whole file), relative to the file that
 * holds the `$ref`, through references met on the way. The documents are read beforehand
 * (loadRefDocuments), so following is synchronous and every result knows its file and line.
 */
export class Refs {
  private readonly dirs = new Map<YamlSource, string>();

  constructor(private readonly main: YamlSource, mainDir: string, private readonly documents: ReadonlyMap<string, RefDocument>) {
    this.dirs.set(main, mainDir);
    for (const [abs, doc] of documents) if ('src' in doc) this.dirs.set(doc.src, path.dirname(abs));
  }

  root(...segments: PathSegment[]): Loc {
    return { src: this.main, path: segments };
  }

  /** The folder relative `$ref`s in `src` resolve against. */
  dirOf(src: YamlSource): string {
    return this.dirs.get(src) ?? this.dirs.get(this.main)!;
  }

  /** Resolves `value` (found at `at`) while it is a `$ref`. */
  resolve(value: unknown, at: Loc): Resolved {
    let current = value;
    let loc = at;
    for (let hops = 0; hops < MAX_HOPS; hops++) {
      if (!isObj(current) || typeof current['$ref'] !== 'string') return { value: current, at: loc };
      const next = this.follow(current['$ref'], loc);
      if ('problem' in next) return { value: current, at: loc, problem: next.problem };
      current = next.value;
      loc = next.at;
    }
    return { value: current, at: loc, problem: `the \`$ref\` chain is circular or longer than ${MAX_HOPS} steps` };
  }

  /** Resolves a member of an already resolved object. */
  member(holder: unknown, at: Loc, key: PathSegment): Resolved {
    const value = Array.isArray(holder) ? holder[Number(key)] : isObj(holder) ? holder[String(key)] : undefined;
    return this.resolve(value, child(at, key));
  }

  /** The document a `$ref` names, and its absolute file when it names another file. */
  target(ref: string, from: Loc): { src: YamlSource; file?: string } | { problem: string } {
    const { file } = splitRef(ref);
    if (file === '') return { src: from.src };
    const abs = resolveRefPath(this.dirOf(from.src), file, this.dirOf(this.main), (f) => this.documents.has(f));
    const doc = this.documents.get(abs);
    if (!doc) return { problem: `\`${ref}\` points to ${file}, which is not a YAML or JSON document specmesh can read` };
    if ('problem' in doc) return { problem: doc.problem };
    return { src: doc.src, file: abs };
  }

  /** Follows one `$ref` (found at `from`) to what it names, without following that further. */
  follow(ref: string, from: Loc): { value: unknown; at: Loc } | { problem: string } {
    const target = this.target(ref, from);
    if ('problem' in target) return target;
    const { pointer } = splitRef(ref);
    let value: unknown = target.src.data;
    let loc: Loc = { src: target.src, path: [] };
    for (const segment of pointer) {
      // A pointer may pass through a referenced object (`#/channels/x/messages/m` where x is a `$ref`).
      const through = this.resolve(value, loc);
      if (through.problem) return { problem: through.problem };
      const holder = through.value;
      const key: PathSegment = Array.isArray(holder) && /^\d+$/.test(segment) ? Number(segment) : segment;
      const next = Array.isArray(holder) ? holder[Number(key)] : isObj(holder) ? holder[segment] : undefined;
      if (next === undefined) return { problem: `\`${ref}\` points to nothing: ${target.file ? path.basename(target.file) : 'the document'} has no \`${pointer.join('/')}\`` };
      value = next;
      loc = child(through.at, key);
    }
    return { value, at: loc };
  }
}

/**
 * A `$ref`'s file, relative to the folder of the document that holds it. SpecMesh writes
 * `/schema/x.avsc` meaning the spec's own folder: an absolute path that does not exist is read so.
 */
export function resolveRefPath(fromDir: string, file: string, specDir: string, exists: (abs: string) => boolean): string {
  const abs = path.resolve(fromDir, file);
  if (path.isAbsolute(file) && !exists(abs)) {
    const specRelative = path.join(specDir, file);
    if (exists(specRelative)) return specRelative;
  }
  return abs;
}
