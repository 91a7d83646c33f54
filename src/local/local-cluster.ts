// A governed Kafka on this machine: a single-node broker (KRaft, SASL/SCRAM, StandardAuthorizer,
// no ACL means deny) with a SCRAM user per domain, the specs provisioned, and each domain's
// credentials written as a client.properties and an env file. `specmesh local` and
// `startLocalCluster()` (other teams' test suites) both run it.
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { InvalidInputError, SpecmeshError } from '../core/errors.js';
import type { ProgressListener } from '../core/progress.js';
import { provisionSpecs, type ProvisionResult } from '../orchestrate/provision-specs.js';
import { Session } from '../orchestrate/session.js';
import { loadSpecs } from '../spec/load/load-specs.js';
import { assertRequirements, runJava, TOOL_JVM_ARGS, toolLogConfigArgs } from './java.js';
import { readRunState, runningBrokerPid, startKafkaBroker, stopBrokerByPid, type KafkaBroker } from './kafka-broker.js';
import { DEFAULT_KAFKA_VERSION, ensureKafkaJars, kafkaJarsCached, userCacheDir } from './kafka-jars.js';
import { isAlive, portIsFree, rssKiBOf } from './processes.js';
import { registryAnswers, startSchemaRegistry, stopRegistryByPid } from './schema-registry.js';

/** `$XDG_STATE_HOME/specmesh/local` (default `~/.local/state/specmesh/local`): the cluster's data, logs and credentials. */
export function defaultLocalDir(): string {
  return path.join(process.env['XDG_STATE_HOME'] || path.join(os.homedir(), '.local', 'state'), 'specmesh', 'local');
}

export interface StartLocalClusterOptions {
  /** Specs to provision (files, folders, globs); each domain gets a SCRAM user. */
  specs?: readonly string[];
  /** The cluster's folder; default {@link defaultLocalDir}. A test suite passes a temp dir of its own. */
  dir?: string;
  /** Apache Kafka version; default 3.9.1. */
  kafkaVersion?: string;
  /** Where Kafka's jars are cached; default `SPECMESH_JAR_CACHE_DIR`, else `$XDG_CACHE_HOME/specmesh`. */
  cacheDir?: string;
  /**
   * Leave the broker running when this process exits (`specmesh local start`). Default false: the
   * broker is stopped with the process that started it, even when that process is killed.
   */
  detached?: boolean;
  /** Also run a schema registry (Apicurio Registry, Confluent-compatible API; schemas kept in memory while it runs). */
  registry?: boolean;
  /** JVM heap of the broker; default 512m. */
  heap?: string;
  /** Told what is happening (fetching jars, starting, provisioning), one line at a time. */
  log?: (line: string) => void;
  onProgress?: ProgressListener;
  /** Folder spec paths are relative to; default the current one. */
  cwd?: string;
}

export interface LocalDomainAccess {
  domain: string;
  /** The SCRAM-SHA-512 user, the domain id: the principal (`User:<domain>`) its ACLs name. */
  username: string;
  password: string;
  /** A Java-style client.properties holding the connection and these credentials (mode 600). */
  clientProperties: string;
  /** An env file (`KAFKA_BOOTSTRAP_SERVERS=…`, `KAFKA_SASL_USERNAME=…`, …), mode 600. */
  envFile: string;
  /** kafkajs settings to connect as this domain. */
  kafkajs: { brokers: string[]; sasl: { mechanism: 'scram-sha-512'; username: string; password: string } };
}

export interface LocalCluster {
  dir: string;
  /** `127.0.0.1:<port>`, SASL_PLAINTEXT with SCRAM-SHA-512. */
  bootstrap: string;
  version: string;
  pid: number;
  /** Whether this call started the broker (false: a running one was reused). */
  started: boolean;
  /** The schema registry's Confluent-compatible URL, when it runs one. */
  schemaRegistryUrl?: string;
  /** The super user's client.properties: `specmesh plan --command-config <it>` (mode 600). */
  adminProperties: string;
  admin: { username: 'admin'; password: string };
  /** Every domain provisioned on this cluster so far, by domain id. */
  domains: Record<string, LocalDomainAccess>;
  /** What the last provision did. */
  provisioned?: ProvisionResult;
  /** Provisions more specs (new domains get users and files). */
  provision(specs: readonly string[]): Promise<ProvisionResult>;
  /** Stops the broker; `purge` deletes its data and credentials too. */
  stop(options?: { purge?: boolean }): Promise<void>;
}

/** What the cluster folder keeps besides the broker's run dir (mode 600: it holds passwords). */
interface LocalState {
  version: string;
  domains: Record<string, string>;
  /** The registry it runs (detached), if any. */
  registry?: { pid: number; port: number; url: string };
}

const kafkaDir = (dir: string): string => path.join(dir, 'kafka');
const stateFile = (dir: string): string => path.join(dir, 'local.json');
/** Written by a clean stop: a broker.pid without it, whose process is gone, means the JVM died. */
const stoppedMarker = (dir: string): string => path.join(dir, 'kafka', 'stopped');

function readLocalState(dir: string): LocalState | undefined {
  try {
    return JSON.parse(readFileSync(stateFile(dir), 'utf8')) as LocalState;
  } catch {
    return undefined;
  }
}

function writeSecretFile(file: string, text: string): void {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  writeFileSync(file, text, { mode: 0o600 });
  chmodSync(file, 0o600);
}

const newPassword = (): string => randomBytes(18).toString('base64url');

/** Kafka's JAAS line for a SCRAM user (values JSON-quoted, as Kafka's parser takes them). */
const jaas = (user: string, password: string): string =>
  `org.apache.kafka.common.security.scram.ScramLoginModule required username=${JSON.stringify(user)} password=${JSON.stringify(password)};`;

function clientProperties(bootstrap: string, user: string, password: string): string {
  return [
    `# Connects to the local specmesh cluster as ${user}.`,
    `bootstrap.servers=${bootstrap}`,
    'security.protocol=SASL_PLAINTEXT',
    'sasl.mechanism=SCRAM-SHA-512',
    `sasl.jaas.config=${jaas(user, password)}`,
    '',
  ].join('\n');
}

function envFile(bootstrap: string, user: string, password: string): string {
  return [
    `KAFKA_BOOTSTRAP_SERVERS=${bootstrap}`,
    'KAFKA_SECURITY_PROTOCOL=SASL_PLAINTEXT',
    'KAFKA_SASL_MECHANISM=SCRAM-SHA-512',
    `KAFKA_SASL_USERNAME=${user}`,
    `KAFKA_SASL_PASSWORD=${password}`,
    '',
  ].join('\n');
}

function domainAccess(dir: string, bootstrap: string, domain: string, password: string): LocalDomainAccess {
  const folder = path.join(dir, 'domains', domain);
  const props = path.join(folder, 'client.properties');
  const env = path.join(folder, 'client.env');
  writeSecretFile(props, clientProperties(bootstrap, domain, password));
  writeSecretFile(env, envFile(bootstrap, domain, password));
  return {
    domain,
    username: domain,
    password,
    clientProperties: props,
    envFile: env,
    kafkajs: { brokers: [bootstrap], sasl: { mechanism: 'scram-sha-512', username: domain, password } },
  };
}

/** Adds SCRAM-SHA-512 users to a running broker (Kafka's ConfigCommand; kafkajs cannot). */
async function addScramUsers(libsDir: string, bootstrap: string, adminProperties: string, users: readonly { name: string; password: string }[]): Promise<void> {
  for (const user of users) {
    const res = await runJava(
      path.join(libsDir, '*'),
      'kafka.admin.ConfigCommand',
      ['--bootstrap-server', bootstrap, '--command-config', adminProperties, '--alter', '--entity-type', 'users', '--entity-name', user.name, '--add-config', `SCRAM-SHA-512=[password=${user.password}]`],
      { jvmArgs: [...TOOL_JVM_ARGS, ...toolLogConfigArgs(libsDir)] },
    );
    if (res.code !== 0) throw new SpecmeshError(`Could not create the SCRAM user ${user.name} on the local cluster (exit ${res.code}): ${res.stderr.trim().split('\n')[0] ?? ''}`);
  }
}

/**
 * Starts (or reuses) the local cluster in `dir`, creates a SCRAM user for each domain of the specs,
 * provisions them and writes each domain's credentials. Invalid specs start and change nothing.
 * Ctrl-C while it starts stops what it started.
 */
export async function startLocalCluster(options: StartLocalClusterOptions = {}): Promise<LocalCluster> {
  const dir = path.resolve(options.dir ?? defaultLocalDir());
  const log = options.log ?? (() => {});
  const cwd = options.cwd ?? process.cwd();
  // The specs first: invalid ones start nothing.
  const specs = options.specs ?? [];
  const loaded = specs.length ? await loadSpecs(specs, { cwd, ...(options.onProgress ? { onProgress: options.onProgress } : {}) }) : undefined;
  if (loaded && !loaded.ok) throw new InvalidInputError(loaded.diagnostics);

  const previous = readLocalState(dir);
  const version = options.kafkaVersion ?? previous?.version ?? DEFAULT_KAFKA_VERSION;
  if (previous && previous.version !== version) {
    throw new SpecmeshError(`The local cluster in ${dir} runs Kafka ${previous.version}, not ${version}`, {
      fix: `Leave out --kafka-version, or run \`specmesh local stop --purge\` first to start over with Kafka ${version}.`,
    });
  }
  const cacheDir = options.cacheDir ?? (process.env['SPECMESH_JAR_CACHE_DIR'] || userCacheDir());
  assertRequirements({ needMaven: !kafkaJarsCached(version, cacheDir) });
  const libsDir = await ensureKafkaJars(version, cacheDir, log);

  const state: LocalState = previous ?? { version, domains: {} };
  const wanted = (loaded?.domains ?? []).map((d) => d.id);
  const newDomains = wanted.filter((d) => !state.domains[d]);
  for (const d of newDomains) state.domains[d] = newPassword();

  const runDir = kafkaDir(dir);
  const runningPid = runningBrokerPid(runDir);
  let broker: KafkaBroker | undefined;
  const startedRegistries: number[] = [];
  let bootstrap: string;
  let adminPassword: string;
  const formatted = readRunState(runDir) !== undefined;
  // Ctrl-C (or a kill) while starting: stop the broker this call started, then go.
  const onSignal = (signal: NodeJS.Signals): void => {
    void (broker ? broker.stop({ signal: 'SIGKILL' }) : stopBrokerByPid(runDir, 5_000)).finally(() => process.kill(process.pid, signal));
  };
  const stopOnSignal = runningPid === undefined;
  if (stopOnSignal) for (const s of ['SIGINT', 'SIGTERM'] as const) process.once(s, onSignal);
  try {
    if (runningPid !== undefined) {
      const run = readRunState(runDir)!;
      bootstrap = `127.0.0.1:${run.port}`;
      adminPassword = run.adminPassword;
      log(`Reusing the local cluster already running in ${dir} (pid ${runningPid}).`);
    } else {
      log(`Starting Apache Kafka ${version} on 127.0.0.1${formatted ? ' (data kept from the last run)' : ''}…`);
      broker = await startKafkaBroker({
        version,
        libsDir,
        dataDir: runDir,
        detached: options.detached ?? false,
        ...(options.heap ? { heap: options.heap } : {}),
        // A new cluster gets every domain's user as it is formatted: no extra JVM per user.
        ...(!formatted ? { scramUsers: Object.entries(state.domains).map(([name, password]) => ({ name, password })) } : {}),
      });
      bootstrap = broker.bootstrap;
      adminPassword = broker.adminPassword;
      rmSync(stoppedMarker(dir), { force: true });
    }
    const adminProperties = path.join(dir, 'admin.properties');
    writeSecretFile(adminProperties, clientProperties(bootstrap, 'admin', adminPassword));
    writeSecretFile(path.join(dir, 'admin.password'), adminPassword);
    if (formatted || runningPid !== undefined) {
      const missing = newDomains.map((name) => ({ name, password: state.domains[name]! }));
      if (missing.length) log(`Creating SCRAM users for ${missing.map((m) => m.name).join(', ')}…`);
      await addScramUsers(libsDir, bootstrap, adminProperties, missing);
    }
    let schemaRegistryUrl: string | undefined;
    if (options.registry || state.registry) {
      schemaRegistryUrl = await ensureRegistry(dir, state, options, log, (pid) => startedRegistries.push(pid));
    }
    writeSecretFile(stateFile(dir), `${JSON.stringify(state, null, 2)}\n`);
    const domains: Record<string, LocalDomainAccess> = {};
    for (const [d, password] of Object.entries(state.domains)) domains[d] = domainAccess(dir, bootstrap, d, password);

    const pid = broker?.pid ?? runningPid!;
    const cluster: LocalCluster = {
      dir,
      bootstrap,
      version,
      pid,
      started: broker !== undefined,
      adminProperties,
      ...(schemaRegistryUrl ? { schemaRegistryUrl } : {}),
      admin: { username: 'admin', password: adminPassword },
      domains,
      provision: async (more) => {
        const added = await startLocalCluster({ ...options, dir, specs: more });
        Object.assign(cluster.domains, added.domains);
        return added.provisioned!;
      },
      stop: async ({ purge } = {}) => {
        if (broker) await broker.stop();
        await stopLocalCluster(dir, purge ? { purge } : {});
      },
    };
    if (specs.length) {
      log(`Provisioning ${specs.join(' ')}…`);
      cluster.provisioned = await provisionLocal(specs, cluster, cwd, options.onProgress);
    }
    return cluster;
  } catch (e) {
    // Whatever this call started is stopped again; a cluster it found running is left as it was.
    await broker?.stop({ signal: 'SIGKILL' }).catch(() => undefined);
    for (const pid of startedRegistries) await stopRegistryByPid(pid, 5_000);
    throw e;
  } finally {
    if (stopOnSignal) for (const s of ['SIGINT', 'SIGTERM'] as const) process.removeListener(s, onSignal);
  }
}

/** Starts the registry (detached, on its old port when free) unless it runs; returns its URL. */
async function ensureRegistry(dir: string, state: LocalState, options: StartLocalClusterOptions, log: (line: string) => void, started: (pid: number) => void): Promise<string> {
  const known = state.registry;
  if (known && isAlive(known.pid) && (await registryAnswers(known.url))) return known.url;
  log('Starting the schema registry (Apicurio Registry) on 127.0.0.1…');
  const port = known && (await portIsFree(known.port)) ? known.port : undefined;
  const registry = await startSchemaRegistry({
    detached: options.detached ?? false,
    logDir: path.join(dir, 'registry'),
    cacheDir: options.cacheDir ?? (process.env['SPECMESH_JAR_CACHE_DIR'] || userCacheDir()),
    ...(port ? { port } : {}),
  });
  started(registry.pid);
  state.registry = { pid: registry.pid, port: Number(new URL(registry.url).port), url: registry.url };
  return registry.url;
}

async function provisionLocal(specs: readonly string[], cluster: LocalCluster, cwd: string, onProgress: ProgressListener | undefined): Promise<ProvisionResult> {
  const session = new Session({ kafka: { commandConfig: cluster.adminProperties }, ...(cluster.schemaRegistryUrl ? { schemaRegistry: { url: cluster.schemaRegistryUrl } } : {}), env: {} });
  try {
    const result = await provisionSpecs(specs, { session, emitters: ['acl'], cwd, ...(onProgress ? { onProgress } : {}) });
    if (!result.plan) throw new InvalidInputError(result.diagnostics);
    if (result.report && result.report.failed > 0) {
      const first = result.report.results.find((r) => r.status === 'failed');
      throw new SpecmeshError(`Provisioning the local cluster failed for ${result.report.failed} change(s)${first ? `, first ${first.kind} ${first.id}: ${first.error}` : ''}`);
    }
    return result;
  } finally {
    await session.close();
  }
}

export type LocalStatus =
  | { state: 'absent'; dir: string }
  | { state: 'running'; dir: string; pid: number; bootstrap: string; version: string; domains: string[]; rssKiB?: number; schemaRegistryUrl?: string }
  /** It ran and was stopped, or its JVM died: `start` starts it again with its data. */
  | { state: 'stopped'; dir: string; version: string; domains: string[]; crashed: boolean };

/** Whether the local cluster in `dir` runs, from its files and the broker's pid. */
export function localClusterStatus(dir: string = defaultLocalDir()): LocalStatus {
  const resolved = path.resolve(dir);
  const run = readRunState(kafkaDir(resolved));
  const local = readLocalState(resolved);
  if (!run || !local) return { state: 'absent', dir: resolved };
  const domains = Object.keys(local.domains).sort();
  const pid = runningBrokerPid(kafkaDir(resolved));
  if (pid !== undefined) {
    const rss = rssKiBOf(pid);
    const registry = local.registry && isAlive(local.registry.pid) ? { schemaRegistryUrl: local.registry.url } : {};
    return { state: 'running', dir: resolved, pid, bootstrap: `127.0.0.1:${run.port}`, version: run.version, domains, ...(rss ? { rssKiB: rss } : {}), ...registry };
  }
  // A broker.pid whose process is gone, without a clean stop: the JVM died (or was killed).
  const crashed = existsSync(path.join(kafkaDir(resolved), 'broker.pid')) && !existsSync(stoppedMarker(resolved));
  return { state: 'stopped', dir: resolved, version: run.version, domains, crashed };
}

/** Stops the local cluster in `dir` by pid; with `purge`, deletes its data and credentials. */
export async function stopLocalCluster(dir: string = defaultLocalDir(), options: { purge?: boolean } = {}): Promise<{ wasRunning: boolean; purged: boolean }> {
  const resolved = path.resolve(dir);
  const wasRunning = await stopBrokerByPid(kafkaDir(resolved));
  const registry = readLocalState(resolved)?.registry;
  if (registry) await stopRegistryByPid(registry.pid);
  if (existsSync(kafkaDir(resolved))) writeFileSync(stoppedMarker(resolved), `${new Date().toISOString()}\n`);
  const purge = options.purge === true && existsSync(resolved);
  if (purge) rmSync(resolved, { recursive: true, force: true });
  return { wasRunning, purged: purge };
}
