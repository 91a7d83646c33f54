import { promises as fs } from 'node:fs';
import path from 'node:path';
import { error, type Diagnostic } from '../../core/diagnostic.js';
import { extractDomain, type ExtractOptions } from '../extract-domain.js';
import { loadRefDocuments } from './load-ref-documents.js';
import type { Domain, SchemaRef } from '../model.js';
import { parseYamlSource } from '../yaml-locator.js';
import { validateAsyncApi } from './asyncapi-validate.js';
import type { ExternalTypeUse } from '../../schema/external-types.js';

export interface SpecFileResult {
  file: string;
  domain?: Domain;
  diagnostics: Diagnostic[];
  /** Files outside the spec that its `$ref`s read: a cached result is stale when one changes. */
  dependencies: string[];
  /** Other domains' types its produced schemas use (checked against the other specs loaded with it). */
  externalTypes?: ExternalTypeUse[];
}

/** Loads one spec: YAML syntax, SpecMesh's rules, its schema files, then the AsyncAPI parser's validation. */
export async function loadSpecFile(absFile: string, displayFile: string, text: string | undefined, options: ExtractOptions): Promise<SpecFileResult> {
  const content = text ?? (await fs.readFile(absFile, 'utf8').catch(() => undefined));
  if (content === undefined) {
    return { file: displayFile, diagnostics: [error('spec-unreadable', `Cannot read ${displayFile}`, { file: displayFile }, 'Check the path and file permissions.')], dependencies: [] };
  }
  // One clear answer for a file that cannot be a spec, rather than every parser's view of it.
  const notText = binaryAt(content);
  if (notText >= 0) {
    return { file: displayFile, diagnostics: [error('spec-not-text', `${displayFile} is not a text file (binary content at character ${notText + 1})`, { file: displayFile },
      'Pass AsyncAPI YAML or JSON files; --spec with a folder reads only files with a top-level `asyncapi` key.')], dependencies: [] };
  }
  if (content.trim() === '') {
    return { file: displayFile, diagnostics: [error('spec-empty', `${displayFile} is empty`, { file: displayFile, line: 1 },
      'Start the file with `asyncapi: 2.6.0` (or 3.0.0), `id: urn:<domain>` and `channels:`.')], dependencies: [] };
  }
  const { source, diagnostics } = parseYamlSource(displayFile, content);
  if (!source) return { file: displayFile, diagnostics, dependencies: [] };
  const specDir = path.dirname(absFile);
  // Other files are named to users as the spec is: relative to where the spec is shown from.
  const display = (abs: string): string => path.join(path.dirname(displayFile), path.relative(specDir, abs));
  const documents = await loadRefDocuments(source, absFile, display);
  const extracted = extractDomain(source, { ...options, baseDir: specDir, documents });
  const domain = extracted.domain;
  const schemaFiles = domain ? await checkSchemaFiles(domain, specDir, display) : { diagnostics: [], files: [], externalTypes: [] };
  extracted.diagnostics.push(...schemaFiles.diagnostics);
  // Without a usable `asyncapi` version the parser has nothing to validate against (and throws), and when the
  // file is not an AsyncAPI document it would only say so again, differently: the error already says what to fix.
  const notAsyncApi = extracted.diagnostics.some((d) => d.severity === 'error' && NOT_ASYNCAPI.has(d.code));
  const parsed = notAsyncApi ? [] : await validateAsyncApi(absFile);
  // A schema file specmesh reported on itself is not reported again in the parser's words.
  const reported = new Set(schemaFiles.diagnostics.map((d) => d.location?.file));
  const parserDiagnostics = parsed
    .map((d) => (d.location ? { ...d, location: { ...d.location, file: d.location.file === absFile ? displayFile : display(d.location.file) } } : d))
    .filter((d) => d.location?.file === displayFile || !reported.has(d.location?.file));
  return {
    file: displayFile,
    diagnostics: [...extracted.diagnostics, ...parserDiagnostics],
    dependencies: [...new Set([...documents.keys(), ...externalRefs(source.data, specDir), ...schemaFiles.files])].sort(),
    ...(domain ? { domain } : {}),
    ...(schemaFiles.externalTypes.length ? { externalTypes: schemaFiles.externalTypes } : {}),
  };
}

/** Where text holds a control character no text file has (NUL…BS, SO…SUB) or bytes that are not UTF-8; -1 when none. */
function binaryAt(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 9 || (c > 13 && c < 27) || c === 0xfffd) return i;
  }
  return -1;
}

const NOT_ASYNCAPI = new Set(['spec-not-mapping', 'asyncapi-version']);

function externalRefs(data: unknown, dir: string): string[] {
  const out = new Set<string>();
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (k === '$ref' && typeof x === 'string' && !x.startsWith('#')) out.add(path.resolve(dir, x.replace(/#.*$/, '')));
        else walk(x);
      }
    }
  };
  walk(data);
  return [...out].sort();
}

const readText = (f: string): Promise<string | undefined> => fs.readFile(f, 'utf8').catch(() => undefined);

/**
 * Produced topics must have their schema files, and those must be schemas: each is read as the
 * schema registry planner reads it (Avro with its named-type references, Protobuf, JSON Schema),
 * so a broken file fails `validate`, not the deploy. A consumer's copy of a foreign schema is not needed.
 * Returns the files read, which decide whether a cached result still holds.
 */
async function checkSchemaFiles(domain: Domain, specDir: string, display: (abs: string) => string): Promise<{ diagnostics: Diagnostic[]; files: string[]; externalTypes: ExternalTypeUse[] }> {
  const out: Diagnostic[] = [];
  const files = new Set<string>();
  const exists = (f: string): Promise<boolean> => fs.access(f).then(() => true, () => false);
  const toLoad: { label: 'value' | 'key'; topic: string; ref: SchemaRef; location: Diagnostic['location'] }[] = [];
  for (const t of domain.produces) {
    for (const [label, ref] of [['value', t.valueSchema], ['key', t.keySchema]] as const) {
      if (!ref?.file) continue;
      files.add(ref.file);
      if (!(await exists(ref.file))) {
        // SpecMesh resolves `/schema/x.avsc` against the spec's folder; so do we, when no such absolute file exists.
        const specRelative = ref.absoluteRef !== undefined ? path.join(specDir, ref.absoluteRef) : undefined;
        if (specRelative !== undefined && (await exists(specRelative))) {
          ref.file = specRelative;
          files.add(specRelative);
        } else if (ref.absoluteRef !== undefined && specRelative !== undefined) {
          files.add(specRelative);
          out.push(absoluteRefMissing(label, t.name, ref.absoluteRef, specDir, specRelative, ref.location ?? t.location));
          continue;
        } else {
          out.push(error('schema-missing-file', `The ${label} schema of topic "${t.name}" points to a file that does not exist: ${display(ref.file)}`,
            ref.location ?? t.location, 'Correct the `$ref`; it is resolved relative to the file that holds it.'));
          continue;
        }
      }
      toLoad.push({ label, topic: t.name, ref, location: ref.location ?? t.location });
    }
  }
  const externalTypes: ExternalTypeUse[] = [];
  if (toLoad.length === 0) return { diagnostics: out, files: [...files], externalTypes };
  const [{ loadSchema }, { schemaFileDiagnostic }, { indexSpecTypes }, { externalTypesOf }] = await Promise.all([
    import('../../schema/load-schema.js'), import('../../schema/schema-file-diagnostic.js'), import('../../schema/spec-defined-types.js'),
    import('../../schema/external-types.js'),
  ]);
  const tracked = async (f: string): Promise<string | undefined> => {
    files.add(f);
    return readText(f);
  };
  // A schema may use a type another produced channel's schema defines: index them first.
  const inSpec = await indexSpecTypes(domain, tracked);
  for (const { label, topic, ref, location } of toLoad) {
    const loaded = await loadSchema(ref, { domain: domain.id, specDir, readText: tracked, inSpec });
    if (!loaded.ok) out.push(schemaFileDiagnostic(loaded, { part: label, topic, ref: location, display }));
    else if (loaded.schema.schemaType === 'AVRO') externalTypes.push(...externalTypesOf(domain.id, loaded.schema.graph, location));
  }
  return { diagnostics: out, files: [...files], externalTypes };
}

/**
 * SpecMesh's build resolved an absolute `$ref` (`/x.proto`) from its resources folder, which a
 * spec does not name; specmesh tries the path as written and the spec's own folder, and says both.
 */
function absoluteRefMissing(label: string, topic: string, written: string, specDir: string, specRelative: string, location: Diagnostic['location']): Diagnostic {
  const beside = path.relative(specDir, specRelative);
  return error('schema-ref-absolute', `The ${label} schema of topic "${topic}" is \`$ref: ${written}\`, an absolute path, and no file is there: tried ${written} (from the file system root) and ${beside} (relative to the spec)`,
    location, `Write the \`$ref\` relative to the spec file (SpecMesh read "${written}" from its build's resources folder, which specmesh does not know), e.g. \`$ref: ${beside}\` with the file there, or the relative path to where it is.`);
}
