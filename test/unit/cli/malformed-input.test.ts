import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { loadSpecs } from '../../../src/spec/load/load-specs.js';
import { MALFORMED_SPECS } from '../../support/malformed-specs.js';
import { writeTempFiles } from '../../support/temp-specs.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const cacheDir = writeTempFiles({});
const cleanEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(SPECMESH_|AWS_)/.test(k)));
const STACK = /TypeError|ReferenceError|\n\s+at .+:\d+:\d+|stack:|this is unexpected/;

async function specmesh(args: string[], cwd: string) {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [path.join(root, 'bin/run.js'), ...args], { cwd, env: { ...cleanEnv, NO_COLOR: '1', SPECMESH_CACHE_DIR: cacheDir } });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

describe('malformed specs get diagnostics only, never a stack trace', () => {
  const dir = writeTempFiles(MALFORMED_SPECS);

  it('validate reports every file with an error and prints no stack trace or TypeError', async () => {
    const r = await specmesh(['validate', '--spec', '.', '--verbose'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).not.toMatch(STACK);
    // A folder is searched for AsyncAPI documents: files without an `asyncapi` key are not taken for specs there.
    for (const file of Object.keys(MALFORMED_SPECS).filter((f) => MALFORMED_SPECS[f]!.includes('asyncapi:'))) {
      expect(r.stderr, file).toMatch(new RegExp(`${file.replace(/\./g, '\\.')}(:\\d+)*: error: `));
    }
  }, 120_000);

  it('plan does the same, also for files named one by one', async () => {
    const r = await specmesh(['plan', ...Object.keys(MALFORMED_SPECS).flatMap((f) => ['--spec', f])], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).not.toMatch(STACK);
  }, 120_000);

  it.each(Object.keys(MALFORMED_SPECS))('%s: the library returns diagnostics, none with a stack trace', async (file) => {
    const one = writeTempFiles({ [file]: MALFORMED_SPECS[file]! });
    const r = await loadSpecs([path.join(one, file)], { cacheDir: false, cwd: one, workers: 0 });
    expect(r.ok).toBe(false);
    for (const d of r.diagnostics) expect(`${d.summary}\n${d.fix ?? ''}`).not.toMatch(STACK);
  });

  it('names the fix for `asyncapi: null`, a number and a missing version, alone', async () => {
    const r = await specmesh(['validate', '--spec', 'asyncapi-null-api.yaml', '--spec', 'asyncapi-number-api.yaml', '--spec', 'asyncapi-missing-api.yaml'], dir);
    expect(r.stderr).toContain('asyncapi-null-api.yaml:1:1: error: `asyncapi` is empty (null) [asyncapi-version]');
    expect(r.stderr).toContain('asyncapi-number-api.yaml:1:1: error: `asyncapi` is the number 2.6; it must be a version string [asyncapi-version]');
    expect(r.stderr).toContain("fix: Quote it with the patch number: `asyncapi: '2.6.0'`.");
    expect(r.stderr).toContain('asyncapi-missing-api.yaml:1:1: error: The document has no `asyncapi` version [asyncapi-version]');
    expect(r.stderr).toMatch(/^3 errors, 0 warnings$/m);
  }, 120_000);
});
