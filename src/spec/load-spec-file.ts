import { promises as fs } from 'node:fs';
import path from 'node:path';
import { error, type Diagnostic } from './diagnostic.js';
import { extractDomain, type ExtractOptions } from './extract-domain.js';
import type { Domain } from './model.js';
import { parseYamlSource } from './yaml-locator.js';
import { validateAsyncApi } from './asyncapi-validate.js';

export interface SpecFileResult {
  file: string;
  domain?: Domain;
  diagnostics: Diagnostic[];
  /** Files outside the spec that its `$ref`s read: a cached result is stale when one changes. */
  dependencies: string[];
}

/** Loads one spec: YAML syntax, SpecMesh's rules, then the AsyncAPI parser's validation. */
export async function loadSpecFile(absFile: string, displayFile: string, text: string | undefined, options: ExtractOptions): Promise<SpecFileResult> {
  const content = text ?? (await fs.readFile(absFile, 'utf8').catch(() => undefined));
  if (content === undefined) {
    return { file: displayFile, diagnostics: [error('spec-unreadable', `Cannot read ${displayFile}`, { file: displayFile }, 'Check the path and file permissions.')], dependencies: [] };
  }
  const { source, diagnostics } = parseYamlSource(displayFile, content);
  if (!source) return { file: displayFile, diagnostics, dependencies: [] };
    const extracted = extractDomain(source, { ...options, baseDir: path.dirname(absFile) });
  const domain = extracted.domain;
  if (domain) extracted.diagnostics.push(...(await checkSchemaFiles(domain, path.dirname(absFile))));
  const parsed = await validateAsyncApi(absFile);
  const parserDiagnostics = parsed.map((d) => (d.location ? { ...d, location: { ...d.location, file: displayFile } } : d));
  return {
    file: displayFile,
    diagnostics: [...extracted.diagnostics, ...parserDiagnostics],
    dependencies: externalRefs(source.data, path.dirname(absFile)),
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

/** Produced topics must have their schema files; a consumer's copy of a foreign schema is not needed. */
async function checkSchemaFiles(domain: Domain, specDir: string): Promise<Diagnostic[]> {
  const out: Diagnostic[] = [];
  for (const t of domain.produces) {
    for (const [label, ref] of [['value', t.valueSchema], ['key', t.keySchema]] as const) {
      if (!ref?.file) continue;
      const exists = (f: string): Promise<boolean> => fs.access(f).then(() => true, () => false);
      if (await exists(ref.file)) continue;
      // SpecMesh resolves `/schema/x.avsc` against the spec's folder; so do we, when no such absolute file exists.
      const specRelative = path.join(specDir, ref.file);
      if (path.isAbsolute(ref.file) && (await exists(specRelative))) {
        ref.file = specRelative;
        continue;
      }
      {
        out.push(error('schema-missing-file', `The ${label} schema of topic "${t.name}" points to a file that does not exist: ${path.relative(specDir, ref.file)}`,
          ref.location ?? t.location, 'Correct the `$ref`; it is resolved relative to the spec file\'s folder.'));
      }
    }
  }
  return out;
}
