import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { terminalProgress } from '../../../src/cli/terminal-progress.js';

// Progress on a terminal, and none anywhere else; paths that cannot be written refused, not spun on.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const bin = path.join(root, 'bin/run.js');
const run = promisify(execFile);
const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(SPECMESH_|AWS_|CI$|GITHUB_ACTIONS$)/.test(k)));
const ESC = String.fromCharCode(27);

async function specmesh(args: string[], options: { tty?: boolean } = {}) {
  // `script` runs the command on a pseudo-terminal, as a person's shell would.
  const [file, argv] = options.tty ? ['script', ['-qec', [process.execPath, bin, ...args].map((a) => `'${a}'`).join(' '), '/dev/null']] : [process.execPath, [bin, ...args]];
  try {
    const { stdout, stderr } = await run(file as string, argv as string[], { cwd: root, env: { ...env, NO_COLOR: '1' }, timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number | string; stdout: string; stderr: string; killed?: boolean };
    return { code: err.killed ? 'timeout' : err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

function fakeTerminal(isTTY: boolean) {
  const written: string[] = [];
  const stream = { isTTY, columns: 40, write: (s: string) => written.push(s) } as unknown as NodeJS.WriteStream;
  return { stream, written };
}

describe('progress on a terminal', () => {
  it('redraws one line in place, at most every interval but always at the end of a stage, and clears it', () => {
    const { stream, written } = fakeTerminal(true);
    const progress = terminalProgress(stream, { intervalMs: 60_000, env: {} });
    for (let i = 1; i <= 500; i++) progress.listener?.({ stage: 'load', done: i, total: 500 });
    progress.listener?.({ stage: 'apply', kind: 'topic', done: 10, total: 10 });
    progress.done();
    expect(written).toEqual([`\r${ESC}[KLoading specs: 1/500`, `\r${ESC}[KLoading specs: 500/500`, `\r${ESC}[KApplying topic changes: 10/10`, `\r${ESC}[K`]);
  });

  it('draws nothing into a pipe or a file, nor for machine output, nor in CI', () => {
    const cases = [
      [false, false, {}],
      [true, true, {}],
      [true, false, { CI: 'true' }],
    ] as const;
    for (const [isTTY, machineOutput, env] of cases) {
      const { stream, written } = fakeTerminal(isTTY);
      const progress = terminalProgress(stream, { machineOutput, env });
      expect(progress.listener).toBeUndefined();
      progress.done();
      expect(written).toEqual([]);
    }
  });

  it.skipIf(process.platform !== 'linux')('shows spec loading on a terminal, and never when piped or with --format json', async () => {
    const onTerminal = await specmesh(['validate', '--spec', 'specs/', '--no-cache'], { tty: true });
    expect(onTerminal.code).toBe(0);
    expect(onTerminal.stdout).toContain('Loading specs: 3/3');
    expect(onTerminal.stdout).toMatch(/3 specs valid/);

    const piped = await specmesh(['plan', '--spec', 'specs/', '--no-cache']);
    expect(piped.code).toBe(0);
    expect(piped.stderr + piped.stdout).not.toContain('Loading specs');
    expect(piped.stderr + piped.stdout).not.toContain(`${ESC}[K`);

    const json = await specmesh(['plan', '--spec', 'specs/', '--no-cache', '--format', 'json'], { tty: true });
    expect(json.code).toBe(0);
    expect(json.stdout).not.toContain('Loading specs');
    expect(JSON.parse(json.stdout.slice(json.stdout.indexOf('{'))).summary).toBeDefined();
  });
});

describe.skipIf(process.platform !== 'linux')('paths that cannot be written', () => {
  // /proc refuses new entries with ENOENT although it exists: Node's recursive mkdir spins on it forever.
  it('plans on without its cache when --cache-dir cannot be created', async () => {
    const r = await specmesh(['plan', '--spec', 'specs/', '--cache-dir', '/proc/specmesh-cache']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Plan: \d+ to create/);
  });

  it('refuses --out and --iam-out that cannot be written, naming the path and the fix', async () => {
    const out = await specmesh(['plan', '--spec', 'specs/', '--out', '/proc/specmesh-x/plan.json']);
    expect(out.code).toBe(1);
    expect(out.stderr).toContain('Cannot write the saved plan to /proc/specmesh-x/plan.json');
    expect(out.stderr).toContain('fix: Pass --out a file path');
    expect(out.stderr).not.toContain('unexpected');
    const iam = await specmesh(['plan', '--spec', 'specs/', '--emitter', 'iam', '--msk-cluster-arn', 'arn:aws:kafka:eu-west-1:123456789012:cluster/prod/abcd-1',
      '--iam-role-template', 'arn:aws:iam::123456789012:role/specmesh-{domain}', '--iam-out', '/proc/specmesh-x/iam']);
    expect(iam.code).toBe(1);
    expect(iam.stderr).toContain('Cannot create the --iam-out folder /proc/specmesh-x/iam');
  });
});
