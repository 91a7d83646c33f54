import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { BIN } from './cli.js';

const root = path.resolve(path.dirname(BIN), '..');

export interface CliExit {
  /** null when a signal ended it. */
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** From spawn to exit. */
  ms: number;
}

/** A CLI run in a child process that a test can watch and kill while it works. */
export interface CliProcess {
  readonly child: ChildProcess;
  readonly startedAt: number;
  /** Resolves with the time (ms since spawn) of the first stdout write: `provision` prints its plan just before applying it. */
  readonly firstOutput: Promise<number>;
  readonly exited: Promise<CliExit>;
  kill(signal?: NodeJS.Signals): void;
}

/** Starts the built CLI as a user would (no colour, the tests' spec cache). */
export function startCli(args: readonly string[], env: Record<string, string> = {}): CliProcess {
  const startedAt = performance.now();
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { ...process.env, NO_COLOR: '1', SPECMESH_CACHE_DIR: path.join(root, '.cache', 'test-spec-cache'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let onFirst: (ms: number) => void = () => undefined;
  const firstOutput = new Promise<number>((r) => (onFirst = r));
  child.stdout!.setEncoding('utf8').on('data', (d: string) => {
    if (stdout === '') onFirst(performance.now() - startedAt);
    stdout += d;
  });
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const exited = new Promise<CliExit>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr, ms: performance.now() - startedAt }));
  });
  return {
    child,
    startedAt,
    firstOutput,
    exited,
    kill(signal: NodeJS.Signals = 'SIGKILL') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    },
  };
}

/** Deterministic PRNG (mulberry32) so a failing run can be replayed from its printed seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
