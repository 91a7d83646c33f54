import { promises as fs } from 'node:fs';
import path from 'node:path';
import { error, type Diagnostic } from '../../core/diagnostic.js';

const SPEC_EXTENSIONS = ['yaml', 'yml', 'json'];
/** An `asyncapi` key starting a YAML line (a document may be indented as a whole), or a JSON key. */
const YAML_ASYNCAPI_KEY = /^[ \t]*(?:asyncapi|"asyncapi"|'asyncapi')[ \t]*:/m;
const JSON_ASYNCAPI_KEY = /"asyncapi"\s*:/;
const hasAsyncApiKey = (text: string): boolean => {
  const body = text.replace(/^\uFEFF/, '');
  return (body.trimStart().startsWith('{') ? JSON_ASYNCAPI_KEY : YAML_ASYNCAPI_KEY).test(body);
};
/** Files larger than this in a folder are not read to see whether they are specs. */
const MAX_SNIFF_BYTES = 8 * 1024 * 1024;

/**
 * Expands `--spec` inputs (files, folders, globs) into spec files, sorted and unique.
 * Files named explicitly are always specs; inside folders and globs only files with a top-level
 * `asyncapi` key count, so schema files (`.yml` JSON Schemas) beside the specs are skipped.
 */
export async function findSpecFiles(inputs: readonly string[], cwd = process.cwd()): Promise<{ files: string[]; diagnostics: Diagnostic[]; texts: Map<string, string> }> {
  const diagnostics: Diagnostic[] = [];
  const found = new Set<string>();
  // Files read to tell specs from other YAML: kept, so no spec is read twice.
  const texts = new Map<string, string>();
  for (const input of inputs) {
    const abs = path.resolve(cwd, input);
    const stat = await fs.stat(abs).catch(() => undefined);
    if (stat?.isFile()) {
      found.add(abs);
      continue;
    }
    let candidates: string[];
    // fast-glob costs a tenth of a second to import: only for a glob.
    const fg = stat?.isDirectory() ? undefined : (await import('fast-glob')).default;
    if (stat?.isDirectory()) {
      candidates = await walk(abs);
    } else if (fg?.isDynamicPattern(input)) {
      candidates = await fg(input, { cwd, absolute: true, ignore: ['**/node_modules/**'] });
    } else {
      diagnostics.push(error('spec-not-found', `Spec not found: ${input}`, { file: input }, 'Pass an existing file, a folder, or a glob such as "specs/**/*-api.yaml".'));
      continue;
    }
    const specs = await Promise.all(candidates.map(async (f) => {
      const text = await readIfSpec(f);
      if (text === undefined) return undefined;
      texts.set(path.normalize(f), text);
      return f;
    }));
    const matched = specs.filter((f): f is string => f !== undefined);
    if (matched.length === 0) {
      diagnostics.push(error('spec-not-found', `No AsyncAPI specs found in ${input}`, { file: input }, 'Point --spec at AsyncAPI files (YAML or JSON with a top-level `asyncapi` key).'));
    }
    for (const f of matched) found.add(path.normalize(f));
  }
  return { files: [...found].sort(), diagnostics, texts };
}

const SPEC_FILE = new RegExp(`\\.(${SPEC_EXTENSIONS.join('|')})$`, 'i');

/** YAML and JSON files under `dir`, skipping hidden folders and node_modules, as a glob of the folder would. */
async function walk(dir: string, depth = 0): Promise<string[]> {
  const entries = await fs.readdir(dir, { withFileTypes: true }).catch(() => []);
  const nested = await Promise.all(entries.map(async (e) => {
    if (e.name.startsWith('.')) return [];
    const full = path.join(dir, e.name);
    const target = e.isSymbolicLink() ? await fs.stat(full).catch(() => undefined) : e;
    if (target?.isDirectory()) return e.name === 'node_modules' || depth > 32 ? [] : walk(full, depth + 1);
    return target?.isFile() && SPEC_FILE.test(e.name) ? [full] : [];
  }));
  return nested.flat();
}

/** The file's text when it has a top-level `asyncapi` key (anywhere in it: license headers come first). */
async function readIfSpec(file: string): Promise<string | undefined> {
  const stat = await fs.stat(file).catch(() => undefined);
  if (!stat || stat.size > MAX_SNIFF_BYTES) return undefined;
  const text = await fs.readFile(file, 'utf8').catch(() => undefined);
  return text !== undefined && hasAsyncApiKey(text) ? text : undefined;
}

/** How a file is shown to users: relative to the working directory. */
export function displayPath(file: string, cwd = process.cwd()): string {
  const rel = path.relative(cwd, file);
  return rel && !path.isAbsolute(rel) ? rel : file;
}
