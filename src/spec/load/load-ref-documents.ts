import { promises as fs } from 'node:fs';
import path from 'node:path';
import { isObj, resolveRefPath, splitRef, type RefDocument } from '../refs.js';
import { parseYamlSource, type YamlSource } from '../yaml-locator.js';

/** Documents a `$ref` may point into; schema files (`.avsc`, `.proto`) are read by the schema loader. */
const DOCUMENT = /\.(ya?ml|json)$/i;
const MAX_DOCUMENTS = 500;
const MAX_BYTES = 8 * 1024 * 1024;

/** Every `$ref` to another file in a parsed document. */
function fileRefs(data: unknown): string[] {
  const out = new Set<string>();
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (isObj(v)) {
      for (const [k, x] of Object.entries(v)) {
        if (k === '$ref' && typeof x === 'string') {
          const { file } = splitRef(x);
          if (file !== '' && !/^[a-z][a-z0-9+.-]*:\/\//i.test(file)) out.add(file);
        } else walk(x);
      }
    }
  };
  walk(data);
  return [...out];
}

const exists = (f: string): Promise<boolean> => fs.access(f).then(() => true, () => false);

/**
 * Reads the YAML/JSON documents a spec `$ref`s, and those they `$ref` in turn, each parsed with
 * its line positions, keyed by absolute path. A file that is missing or not YAML is kept with the
 * reason, for the diagnostic of whatever points at it. `display` says how to name a file to users.
 */
export async function loadRefDocuments(main: YamlSource, mainAbs: string, display: (abs: string) => string): Promise<Map<string, RefDocument>> {
  const specDir = path.dirname(mainAbs);
  const documents = new Map<string, RefDocument>();
  const queue: { data: unknown; dir: string }[] = [{ data: main.data, dir: specDir }];
  while (queue.length > 0 && documents.size < MAX_DOCUMENTS) {
    const { data, dir } = queue.shift()!;
    for (const file of fileRefs(data)) {
      if (!DOCUMENT.test(file)) continue;
      const candidates = [path.resolve(dir, file), ...(path.isAbsolute(file) ? [path.join(specDir, file)] : [])];
      const present = new Set<string>();
      for (const c of candidates) if (await exists(c)) present.add(c);
      const abs = resolveRefPath(dir, file, specDir, (f) => present.has(f));
      if (documents.has(abs) || abs === mainAbs) continue;
      const text = present.has(abs) ? await fs.readFile(abs, 'utf8').catch(() => undefined) : undefined;
      if (text === undefined) {
        documents.set(abs, { problem: `${display(abs)} does not exist or cannot be read` });
        continue;
      }
      if (text.length > MAX_BYTES) {
        documents.set(abs, { problem: `${display(abs)} is larger than ${MAX_BYTES / 1024 / 1024} MiB` });
        continue;
      }
      const { source, diagnostics } = parseYamlSource(display(abs), text);
      if (!source) {
        const first = diagnostics[0];
        documents.set(abs, { problem: `${display(abs)}${first?.location?.line ? `:${first.location.line}` : ''}: ${first?.summary ?? 'not YAML or JSON'}` });
        continue;
      }
      documents.set(abs, { src: source });
      queue.push({ data: source.data, dir: path.dirname(abs) });
    }
  }
  return documents;
}
