import { promises as fs } from 'node:fs';
import path from 'node:path';
import fg from 'fast-glob';
import { error, type Diagnostic } from './diagnostic.js';

const SPEC_EXTENSIONS = ['yaml', 'yml', 'json'];
const ASYNCAPI_KEY = /^\s*["']?asyncapi["']?\s*:/m;

/**
 * Expands `--spec` inputs (files, folders, globs) into spec files, sorted and unique.
 * Files named explicitly are always specs; inside folders and globs only files with a top-level
 * `asyncapi` key count, so schema files (`.yml` JSON Schemas) beside the specs are skipped.
 */
export async function findSpecFiles(inputs: readonly string[], cwd = process.cwd()): Promise<{ files: string[]; diagnostics: Diagnostic[] }> {
  const diagnostics: Diagnostic[] = [];
  const found = new Set<string>();
  for (const input of inputs) {
    const abs = path.resolve(cwd, input);
    const stat = await fs.stat(abs).catch(() => undefined);
    if (stat?.isFile()) {
      found.add(abs);
      continue;
    }
    let candidates: string[];
    if (stat?.isDirectory()) {
      candidates = await fg(`**/*.{${SPEC_EXTENSIONS.join(',')}}`, { cwd: abs, absolute: true, ignore: ['**/node_modules/**'] });
    } else if (fg.isDynamicPattern(input)) {
      candidates = await fg(input, { cwd, absolute: true, ignore: ['**/node_modules/**'] });
    } else {
      diagnostics.push(error('spec-not-found', `Spec not found: ${input}`, { file: input }, 'Pass an existing file, a folder, or a glob such as "specs/**/*-api.yaml".'));
      continue;
    }
    const specs = await Promise.all(candidates.map(async (f) => ((await looksLikeAsyncApi(f)) ? f : undefined)));
    const matched = specs.filter((f): f is string => f !== undefined);
    if (matched.length === 0) {
      diagnostics.push(error('spec-not-found', `No AsyncAPI specs found in ${input}`, { file: input }, 'Point --spec at AsyncAPI files (YAML or JSON with a top-level `asyncapi` key).'));
    }
    matched.forEach((f) => found.add(path.normalize(f)));
  }
  return { files: [...found].sort(), diagnostics };
}

async function looksLikeAsyncApi(file: string): Promise<boolean> {
  const handle = await fs.open(file, 'r').catch(() => undefined);
  if (!handle) return false;
  try {
    const buf = Buffer.alloc(4096);
    const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
    return ASYNCAPI_KEY.test(buf.subarray(0, bytesRead).toString('utf8'));
  } finally {
    await handle.close();
  }
}

/** How a file is shown to users: relative to the working directory. */
export function displayPath(file: string, cwd = process.cwd()): string {
  const rel = path.relative(cwd, file);
  return rel && !path.isAbsolute(rel) ? rel : file;
}
