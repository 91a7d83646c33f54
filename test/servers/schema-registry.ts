// A real schema registry for tests: Apicurio Registry (Confluent-compatible API under
// /apis/ccompat/v7, in-memory H2 storage), from the distribution scripts/fetch-schema-registry.sh
// brings from Maven Central. Binds 127.0.0.1 only; stopped by pid.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ProvidedContext } from 'vitest';
import { runFetchScript } from './fetch-script.js';
import { javaCommand } from './kafka-admin-tools.js';
import { freePort, isAlive, killQuietly, rssKiBOf, sleep, startWatchdog, tail } from './process-tools.js';

export const DEFAULT_APICURIO_VERSION = '3.0.9';
const CCOMPAT_PATH = '/apis/ccompat/v7';

/** What tests need to reach the registry; plain data, so global setup can `provide` it. */
export interface SchemaRegistryTestInfo {
  /** Base URL of the Confluent-compatible API, e.g. `http://127.0.0.1:41234/apis/ccompat/v7`. */
  url: string;
  pid: number;
  version: string;
  logFile: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    schemaRegistry: SchemaRegistryTestInfo;
  }
}

export interface SchemaRegistryServer extends SchemaRegistryTestInfo {
  /** Wall time from spawning the JVM to the API answering. */
  readonly startMs: number;
  /** Resident memory of the JVM in KiB, from /proc (undefined once stopped or off Linux). */
  rssKiB(): number | undefined;
  info(): SchemaRegistryTestInfo;
  stop(): Promise<void>;
}

export interface StartSchemaRegistryOptions {
  /** Default `SPECMESH_TEST_APICURIO_VERSION` or 3.0.9. */
  version?: string;
  /** Default a free port. */
  port?: number;
  /** JVM max heap; default 256m. */
  heap?: string;
  /** Default 120 s. */
  startTimeoutMs?: number;
  /** How long stop() waits after SIGTERM before SIGKILL; default 15 s. */
  stopTimeoutMs?: number;
}

/** Runs scripts/fetch-schema-registry.sh (idempotent) and returns the runnable jar. */
export function ensureSchemaRegistryDist(version: string): Promise<string> {
  return runFetchScript('fetch-schema-registry.sh', [version], existsSync);
}


/** Keeps the newest few registry logs; each run writes one. */
function pruneLogs(dir: string, keep = 10): void {
  const logs = readdirSync(dir).filter((f) => f.endsWith('.log')).map((f) => join(dir, f))
    .map((f) => ({ f, t: statSync(f).mtimeMs })).sort((a, b) => b.t - a.t);
  for (const { f } of logs.slice(keep)) rmSync(f, { force: true });
}

async function answers(url: string): Promise<boolean> {
  try {
    const res = await fetch(`${url}/subjects`, { signal: AbortSignal.timeout(2_000) });
    await res.arrayBuffer();
    return res.ok;
  } catch {
    return false;
  }
}

/** Starts Apicurio Registry on a free 127.0.0.1 port and waits until its ccompat API answers. */
export async function startSchemaRegistry(options: StartSchemaRegistryOptions = {}): Promise<SchemaRegistryServer> {
  const version = options.version ?? process.env.SPECMESH_TEST_APICURIO_VERSION ?? DEFAULT_APICURIO_VERSION;
  const jar = await ensureSchemaRegistryDist(version);
  const logDir = join(dirname(dirname(jar)), 'logs');
  mkdirSync(logDir, { recursive: true });
  pruneLogs(logDir);
  for (let attempt = 1; ; attempt++) {
    const port = options.port ?? (await freePort());
    try {
      return await launch(jar, version, port, logDir, options);
    } catch (e) {
      // Another process may take the free port between the check and the registry's bind (its log
      // says "Port … seems to be in use"): try another, unless the caller chose the port.
      if (options.port !== undefined || attempt >= 3 || !/in use/i.test(String(e))) throw e;
    }
  }
}

async function launch(jar: string, version: string, port: number, logDir: string, options: StartSchemaRegistryOptions): Promise<SchemaRegistryServer> {
  const logFile = join(logDir, `registry-${port}.log`);
  const fd = openSync(logFile, 'w');
  const started = Date.now();
  // The same Java as the Kafka broker's (SPECMESH_JAVA, else `java` on the PATH).
  const jvm = spawn(javaCommand(), [
    `-Xmx${options.heap ?? '256m'}`,
    // C1 only: the registry starts ~30% faster and tests never run long enough to need C2.
    '-XX:TieredStopAtLevel=1',
    '-Dquarkus.http.host=127.0.0.1',
    `-Dquarkus.http.port=${port}`,
    // In-memory storage is the distribution's default (H2 in memory); said here so it stays so.
    '-Dapicurio.storage.kind=sql',
    '-Dapicurio.storage.sql.kind=h2',
    '-Dquarkus.http.access-log.enabled=false',
    '-jar', jar,
  ], { stdio: ['ignore', fd, fd], cwd: dirname(jar) });
  closeSync(fd);
  let spawnError: Error | undefined;
  jvm.on('error', (e) => (spawnError = e));
  const pid = jvm.pid;
  if (pid === undefined) {
    await sleep(0);
    throw new Error(`Could not start the schema registry: ${spawnError?.message ?? `${javaCommand()} did not start`} (Apicurio ${version} needs Java 17+: on the PATH, or SPECMESH_JAVA)`);
  }
  const watchdog = startWatchdog('schema-registry-watchdog', pid);
  const onExit = (): void => {
    killQuietly(pid, 'SIGKILL');
    killQuietly(watchdog, 'SIGKILL');
  };
  process.on('exit', onExit);
  let exited = false;
  jvm.on('exit', () => (exited = true));

  const url = `http://127.0.0.1:${port}${CCOMPAT_PATH}`;
  const deadline = started + (options.startTimeoutMs ?? 120_000);
  for (;;) {
    if (await answers(url)) break;
    if (exited || Date.now() > deadline) {
      onExit();
      process.removeListener('exit', onExit);
      throw new Error(`Schema registry ${version} ${exited ? 'exited' : 'did not answer in time'} on port ${port}; log ${logFile}:\n${tail(logFile)}`);
    }
    await sleep(150);
  }
  const startMs = Date.now() - started;
  const info: SchemaRegistryTestInfo = { url, pid, version, logFile };
  return {
    ...info,
    startMs,
    info: () => ({ ...info }),
    rssKiB: () => rssKiBOf(pid),
    async stop() {
      if (isAlive(pid) && !exited) {
        killQuietly(pid, 'SIGTERM');
        const until = Date.now() + (options.stopTimeoutMs ?? 15_000);
        while (!exited && isAlive(pid) && Date.now() < until) await sleep(100);
      }
      onExit();
      process.removeListener('exit', onExit);
    },
  };
}

/**
 * For a vitest globalSetup: starts one registry for the run, provides its coordinates as
 * `inject('schemaRegistry')`, and returns the teardown.
 */
export async function setupSchemaRegistry(
  provide: (key: 'schemaRegistry', value: ProvidedContext['schemaRegistry']) => void,
  options: StartSchemaRegistryOptions = {},
): Promise<() => Promise<void>> {
  const registry = await startSchemaRegistry(options);
  console.log(`[schema-registry] Apicurio ${registry.version} pid ${registry.pid} on ${registry.url} (start ${registry.startMs} ms, RSS ${Math.round((registry.rssKiB() ?? 0) / 1024)} MiB); log: ${registry.logFile}`);
  provide('schemaRegistry', registry.info());
  return () => registry.stop();
}
