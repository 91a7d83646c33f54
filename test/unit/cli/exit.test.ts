import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

// A command that is done does not wait for what a client library left running behind it (kafkajs
// retrying a coordinator lookup after the command already failed on it kept `consumption` alive).
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const run = promisify(execFile);
// A timer that never ends, as a library's background retry would be.
const leftover = `data:text/javascript,${encodeURIComponent('setInterval(() => {}, 1000);')}`;

async function specmesh(args: string[]): Promise<{ code: number | string; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', leftover, path.join(root, 'bin/run.js'), ...args], { cwd: root, timeout: 30_000, env: { ...process.env, NO_COLOR: '1' } });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number | string; stdout: string; stderr: string; killed?: boolean };
    return { code: err.killed ? 'timeout' : err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

describe('a finished command', () => {
  it('exits with its own code and its whole output, though something is still scheduled', async () => {
    const ok = await specmesh(['plan', '--spec', 'specs/', '--no-cache', '--format', 'json']);
    expect(ok.code, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout).summary.create).toBeGreaterThan(0);
    const failed = await specmesh(['plan', '--spec', 'no-such-specs/']);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('no-such-specs');
  });
});
