import { spawn, type ChildProcess } from 'node:child_process';
import { BIN, CLI_TIMEOUT_MS, cliEnv, trackCli } from './cli.js';

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
  /**
   * Resolves with the time (ms since spawn) of the first stdout write: `provision` prints its plan
   * just before applying it. Rejects, with the CLI's exit and stderr, if it exits without printing.
   */
  readonly firstOutput: Promise<number>;
  readonly exited: Promise<CliExit>;
  kill(signal?: NodeJS.Signals): void;
}

/**
 * Starts the built CLI as a user would (no colour, the tests' spec cache, no inherited SPECMESH_*
 * or AWS_* variables). It is SIGKILLed after `timeoutMs` and when this process exits;
 * killRunningClis() (support/cli.ts) ends it from an afterAll.
 */
export function startCli(args: readonly string[], env: Record<string, string> = {}, options: { timeoutMs?: number } = {}): CliProcess {
  const startedAt = performance.now();
  const child = spawn(process.execPath, [BIN, ...args], { env: cliEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  trackCli(child);
  const timeoutMs = options.timeoutMs ?? CLI_TIMEOUT_MS;
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  timer.unref();
  let stdout = '';
  let stderr = '';
  let onFirst: (ms: number) => void = () => undefined;
  let noOutput: (e: Error) => void = () => undefined;
  const firstOutput = new Promise<number>((resolve, reject) => {
    onFirst = resolve;
    noOutput = reject;
  });
  firstOutput.catch(() => undefined); // a test that never awaits it must not see an unhandled rejection
  child.stdout!.setEncoding('utf8').on('data', (d: string) => {
    if (stdout === '') onFirst(performance.now() - startedAt);
    stdout += d;
  });
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const exited = new Promise<CliExit>((resolve, reject) => {
    child.once('error', (e) => {
      clearTimeout(timer);
      noOutput(e);
      reject(e);
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      if (stdout === '') {
        noOutput(new Error(`specmesh ${args[0] ?? ''} exited (code ${code}, signal ${signal}) without printing anything; stderr:\n${stderr.trim() || '(empty)'}`));
      }
      resolve({ code, signal, stdout, stderr, ms: performance.now() - startedAt });
    });
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
