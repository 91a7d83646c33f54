// moto's standalone server for tests: Secrets Manager, KMS, IAM and STS on one 127.0.0.1 port.
// scripts/install-moto.sh puts `moto[server]` into .cache/moto-venv (idempotent); the server runs
// through scripts/moto-server.py (moto plus one fidelity fix: AWS-managed default keys) and is
// stopped by pid. A watchdog kills it if the process that started it dies without cleaning up.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './kafka-server.js';
import { freePort, killQuietly, rssKiBOf, sleep, startWatchdog, tail } from './process-tools.js';
import { runFetchScript } from './fetch-script.js';

export const MOTO_RUNS_DIR = join(REPO_ROOT, '.cache', 'moto-runs');
/** moto's default account: what every ARN it makes carries unless told otherwise. */
export const MOTO_ACCOUNT = '123456789012';
/** Any key works while moto does not enforce IAM; these are what tests sign with. */
export const MOTO_TEST_CREDENTIALS = { accessKeyId: 'AKIAMOTOTESTKEY00001', secretAccessKey: 'moto-test-secret-not-a-real-one' } as const;

export interface MotoServer {
  /** `http://127.0.0.1:<port>` */
  readonly endpoint: string;
  readonly port: number;
  readonly pid: number;
  readonly logFile: string;
  /** Wall time from spawning to the first answer. */
  readonly startMs: number;
  /** Enforce IAM from now on (after `afterRequests` more unauthenticated requests): moto's own `reset-auth`. */
  enforceIam(afterRequests?: number): Promise<void>;
  /** Stop enforcing IAM. */
  relaxIam(): Promise<void>;
  /** Forget every resource. */
  reset(): Promise<void>;
  /** Resident memory of the server process in KiB (Linux), for measurements. */
  rssKiB(): number | undefined;
  stop(): Promise<void>;
}

export interface StartMotoOptions {
  port?: number;
  /** The venv's bin dir; default: what {@link ensureMoto} installs. */
  binDir?: string;
  env?: NodeJS.ProcessEnv;
  /** Default 60 s. */
  startTimeoutMs?: number;
}

/** Runs scripts/install-moto.sh (idempotent) and returns the venv's bin dir. */
export function ensureMoto(): Promise<string> {
  return runFetchScript('install-moto.sh', [], (bin) => existsSync(join(bin, 'python')));
}

const started = new Set<ChildProcess>();
let hooked = false;
function killOnExit(child: ChildProcess): void {
  started.add(child);
  child.once('exit', () => started.delete(child));
  if (hooked) return;
  hooked = true;
  process.on('exit', () => {
    for (const c of started) c.kill('SIGKILL');
  });
}

/** Starts moto on 127.0.0.1 (a free port unless given) and waits until it answers. */
export async function startMoto(options: StartMotoOptions = {}): Promise<MotoServer> {
  const binDir = options.binDir ?? await ensureMoto();
  mkdirSync(MOTO_RUNS_DIR, { recursive: true });
  for (let attempt = 1; ; attempt++) {
    const port = options.port ?? await freePort();
    try {
      return await launch(binDir, port, options);
    } catch (e) {
      // Another process may take the free port between the check and moto's bind: try another.
      if (options.port !== undefined || attempt >= 3 || !/in use/i.test(String(e))) throw e;
    }
  }
}

async function launch(binDir: string, port: number, options: StartMotoOptions): Promise<MotoServer> {
  const logFile = join(MOTO_RUNS_DIR, `moto-${port}.log`);
  const fd = openSync(logFile, 'w');
  const t0 = Date.now();
  const child = spawn(join(binDir, 'python'), [join(REPO_ROOT, 'scripts', 'moto-server.py'), '-H', '127.0.0.1', '-p', String(port)], {
    stdio: ['ignore', fd, fd],
    env: { ...process.env, PYTHONUNBUFFERED: '1', ...options.env },
  });
  closeSync(fd);
  if (child.pid === undefined) throw new Error('moto server did not start');
  const pid = child.pid;
  killOnExit(child);
  const watchdog = startWatchdog('moto-watchdog', pid);
  let exited = false;
  const exit = new Promise<void>((r) => child.once('exit', () => {
    exited = true;
    killQuietly(watchdog, 'SIGKILL'); // nothing left to watch
    r();
  }));
  const endpoint = `http://127.0.0.1:${port}`;
  const deadline = t0 + (options.startTimeoutMs ?? 60_000);
  for (;;) {
    if (exited) throw new Error(`moto server exited during start:\n${tail(logFile)}`);
    try {
      const res = await fetch(`${endpoint}/moto-api/data.json`, { signal: AbortSignal.timeout(2_000) });
      await res.arrayBuffer();
      if (res.ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`moto server did not answer on ${endpoint} within ${options.startTimeoutMs ?? 60_000} ms:\n${tail(logFile)}`);
    }
    await sleep(50);
  }
  const startMs = Date.now() - t0;
  const post = async (path: string, body: string) => {
    const res = await fetch(`${endpoint}${path}`, { method: 'POST', body });
    if (!res.ok) throw new Error(`moto ${path} answered ${res.status}: ${await res.text()}`);
    await res.arrayBuffer().catch(() => undefined);
  };
  return {
    endpoint, port, pid, logFile, startMs,
    enforceIam: (afterRequests = 0) => post('/moto-api/reset-auth', String(afterRequests)),
    relaxIam: () => post('/moto-api/reset-auth', 'inf'),
    reset: () => post('/moto-api/reset', ''),
    rssKiB: () => rssKiBOf(pid),
    stop: async () => {
      if (!exited) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exit;
        clearTimeout(timer);
      }
      killQuietly(watchdog, 'SIGKILL');
    },
  };
}
