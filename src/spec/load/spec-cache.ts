import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { SpecFileResult } from './load-spec-file.js';
import { makeDir } from '../../adapters/files/make-dir.js';

const CACHE_VERSION = 3;
const MAX_ENTRIES = 20_000;
const USED_RESOLUTION_MS = 3_600_000;

interface Entry {
  /** The result as JSON text: parsed only when hit, so opening the cache reads strings, not objects. */
  result: string;
  /** Hash of each dependency when the entry was made. */
  deps: Record<string, string>;
  used: number;
}

export const hashText = (text: string | Buffer): string => createHash('sha256').update(text).digest('hex');

export function defaultCacheDir(): string {
  const base = process.env['XDG_CACHE_HOME'] || path.join(os.homedir(), '.cache');
  return path.join(base, 'specmesh');
}

/**
 * Validated specs keyed by a hash of everything that decides the result (the spec's text, its
 * display path, the options and the tool version), so an unchanged spec is not parsed again.
 * Entries also record the hashes of the files the spec's `$ref`s read.
 */
export class SpecCache {
  private entries: Record<string, Entry> = {};
  private dirty = false;
  private readonly depHashes = new Map<string, Promise<string | undefined>>();

  private constructor(private readonly file: string | undefined) {}

  static async open(dir: string | false | undefined): Promise<SpecCache> {
    if (dir === false) return new SpecCache(undefined);
    const file = path.join(dir ?? defaultCacheDir(), `specs-v${CACHE_VERSION}.json`);
    const cache = new SpecCache(file);
    try {
      const raw = JSON.parse(await fs.readFile(file, 'utf8')) as { version?: number; entries?: Record<string, Entry> };
      if (raw.version === CACHE_VERSION && raw.entries) cache.entries = raw.entries;
    } catch {
      // No cache yet, or an unreadable one: start empty.
    }
    return cache;
  }

  key(parts: readonly string[]): string {
    return hashText(parts.join('\u0000'));
  }

  async get(key: string): Promise<SpecFileResult | undefined> {
    const entry = this.entries[key];
    if (!entry) return undefined;
    for (const [dep, hash] of Object.entries(entry.deps)) {
      if ((await this.depHash(dep)) !== hash) return undefined;
    }
    // Recency only decides eviction: refreshed at most hourly, so a run of cache hits writes nothing.
    const now = Date.now();
    if (now - entry.used > USED_RESOLUTION_MS) {
      entry.used = now;
      this.dirty = true;
    }
    return JSON.parse(entry.result) as SpecFileResult;
  }

  async set(key: string, result: SpecFileResult): Promise<void> {
    if (!this.file) return;
    const deps: Record<string, string> = {};
    for (const dep of result.dependencies) deps[dep] = (await this.depHash(dep)) ?? 'missing';
    this.entries[key] = { result: JSON.stringify(result), deps, used: Date.now() };
    this.dirty = true;
  }

  async save(): Promise<void> {
    if (!this.file || !this.dirty) return;
    const keys = Object.keys(this.entries);
    if (keys.length > MAX_ENTRIES) {
      keys.sort((a, b) => this.entries[b]!.used - this.entries[a]!.used);
      for (const k of keys.slice(MAX_ENTRIES)) delete this.entries[k];
    }
    try {
      await makeDir(path.dirname(this.file));
      const tmp = `${this.file}.${process.pid}.tmp`;
      await fs.writeFile(tmp, JSON.stringify({ version: CACHE_VERSION, entries: this.entries }));
      await fs.rename(tmp, this.file);
    } catch {
      // A cache that cannot be written only costs time on the next run.
    }
  }

  private depHash(file: string): Promise<string | undefined> {
    let h = this.depHashes.get(file);
    if (!h) {
      h = fs.readFile(file).then(hashText, () => 'missing');
      this.depHashes.set(file, h);
    }
    return h;
  }
}
