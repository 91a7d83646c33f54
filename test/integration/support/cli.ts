import { execFile, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { inject } from 'vitest';
import type { KafkaTestInfo } from '../../servers/kafka-admin-tools.js';
import { writeTempFiles } from '../../support/temp-specs.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const BIN = path.join(root, 'bin/run.js');

/**
 * How long a CLI run may take before it is SIGKILLed: a little under the integration project's
 * test timeout (180 s), so a hung CLI fails its test with its output instead of outliving it.
 */
export const CLI_TIMEOUT_MS = 170_000;

let cacheDir: string | undefined;

/**
 * The spec cache of every CLI this test file starts: a fresh temp dir, so a cache written by an
 * older build can never answer for this one. It lives in the run's scratch dir, which global setup
 * removes when the run ends (CLIs a test killed may still be writing to it until then), else in a
 * temp folder of this test file's own, removed when its tests are done.
 */
export function testCacheDir(): string {
  if (!cacheDir) {
    const scratch = inject('scratchDir');
    cacheDir = scratch ? mkdtempSync(path.join(scratch, 'specmesh-test-cache-')) : writeTempFiles({});
  }
  return cacheDir;
}

/**
 * The environment of a CLI started by a test: this process's, minus every inherited SPECMESH_* and
 * AWS_* variable (a developer's own settings must not leak into what a test asserts), plus no
 * colour, the per-process spec cache and what the test sets itself.
 */
export function cliEnv(env: Record<string, string> = {}): NodeJS.ProcessEnv {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(SPECMESH|AWS)_/.test(k)));
  return { ...inherited, NO_COLOR: '1', SPECMESH_CACHE_DIR: testCacheDir(), ...env };
}

/** CLIs started by this process that have not exited yet. */
const running = new Set<ChildProcess>();
let exitHook = false;

/** Tracks a CLI child so {@link killRunningClis} and this process's exit can end it. */
export function trackCli(child: ChildProcess): void {
  running.add(child);
  child.once('exit', () => running.delete(child));
  if (!exitHook) {
    exitHook = true;
    process.once('exit', killRunningClis);
  }
}

/** SIGKILLs every CLI this process started that is still running (for afterAll of hooks that start CLIs). */
export function killRunningClis(): void {
  for (const child of running) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  running.clear();
}

export interface CliResult { code: number; stdout: string; stderr: string }

/** Runs the built CLI as a user would; SIGKILLed after `timeoutMs` (code -1, stderr says so). */
export async function runCli(args: string[], env: Record<string, string> = {}, options: { timeoutMs?: number; cwd?: string } = {}): Promise<CliResult> {
  const timeoutMs = options.timeoutMs ?? CLI_TIMEOUT_MS;
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [BIN, ...args], { env: cliEnv(env), maxBuffer: 64 << 20, timeout: timeoutMs, killSignal: 'SIGKILL', ...(options.cwd ? { cwd: options.cwd } : {}) },
      (error, stdout, stderr) => {
        if (!error) return resolve({ code: 0, stdout, stderr });
        const e = error as { code?: unknown; signal?: NodeJS.Signals | null; killed?: boolean };
        const killed = e.signal === 'SIGKILL' && e.killed ? `\n[test] specmesh ${args[0] ?? ''} killed after ${timeoutMs} ms` : '';
        resolve({ code: typeof e.code === 'number' ? e.code : -1, stdout, stderr: `${stderr}${killed}` });
      });
    trackCli(child);
  });
}

/** Connection flags and env for the test broker's SCRAM listener, as the admin. */
export function adminConnection(kafka: KafkaTestInfo): { args: string[]; env: Record<string, string> } {
  return {
    args: ['--bootstrap-server', kafka.bootstrap, '--security-protocol', 'SASL_PLAINTEXT', '--sasl-mechanism', 'SCRAM-SHA-512', '--sasl-username', kafka.adminUser],
    env: { SPECMESH_SASL_PASSWORD: kafka.adminPassword },
  };
}
