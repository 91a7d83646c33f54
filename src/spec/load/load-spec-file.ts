import { promises as fs } from 'node:fs';
import path from 'node:path';
import { error, type Diagnostic } from '../../core/diagnostic.js';
import { extractDomain, type ExtractOptions } from '../extract-domain.js';
import { loadRefDocuments } from './load-ref-documents.js';
import type { Domain } from '../model.js';
import { parseYamlSource } from '../yaml-locator.js';
import { validateAsyncApi } from './asyncapi-validate.js';

export interface SpecFileResult {
  file: string;
  domain?: Domain;
  diagnostics: Diagnostic[];
  /** Files outside the spec that its `$ref`s read: a cached result is stale when one changes. */
  dependencies: string[];
}

/** Loads one spec: YAML syntax, SpecMesh's rules, its schema files, then the AsyncAPI parser's validation. */
export async function loadSpecFile(absFile: string, displayFile: string, text: string | undefined, options: ExtractOptions): Promise<SpecFileResult> {
  const content = text ?? (await fs.readFile(absFile, 'utf8').catch(() => undefined));
  if (content === undefined) {
    return { file: displayFile, diagnostics: [error('spec-unreadable', `Cannot read ${displayFile}`, { file: displayFile }, 'Check the path and file permissions.')], dependencies: [] };
  }
  const { source, diagnostics } = parseYamlSource(displayFile, content);
  if (!source) return { file: displayFile, diagnostics, dependencies: [] };
  const specDir = path.dirname(absFile);
  // Other files are named to users as the spec is: relative to where the spec is shown from.
  const display = (abs: string): string => path.join(path.dirname(displayFile), path.relative(specDir, abs));
  const documents = await loadRefDocuments(source, absFile, display);
  const extracted = extractDomain(source, { ...options, baseDir: specDir, documents });
  const domain = extracted.domain;
  const schemaFiles = domain ? await checkSchemaFiles(domain, specDir, display) : { diagnostics: [], files: [] };
  extracted.diagnostics.push(...schemaFiles.diagnostics);
  const parsed = await validateAsyncApi(absFile);
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
  };
}

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
async function checkSchemaFiles(domain: Domain, specDir: string, display: (abs: string) => string): Promise<{ diagnostics: Diagnostic[]; files: string[] }> {
  const out: Diagnostic[] = [];
  const files = new Set<string>();
  const exists = (f: string): Promise<boolean> => fs.access(f).then(() => true, () => false);
  let loadSchema: typeof import('../../schema/load-schema.js').loadSchema | undefined;
  let schemaFileDiagnostic: typeof import('../../schema/schema-file-diagnostic.js').schemaFileDiagnostic | undefined;
  for (const t of domain.produces) {
    for (const [label, ref] of [['value', t.valueSchema], ['key', t.keySchema]] as const) {
      if (!ref?.file) continue;
      files.add(ref.file);
      if (!(await exists(ref.file))) {
        // SpecMesh resolves `/schema/x.avsc` against the spec's folder; so do we, when no such absolute file exists.
        const specRelative = path.join(specDir, ref.file);
        if (path.isAbsolute(ref.file) && (await exists(specRelative))) {
          ref.file = specRelative;
          files.add(specRelative);
        } else {
          out.push(error('schema-missing-file', `The ${label} schema of topic "${t.name}" points to a file that does not exist: ${display(ref.file)}`,
            ref.location ?? t.location, 'Correct the `$ref`; it is resolved relative to the file that holds it.'));
          continue;
        }
      }
      loadSchema ??= (await import('../../schema/load-schema.js')).loadSchema;
      const loaded = await loadSchema(ref, { domain: domain.id, specDir, readText: async (f) => {
        files.add(f);
        return readText(f);
      } });
      if (!loaded.ok) {
        schemaFileDiagnostic ??= (await import('../../schema/schema-file-diagnostic.js')).schemaFileDiagnostic;
        out.push(schemaFileDiagnostic(loaded, { part: label, topic: t.name, ref: ref.location ?? t.location, display }));
      }
    }
  }
  return { diagnostics: out, files: [...files] };
}
