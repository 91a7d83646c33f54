import { cpSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadSpecs } from '../../../src/spec/load/load-specs.js';

const projectSpecs = path.resolve(import.meta.dirname, '../../../specs');
const ORDERS_SCHEMA = 'schema/acme.retail.orders._public.order_placed.avsc';

describe('the cache of validated specs', () => {
  let dir: string;
  let cacheDir: string;
  // In-process parsing, so the tests do not depend on the compiled worker.
  const load = () => loadSpecs([dir], { cwd: dir, cacheDir, workers: 0 });
  const cacheFile = () => path.join(cacheDir, 'specs-v3.json');

  beforeEach(() => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'specmesh-cache-'));
    dir = path.join(root, 'specs');
    cacheDir = path.join(root, 'cache');
    cpSync(projectSpecs, dir, { recursive: true });
  });
  afterEach(() => rmSync(path.dirname(dir), { recursive: true, force: true }));

  it('serves an unchanged estate from the cache with the same domains and diagnostics', async () => {
    const first = await load();
    expect(first.stats).toEqual({ files: 3, cached: 0, parsed: 3 });
    const second = await load();
    expect(second.stats).toEqual({ files: 3, cached: 3, parsed: 0 });
    expect(second.domains).toEqual(first.domains);
    expect(second.diagnostics).toEqual(first.diagnostics);
  });

  it('parses again a spec whose text changed, and only that one', async () => {
    await load();
    const file = path.join(dir, 'orders-api.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('partitions: 3', 'partitions: 7'));
    const again = await load();
    expect(again.stats).toEqual({ files: 3, cached: 2, parsed: 1 });
    const orders = again.domains.find((d) => d.id === 'acme.retail.orders');
    expect(orders?.produces.map((t) => t.partitions)).toContain(7);
  });

  it('parses again a spec whose referenced schema file changed or went missing', async () => {
    await load();
    writeFileSync(path.join(dir, ORDERS_SCHEMA), readFileSync(path.join(dir, ORDERS_SCHEMA), 'utf8').replace('"name"', ' "name"'));
    expect((await load()).stats.parsed).toBe(1);
    rmSync(path.join(dir, ORDERS_SCHEMA));
    const missing = await load();
    expect(missing.stats.parsed).toBe(1);
    expect(missing.ok).toBe(false);
    expect(missing.diagnostics.map((d) => d.summary).join('\n')).toContain('order_placed.avsc');
  });

  it('does not rewrite the cache file when every spec was a hit', async () => {
    await load();
    const before = statSync(cacheFile()).mtimeMs;
    await new Promise((r) => setTimeout(r, 20));
    await load();
    expect(statSync(cacheFile()).mtimeMs).toBe(before);
  });

  it('starts afresh from a cache file it cannot read', async () => {
    await load();
    writeFileSync(cacheFile(), '{ not json');
    const again = await load();
    expect(again.stats).toEqual({ files: 3, cached: 0, parsed: 3 });
    expect(again.ok).toBe(true);
    expect((await load()).stats.cached).toBe(3);
  });
});
