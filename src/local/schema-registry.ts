// A real schema registry on this machine: Apicurio Registry (Confluent-compatible API under
// /apis/ccompat/v7, in-memory storage), from the server distribution Maven Central carries as
// io.apicurio:apicurio-registry-app:<version>:tar.gz:all. 3.0.x runs on Java 17 (3.1+ needs 21).
// Binds 127.0.0.1 only.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { SpecmeshError } from '../core/errors.js';
import { javaCommand, runMaven } from './java.js';
import { userCacheDir, withLock } from './kafka-jars.js';
import { commandLineOf, freePort, isAlive, killQuietly, rssKiBOf, sleep, startWatchdog, tail } from './processes.js';

export const DEFAULT_APICURIO_VERSION = '3.0.9';
const CCOMPAT_PATH = '/apis/ccompat/v7';

export interface SchemaRegistryProcess {
  /** Base URL of the Confluent-compatible API, e.g. `http://127.0.0.1:41234/apis/ccompat/v7`. */
  url: string;
  pid: number;
  version: string;
  logFile: string;
  /** Wall time from spawning the JVM to the API answering. */
  startMs: number;
  rssKiB(): number | undefined;
  stop(): Promise<void>;
}

export interface StartSchemaRegistryOptions {
  version?: string;
  /** Where the distribution is cached; default `$XDG_CACHE_HOME/specmesh`. */
  cacheDir?: string;
  /** Default a free port. */
  port?: number;
  /** JVM max heap; default 256m. */
  heap?: string;
  /** Folder of its log; default `<cache>/apicurio-<version>/logs`. */
  logDir?: string;
  /** Run detached: it outlives this process (stopped by pid); else it dies with this process. */
  detached?: boolean;
  /** Default 120 s. */
  startTimeoutMs?: number;
  /** How long stop() waits after SIGTERM before SIGKILL; default 15 s. */
  stopTimeoutMs?: number;
}

function runnableJar(dist: string): string | undefined {
  // 3.0.x ships a legacy runner jar; later versions the fast-jar layout (quarkus-run.jar).
  const names = existsSync(dist) ? readdirSync(dist) : [];
  const jar = names.find((f) => f.endsWith('-runner.jar')) ?? names.find((f) => f === 'quarkus-run.jar');
  return jar ? path.join(dist, jar) : undefined;
}

/** The runnable jar of Apicurio `version`, fetched with Maven and unpacked into the cache on first use. */
export async function ensureSchemaRegistryDist(version: string = DEFAULT_APICURIO_VERSION, cacheDir: string = userCacheDir()): Promise<string> {
  if (!/^\d+\.\d+\.\d+(\.Final)?$/.test(version)) throw new SpecmeshError(`Bad Apicurio Registry version "${version}"`, { fix: 'Pass a released version, e.g. 3.0.9.' });
  const work = path.join(cacheDir, `apicurio-${version}`);
  const dist = path.join(work, 'dist');
  const done = (): string | undefined => (existsSync(path.join(dist, '.complete')) ? runnableJar(dist) : undefined);
  const cached = done();
  if (cached) return cached;
  mkdirSync(work, { recursive: true });
  // One fetch at a time per version, across processes; the winner's result is reused.
  await withLock(work, async () => {
    if (done()) return;
    // A private local repository: the 100+ MB tarball is unpacked and this folder removed afterwards.
    const m2 = path.join(work, 'm2');
    const tmp = path.join(work, `download.tmp.${process.pid}`);
    const log = path.join(work, 'mvn.log');
    rmSync(tmp, { recursive: true, force: true });
    mkdirSync(tmp, { recursive: true });
    writeFileSync(log, '');
    try {
      const copy = (): Promise<boolean> =>
        runMaven(
          [
            '-C',
            `-Dmaven.repo.local=${m2}`,
            'org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy',
            `-Dartifact=io.apicurio:apicurio-registry-app:${version}:tar.gz:all`,
            `-DoutputDirectory=${tmp}`,
          ],
          log,
        );
      if (!(await copy())) {
        // Maven reads the artifact's pom first, which names a parent pom some mirrors lack; the
        // tarball needs no dependencies, so a stub parent in the private repository is enough.
        if (!readFileSync(log, 'utf8').includes(`io.apicurio:apicurio-registry:pom:${version}`)) throw new Error('download');
        const parent = path.join(tmp, 'parent.pom');
        writeFileSync(
          parent,
          `<?xml version="1.0" encoding="UTF-8"?>\n<project xmlns="http://maven.apache.org/POM/4.0.0">\n  <modelVersion>4.0.0</modelVersion>\n  <groupId>io.apicurio</groupId>\n  <artifactId>apicurio-registry</artifactId>\n  <version>${version}</version>\n  <packaging>pom</packaging>\n</project>\n`,
        );
        await runMaven([`-Dmaven.repo.local=${m2}`, 'org.apache.maven.plugins:maven-install-plugin:3.1.2:install-file', `-Dfile=${parent}`, `-DpomFile=${parent}`], log);
        rmSync(parent, { force: true });
        if (!(await copy())) throw new Error('download');
      }
      const tarball = path.join(tmp, `apicurio-registry-app-${version}-all.tar.gz`);
      const unpacked = path.join(tmp, 'dist');
      mkdirSync(unpacked);
      const tar = spawnSync('tar', ['-xzf', tarball, '-C', unpacked], { encoding: 'utf8' });
      if (tar.error || tar.status !== 0) throw new Error(`tar: ${tar.stderr || tar.error?.message}`);
      rmSync(dist, { recursive: true, force: true });
      renameSync(unpacked, dist);
      writeFileSync(path.join(dist, '.complete'), `${new Date().toISOString()}\n`);
    } catch (e) {
      throw new SpecmeshError(`Could not fetch Apicurio Registry ${version} (${(e as Error).message})`, { fix: `Check that Maven Central is reachable (full output: ${log}).` });
    } finally {
      rmSync(tmp, { recursive: true, force: true });
      rmSync(m2, { recursive: true, force: true });
    }
  });
  const jar = runnableJar(dist);
  if (!jar) throw new SpecmeshError(`No runnable jar in ${dist}`, { fix: `Delete ${work} and try again.` });
  return jar;
}

/** Keeps the newest few registry logs; each run writes one. */
function pruneLogs(dir: string, keep = 10): void {
  const logs = readdirSync(dir)
    .filter((f) => f.endsWith('.log'))
    .map((f) => path.join(dir, f))
    .map((f) => ({ f, t: statSync(f).mtimeMs }))
    .sort((a, b) => b.t - a.t);
  for (const { f } of logs.slice(keep)) rmSync(f, { force: true });
}

export async function registryAnswers(url: string): Promise<boolean> {
  try {
    const res = await fetch(`${url}/subjects`, { signal: AbortSignal.timeout(2_000) });
    await res.arrayBuffer();
    return res.ok;
  } catch {
    return false;
  }
}

/** Starts Apicurio Registry on a 127.0.0.1 port and waits until its ccompat API answers. */
export async function startSchemaRegistry(options: StartSchemaRegistryOptions = {}): Promise<SchemaRegistryProcess> {
  const version = options.version ?? DEFAULT_APICURIO_VERSION;
  const jar = await ensureSchemaRegistryDist(version, options.cacheDir);
  const logDir = options.logDir ?? path.join(path.dirname(path.dirname(jar)), 'logs');
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

async function launch(jar: string, version: string, port: number, logDir: string, options: StartSchemaRegistryOptions): Promise<SchemaRegistryProcess> {
  const logFile = path.join(logDir, `registry-${port}.log`);
  const fd = openSync(logFile, 'w');
  const started = Date.now();
  const jvm = spawn(
    javaCommand(),
    [
      `-Xmx${options.heap ?? '256m'}`,
      // C1 only: the registry starts about 30% faster.
      '-XX:TieredStopAtLevel=1',
      '-Dquarkus.http.host=127.0.0.1',
      `-Dquarkus.http.port=${port}`,
      // In-memory storage is the distribution's default (H2 in memory); said here so it stays so.
      '-Dapicurio.storage.kind=sql',
      '-Dapicurio.storage.sql.kind=h2',
      '-Dquarkus.http.access-log.enabled=false',
      '-jar',
      jar,
    ],
    { stdio: ['ignore', fd, fd], cwd: path.dirname(jar), detached: options.detached ?? false },
  );
  closeSync(fd);
  if (options.detached) jvm.unref();
  let spawnError: Error | undefined;
  jvm.on('error', (e) => (spawnError = e));
  const pid = jvm.pid;
  if (pid === undefined) {
    await sleep(0);
    throw new SpecmeshError(`Could not start the schema registry: ${spawnError?.message ?? `${javaCommand()} did not start`}`, {
      fix: `Apicurio ${version} needs Java 17+ on the PATH (or SPECMESH_JAVA).`,
    });
  }
  const watchdog = options.detached ? undefined : startWatchdog('schema-registry-watchdog', pid);
  const onExit = (): void => {
    killQuietly(pid, 'SIGKILL');
    killQuietly(watchdog, 'SIGKILL');
  };
  if (!options.detached) process.on('exit', onExit);
  let exited = false;
  jvm.on('exit', () => (exited = true));

  const url = `http://127.0.0.1:${port}${CCOMPAT_PATH}`;
  const deadline = started + (options.startTimeoutMs ?? 120_000);
  for (;;) {
    if (await registryAnswers(url)) break;
    if (exited || Date.now() > deadline) {
      onExit();
      process.removeListener('exit', onExit);
      throw new SpecmeshError(`Schema registry ${version} ${exited ? 'exited' : 'did not answer in time'} on port ${port}; log ${logFile}:\n${tail(logFile)}`);
    }
    await sleep(150);
  }
  return {
    url,
    pid,
    version,
    logFile,
    startMs: Date.now() - started,
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

/** Stops a registry started detached, by pid (its command line must be Apicurio's). */
export async function stopRegistryByPid(pid: number, timeoutMs = 15_000): Promise<boolean> {
  if (!isAlive(pid) || !(commandLineOf(pid) ?? 'apicurio').includes('apicurio')) return false;
  killQuietly(pid, 'SIGTERM');
  const until = Date.now() + timeoutMs;
  while (isAlive(pid) && Date.now() < until) await sleep(100);
  if (isAlive(pid)) killQuietly(pid, 'SIGKILL');
  return true;
}
