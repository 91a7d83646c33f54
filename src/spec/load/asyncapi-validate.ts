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

function getParser(): Parser {
  if (!parser) {
    shareAjvInstances();
    parser = new Parser({ __unstable: { resolver: { resolvers: [externalSchemaResolver as never] } } });
    parser.registerSchemaParser(allowingStubs(AvroSchemaParser()));
    parser.registerSchemaParser(allowingStubs(ProtoBuffSchemaParser()));
  }
  return parser;
}

/**
 * Validates one spec file with @asyncapi/parser. Error-level findings become errors; the parser's
 * style lints (warnings, hints) are returned with severity `info` so a plan never fails on them.
 * Locations name the file the finding is in (absolute path): the spec, or a file it `$ref`s.
 */
export async function validateAsyncApi(file: string): Promise<Diagnostic[]> {
  const { diagnostics } = await fromFile(getParser(), file).parse();
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
