import { promises as fs, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { findSpecFiles, displayPath } from './find-spec-files.js';
import type { SpecFileResult } from './load-spec-file.js';
import { SpecCache } from './spec-cache.js';
import { createWorkerPool, defaultWorkerCount } from './worker-pool.js';
import { checkEstate } from '../estate-checks.js';
import { externalTypeWarnings } from '../../schema/external-types.js';
import { checkServerless, type KafkaVariant } from '../kafka-variant.js';
import { hasErrors, type Diagnostic } from '../../core/diagnostic.js';
import type { Domain } from '../model.js';
import type { ExtractOptions } from '../extract-domain.js';
import type { ProgressListener } from '../../core/progress.js';

export interface LoadOptions {
  /** Keep only topics whose `envs` include this environment. */
  env?: string;
  kafkaVariant?: KafkaVariant;
  /** Folder for the cache of validated specs; `false` turns it off. */
  cacheDir?: string | false;
  /** Worker threads for parsing; default: by the number of specs and cores (0 = in-process). */
  workers?: number;
  cwd?: string;
  /** Told how many specs are loaded (from the cache or parsed) as it goes. */
  onProgress?: ProgressListener;
}

export interface LoadResult {
  /** Specs that loaded, in file order (also when other specs have errors). */
  domains: Domain[];
  diagnostics: Diagnostic[];
  files: { file: string; domain?: string }[];
  ok: boolean;
  stats: { files: number; cached: number; parsed: number };
}

const TOOL_VERSION = (createRequire(import.meta.url)('../../../package.json') as { version: string }).version;

/**
 * What a cached result depends on besides its inputs: this build of specmesh. The version alone
 * would let a changed build (a local one) be answered by an older build's results, so the build's
 * id (a hash of its modules, written by the build) counts too; run from the sources, without one,
 * the size and time of every module file do. Read once per process.
 */
let buildFingerprint: string | undefined;
function fingerprintOfBuild(): string {
  if (buildFingerprint !== undefined) return buildFingerprint;
  // This file is <root>/spec/load/load-specs.js: the build's root is three folders up.
  const root = path.dirname(path.dirname(path.dirname(fileURLToPath(import.meta.url))));
  try {
    const { id } = JSON.parse(readFileSync(path.join(root, 'build-id.json'), 'utf8')) as { id?: unknown };
    if (typeof id === 'string') {
      buildFingerprint = `${TOOL_VERSION}|${id}`;
      return buildFingerprint;
    }
  } catch {
    // No build id: run from the sources.
  }
  const parts: string[] = [TOOL_VERSION];
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (/\.(js|ts)$/.test(e.name)) {
        const st = statSync(full);
        parts.push(`${path.relative(root, full)}:${st.size}:${Math.round(st.mtimeMs)}`);
      }
    }
  };
  try {
    walk(root);
  } catch {
    // An unreadable install still caches by version.
  }
  buildFingerprint = parts.join('|');
  return buildFingerprint;
}

const IN_PROCESS_AT_ONCE = 4;

/** Runs `fn` on every item, at most `lanes` at a time. */
async function inLanes<T>(items: readonly T[], lanes: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length) await fn(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(lanes, items.length) }, lane));
}

/** Finds, parses and validates specs; every problem in every file is collected, none thrown. */
export async function loadSpecs(inputs: readonly string[], options: LoadOptions = {}): Promise<LoadResult> {
  const cwd = options.cwd ?? process.cwd();
  const found = await findSpecFiles(inputs, cwd);
  const extract: ExtractOptions = options.env !== undefined ? { env: options.env } : {};
  const cache = await SpecCache.open(options.cacheDir);

  const results: (SpecFileResult | undefined)[] = new Array(found.files.length);
  const total = found.files.length;
  let done = 0;
  const loadedOne = (): void => options.onProgress?.({ stage: 'load', done: ++done, total });
  const misses: { index: number; abs: string; display: string; text: string | undefined; key: string }[] = [];
  await Promise.all(found.files.map(async (abs, index) => {
    const display = displayPath(abs, cwd);
    const text = found.texts.get(abs) ?? await fs.readFile(abs, 'utf8');
    // Each text is kept once, by its miss, and only until that spec is parsed.
    found.texts.delete(abs);
    const key = cache.key([fingerprintOfBuild(), abs, display, JSON.stringify(extract), text]);
    const hit = await cache.get(key);
    if (hit) {
      results[index] = hit;
      loadedOne();
    } else misses.push({ index, abs, display, text, key });
  }));

  const pool = createWorkerPool<{ absFile: string; displayFile: string; text: string | undefined; options: ExtractOptions }, SpecFileResult>(
    new URL('./parse-worker.js', import.meta.url), options.workers ?? defaultWorkerCount(misses.length));
  // The parser takes about a third of a second to import: only when a spec is parsed in this thread.
  const inProcess = !pool && misses.length > 0 ? (await import('./load-spec-file.js')).loadSpecFile : undefined;
  const parse = async (m: (typeof misses)[number]): Promise<void> => {
    const text = m.text;
    m.text = undefined;
    const result = pool
      ? await pool({ absFile: m.abs, displayFile: m.display, text, options: extract })
      : await inProcess!(m.abs, m.display, text, extract);
    results[m.index] = result;
    loadedOne();
    await cache.set(m.key, result);
  };
  try {
    // The pool hands jobs to its workers as they free up; in this thread a few specs are parsed at
    // a time (parsing is CPU work), not all at once, each holding its documents until done.
    await (pool ? Promise.all(misses.map(parse)) : inLanes(misses, IN_PROCESS_AT_ONCE, parse));
  } finally {
    await pool?.close();
  }
  await cache.save();

  const loaded = results.filter((r): r is SpecFileResult => r !== undefined);
  const domains = loaded.flatMap((r) => (r.domain ? [r.domain] : []));
  const diagnostics = [...found.diagnostics, ...loaded.flatMap((r) => r.diagnostics), ...checkEstate(domains),
    ...externalTypeWarnings(loaded.flatMap((r) => (r.domain ? [{ domain: r.domain.id, uses: r.externalTypes ?? [] }] : [])))];
  if (options.kafkaVariant === 'msk-serverless') diagnostics.push(...checkServerless(domains));
  return {
    domains,
    diagnostics,
    files: loaded.map((r) => ({ file: r.file, ...(r.domain ? { domain: r.domain.id } : {}) })),
    ok: !hasErrors(diagnostics),
    stats: { files: found.files.length, cached: found.files.length - misses.length, parsed: misses.length },
  };
}
