import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Parser, fromFile, type SchemaParser } from '@asyncapi/parser';
import { AvroSchemaParser } from '@asyncapi/avro-schema-parser';
import { ProtoBuffSchemaParser } from '@asyncapi/protobuf-schema-parser';
import { error, type Diagnostic } from '../../core/diagnostic.js';

let parser: Parser | undefined;

/**
 * Spectral gives every document fresh ajv instances, so each parse recompiles the AsyncAPI JSON
 * schemas (most of its ~200 ms). Sharing one set of instances per process keeps the compiled
 * validators; the schemas they compile are the ruleset's own, which do not change between documents.
 */
function shareAjvInstances(): void {
  const require = createRequire(createRequire(import.meta.url).resolve('@asyncapi/parser'));
  const ajvModule = require('@stoplight/spectral-functions/dist/schema/ajv.js') as { createAjvInstances: () => unknown; __shared?: boolean };
  if (ajvModule.__shared) return;
  const original = ajvModule.createAjvInstances;
  let shared: unknown;
  ajvModule.createAjvInstances = () => (shared ??= original());
  ajvModule.__shared = true;
}

type NimmaClass = new (expressions: string[], options?: Record<string, unknown>) => object;

/**
 * Spectral's runner builds a Nimma query engine for every document: it parses the ruleset's
 * JSONPath expressions, then generates and compiles JavaScript for them (about a fifth of the CPU
 * time of a parse). The expressions are the ruleset's, the same for every document of a format,
 * and a Nimma instance keeps no state between queries (each query gets its own scope), so one
 * instance per list of expressions serves every document.
 */
function shareJsonPathQueries(): void {
  const spectralRequire = createRequire(createRequire(createRequire(import.meta.url).resolve('@asyncapi/parser')).resolve('@stoplight/spectral-core'));
  const legacy = spectralRequire('nimma/legacy') as { default: NimmaClass & { __shared?: boolean } };
  if (legacy.default.__shared) return;
  const Original = legacy.default;
  const instances = new Map<unknown, Map<string, object>>();
  const Shared = function SharedNimma(expressions: string[], options: Record<string, unknown> = {}): object {
    const { fallback, ...rest } = options;
    let byKey = instances.get(fallback);
    if (!byKey) {
      byKey = new Map();
      instances.set(fallback, byKey);
    }
    const key = JSON.stringify([expressions, rest]);
    let nimma = byKey.get(key);
    if (!nimma) {
      // A ruleset has a few lists of expressions (by format, resolved or not); anything else is not kept forever.
      if (byKey.size >= 64) byKey.clear();
      nimma = new Original(expressions, options);
      byKey.set(key, nimma);
    }
    return nimma;
  } as unknown as NimmaClass & { __shared?: boolean };
  Shared.__shared = true;
  legacy.default = Shared;
}

/**
 * SpecMesh specs `$ref` Avro and Protobuf files from payloads, often without `schemaFormat` (the
 * file extension says the format) and with Avro named-type references to sibling files, which
 * @asyncapi/parser cannot follow. The document's structure is still validated by the parser; the
 * schema files are read as a stub here and checked by specmesh's own schema loader.
 */
const STUB_KEY = 'x-specmesh-external-schema';
const EXTERNAL_SCHEMA = /\.(avsc|proto)$/i;

const externalSchemaResolver = {
  schema: 'file',
  order: 1,
  // Missing files are stubbed too: the spec loader reports them once, with the fix, instead of
  // the parser's cascade of schema errors.
  canRead: (uri: { href(): string }) => {
    const file = decodeURIComponent(uri.href());
    return EXTERNAL_SCHEMA.test(file) || !existsSync(file);
  },
  read: async (uri: { href(): string }) => JSON.stringify({ type: 'string', [STUB_KEY]: decodeURIComponent(uri.href()) }),
};

/** Findings of the parser that do not affect Kafka governance: reported, never fatal. */
const DEMOTED = new Set(['asyncapi2-operation-operationId-uniqueness']);

const isStub = (data: unknown): boolean => typeof data === 'object' && data !== null && STUB_KEY in data;

/** Accepts the stub for an external schema file; anything inline goes to the real parser. */
function allowingStubs(real: SchemaParser): SchemaParser {
  return {
    getMimeTypes: () => real.getMimeTypes(),
    validate: (input) => (isStub(input.data) ? [] : real.validate(input)),
    parse: (input) => (isStub(input.data) ? (input.data as never) : real.parse(input)),
  };
}

/**
 * The parser's `$ref` resolver keeps every document it resolved in a cache that is never emptied
 * (entries are only marked stale), and spectral keys the documents those `$ref`s read by that
 * cache: one parser for a thousand specs holds a thousand resolved specs, with their documents,
 * graphs and inventories. A fresh cache per document keeps what is held to the document in hand,
 * and means a `$ref`ed file is read afresh for each spec, as a new parser would.
 */
function freshResolverCache(p: Parser): void {
  const resolver = (p as unknown as { spectral?: { _resolver?: { uriCache?: object } } }).spectral?._resolver;
  const cache = resolver?.uriCache as { constructor: new () => object; purge?: unknown } | undefined;
  if (resolver && cache && typeof cache.purge === 'function') resolver.uriCache = new cache.constructor();
}

function getParser(): Parser {
  if (!parser) {
    shareAjvInstances();
    shareJsonPathQueries();
    parser = new Parser({ __unstable: { resolver: { resolvers: [externalSchemaResolver as never] } } });
    parser.registerSchemaParser(allowingStubs(AvroSchemaParser()));
    parser.registerSchemaParser(allowingStubs(ProtoBuffSchemaParser()));
  }
  return parser;
}

let parsing: Promise<unknown> = Promise.resolve();

/**
 * One parse at a time per thread: the resolver reads its cache when a parse gets to its `$ref`s,
 * not when it starts, so parses that overlap would share one (and what each finds in a `$ref`ed
 * file would depend on which read it first). Parsing is CPU work; the wait costs little.
 */
function parseAlone(file: string): ReturnType<ReturnType<typeof fromFile>['parse']> {
  const run = parsing.then(() => {
    const p = getParser();
    freshResolverCache(p);
    return fromFile(p, file).parse();
  });
  parsing = run.catch(() => undefined);
  return run;
}

/**
 * Validates one spec file with @asyncapi/parser. Error-level findings become errors; the parser's
 * style lints (warnings, hints) are returned with severity `info` so a plan never fails on them.
 * Locations name the file the finding is in (absolute path): the spec, or a file it `$ref`s.
 */
export async function validateAsyncApi(file: string): Promise<Diagnostic[]> {
  let diagnostics: Awaited<ReturnType<typeof parseAlone>>['diagnostics'];
  try {
    ({ diagnostics } = await parseAlone(file));
  } catch (e) {
    return [parserFailure(file, e)];
  }
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  for (const d of diagnostics) {
    const path = (d.path ?? []).map(String);
    const key = `${d.code}|${path.join('.')}|${d.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    // A finding in a `$ref`ed file (a JSON Schema payload that does not parse) is placed in that file.
    const source = typeof d.source === 'string' && d.source !== '' ? d.source.replace(/^file:\/\//, '') : file;
    const location = { file: source, line: d.range.start.line + 1, column: d.range.start.character + 1 };
    if (d.severity === 0 && DEMOTED.has(String(d.code))) {
      out.push({ severity: 'warning', code: `asyncapi/${String(d.code)}`, summary: d.message, location });
    } else if (d.severity === 0 && String(d.code) === 'uncaught-error') {
      out.push(parserFailure(file, d.message, location));
    } else if (d.severity === 0) {
      out.push(describeError(String(d.code), d.message, path, location));
    } else {
      out.push({ severity: 'info', code: `asyncapi/${String(d.code)}`, summary: d.message, location });
    }
  }
  return out;
}

function describeError(code: string, message: string, path: string[], location: Diagnostic['location']): Diagnostic {
  const where = path.length ? ` at \`${path.join('.')}\`` : '';
  if (code === 'invalid-ref') {
    const missing = /ENOENT[^']*'([^']+)'/.exec(message)?.[1];
    if (missing) {
      return error('ref-missing-file', `\`$ref\`${where} points to a file that does not exist: ${missing}`, location,
        'Correct the path; a `$ref` is resolved relative to the spec file\'s folder.');
    }
    return error('ref-invalid', `Invalid \`$ref\`${where}: ${message}`, location, 'Point the `$ref` at an existing file or `#/components/…` entry.');
  }
  return error(`asyncapi/${code}`, `${message}${where}`, location, 'Make this part of the document match the AsyncAPI specification for its version.');
}

/**
 * The parser (or a rule inside it) threw: its message carries a stack trace, which is no use to
 * the spec's author. Only the first line of the error is kept.
 */
function parserFailure(file: string, thrown: unknown, location: Diagnostic['location'] = { file }): Diagnostic {
  const text = thrown instanceof Error ? `${thrown.name}: ${thrown.message}` : String(thrown);
  const firstLine = (/message: ([^,\n]*)/.exec(text)?.[1] ?? text.split('\n')[0] ?? '').trim();
  return error('asyncapi/parser-failed', `The AsyncAPI parser could not check this document (${firstLine.replace(/\s+at .*$/, '')})`, location,
    'Check the top-level fields have the types AsyncAPI expects (`asyncapi` a quoted version string, `info` and `channels` mappings); the other errors reported for this file say which.');
}
