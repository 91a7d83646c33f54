import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { spec2, writeTempFiles } from '../../support/temp-specs.js';

// The built CLI, run as users run it (`npm test` builds first).
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const cacheDir = writeTempFiles({});
const cleanEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(SPECMESH_|AWS_)/.test(k)));
const bin = path.join(root, 'bin/run.js');
const run = promisify(execFile);
const golden = (file: string): string => readFileSync(path.join(root, 'test/golden/catalog/01-example-specs', file), 'utf8');

async function specmesh(args: string[], cwd = root) {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], { cwd, env: { ...cleanEnv, NO_COLOR: '', FORCE_COLOR: '', SPECMESH_CACHE_DIR: cacheDir } });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

describe('specmesh catalog', () => {
  it('prints the example specs\' Backstage entities, offline, the same as the golden file, as YAML and as JSON', async () => {
    const yaml = await specmesh(['catalog', '--spec', 'specs/']);
    expect(yaml.code).toBe(0);
    expect(yaml.stderr).toBe('');
    expect(yaml.stdout).toBe(golden('catalog-info.yaml'));
    const json = await specmesh(['catalog', '--spec', 'specs/', '--format', 'json']);
    expect(json.code).toBe(0);
    expect(json.stdout).toBe(golden('catalog.json'));
  });

  it('writes catalog-info.yaml into a folder given to --out, and to a file by its name', async () => {
    const dir = writeTempFiles({});
    const intoFolder = await specmesh(['catalog', '--spec', path.join(root, 'specs'), '--out', 'backstage/'], dir);
    expect(intoFolder.code).toBe(0);
    expect(intoFolder.stdout).toBe('');
    expect(intoFolder.stderr).toBe(`Wrote 6 Backstage entities for 3 domains to ${path.join('backstage', 'catalog-info.yaml')}\n`);
    expect(readFileSync(path.join(dir, 'backstage/catalog-info.yaml'), 'utf8')).toContain('\n---\napiVersion: backstage.io/v1alpha1\nkind: API\n');
    const toFile = await specmesh(['catalog', '--spec', 'specs/', '--out', path.join(dir, 'entities.json'), '--format', 'json']);
    expect(toFile.code).toBe(0);
    expect(readFileSync(path.join(dir, 'entities.json'), 'utf8')).toBe(golden('catalog.json'));
  });

  it('takes the owner, system and component type from flags, and notes a consumed domain without a spec', async () => {
    const dir = writeTempFiles({ 'shop-api.yaml': spec2('urn:acme.shop', '  acme.billing._public.invoice_sent:\n    subscribe:\n      message:\n        payload: { type: object }\n') });
    const r = await specmesh(['catalog', '--spec', '.', '--owner-template', 'group:platform/team-{domain}', '--system', 'retail', '--component-type', 'data-product'], dir);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('note: acme.shop consumes acme.billing._public.invoice_sent, of acme.billing, whose spec is not given: its API "acme.billing" is referenced but not written.\n');
    expect(r.stdout).toContain('  owner: group:platform/team-acme.shop\n  system: retail\n  providesApis:');
    expect(r.stdout).toContain('spec:\n  type: data-product\n');
    expect(r.stdout).toContain('  consumesApis:\n    - acme.billing\n');
  });

  it('refuses an owner template that gives no Backstage reference, naming the flag and the fix', async () => {
    const unknown = await specmesh(['catalog', '--spec', 'specs/', '--owner-template', 'group:{team}']);
    expect(unknown.code).toBe(1);
    expect(unknown.stdout).toBe('');
    expect(unknown.stderr).toContain('--owner-template "group:{team}" has an unknown placeholder {team}');
    const badNamespace = await specmesh(['catalog', '--spec', 'specs/', '--owner-template', 'group:Platform_X/{domain}']);
    expect(badNamespace.code).toBe(1);
    expect(badNamespace.stderr).toContain('has namespace "Platform_X", which is not a Backstage namespace');
    expect(badNamespace.stderr).not.toMatch(/\n\s+at /);
  });

  it('refuses invalid specs with the diagnostics validate gives, exit 1 and nothing on stdout', async () => {
    const dir = writeTempFiles({ 'bad-api.yaml': spec2('urn:acme.bad', '  _public.x:\n    bindings:\n      kafka:\n        partitions: 0\n    publish: {}\n') });
    const catalog = await specmesh(['catalog', '--spec', dir], dir);
    const validate = await specmesh(['validate', '--spec', dir], dir);
    expect(catalog.code).toBe(1);
    expect(catalog.stdout).toBe('');
    expect(catalog.stderr).toContain('bad-api.yaml:10:9: error: Invalid topic "acme.bad._public.x": partitions must be a whole number >= 1 (got 0)');
    expect(catalog.stderr).toBe(validate.stderr);
    expect((await specmesh(['catalog'])).stderr).toContain('catalog needs specs');
  });

  it('is described in --help, and the README\'s excerpt of its output is the real output', async () => {
    const help = await specmesh(['catalog', '--help']);
    for (const flag of ['--spec', '--format', '--out', '--owner-template', '--system', '--component-type']) expect(help.stdout).toContain(flag);
    expect((await specmesh(['--help'])).stdout).toMatch(/catalog\s+Write Backstage catalog entities/);
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
    const excerpt = /### specmesh catalog\n[\s\S]*?```yaml\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(excerpt).toBeDefined();
    const parts = (excerpt ?? '').split('    …\n');
    expect(parts).toHaveLength(2);
    for (const part of parts) expect(golden('catalog-info.yaml')).toContain(part);
  });
});
