// A real single-node Apache Kafka (KRaft, combined broker+controller) run from Maven Central jars
// (kafka-jars.ts). Binds 127.0.0.1 only. Clients use the SASL_PLAINTEXT listener (SCRAM-SHA-512);
// the PLAINTEXT controller listener is for the node itself. StandardAuthorizer with
// allow.everyone.if.no.acl.found=false (no ACL means deny), super users `User:admin` and
// `User:ANONYMOUS` (the controller listener's principal).
//
// `specmesh local` runs it detached (it outlives the command; stopped later by pid); the tests run
// it attached, killed with the process that started it (exit hooks and a watchdog).
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
import { isMainThread } from 'node:worker_threads';
import { javaCommand, runJava, usesLog4j2 } from './java.js';
import { commandLineOf, freePort, isAlive, killQuietly, portIsFree, sleep, startWatchdog } from './processes.js';

const READY_PATTERN = /Kafka Server started/;
const KEEP_OLD_RUNS = 5;

export interface StartBrokerOptions {
  /** Kafka version of the jars in `libsDir`. */
  version: string;
  /** The broker's jars (`<dir>/*` is the classpath): `ensureKafkaJars(version)`. */
  libsDir: string;
  /** Where run dirs are made when `dataDir` is not given; stale ones there are reaped first. */
  runsDir?: string;
  /** Run the JVM detached: it outlives this process and is stopped by pid (`stopBrokerByPid`). */
  detached?: boolean;
  /** Extra SCRAM-SHA-512 users written into the storage at its first format (name, password). */
  scramUsers?: readonly { name: string; password: string }[];
  /**
   * The run's directory (data/, server.properties, kafka.log, kafka-server.json). Default a new dir
   * under .cache/kafka-runs/. A dir from an earlier run is reused as is: same cluster, ports and
   * admin password, data kept.
   */
  dataDir?: string;
  /** Admin's SCRAM password; default random. Ignored when `dataDir` holds an earlier run. */
  adminPassword?: string;
  /** SASL listener port; default a free one. */
  port?: number;
  /** Controller listener port; default a free one. */
  controllerPort?: number;
  /** JVM max heap; default 512m. */
  heap?: string;
  jvmArgs?: readonly string[];
  /** Extra or overriding server.properties entries. */
  brokerProperties?: Record<string, string | number | boolean>;
  /**
   * More client listeners beside the SCRAM one, each on a free port of 127.0.0.1 (see
   * `listenerPort`); their own settings go in `brokerProperties` under `listener.name.<name>.`.
   */
  extraListeners?: readonly { name: string; protocol: 'PLAINTEXT' | 'SSL' | 'SASL_PLAINTEXT' | 'SASL_SSL' }[];
  /** Class dirs or jars put before the Kafka jars on the broker's classpath (an authorizer, a callback handler). */
  classpath?: readonly string[];
  /** Default 120 s. */
  startTimeoutMs?: number;
  /** How long stop() waits after SIGTERM before SIGKILL; default 30 s. */
  stopTimeoutMs?: number;
}

export interface StopOptions {
  /** SIGTERM (controlled shutdown, the default) or SIGKILL (a crash). */
  signal?: 'SIGTERM' | 'SIGKILL';
  /** SIGKILL after this long; default the server's stopTimeoutMs. */
  timeoutMs?: number;
}

export interface KafkaBroker {
  /** `127.0.0.1:<port>` of the SASL_PLAINTEXT SCRAM-SHA-512 listener. */
  readonly bootstrap: string;
  readonly host: '127.0.0.1';
  readonly port: number;
  readonly controllerPort: number;
  readonly adminUser: 'admin';
  readonly adminPassword: string;
  readonly adminMechanism: 'SCRAM-SHA-512';
  /** pid of the running broker JVM (a new one after a restart; the last one once stopped). */
  readonly pid: number;
  readonly version: string;
  readonly logFile: string;
  /** The run dir: server.properties, kafka.log, kafka-server.json; Kafka's log.dirs is `<dataDir>/data`. */
  readonly dataDir: string;
  readonly libsDir: string;
  readonly clusterId: string;
  readonly running: boolean;
  /** Wall time of the last start, from spawning the JVM to `Kafka Server started`. */
  readonly lastStartMs: number;
  /** Port of one of `extraListeners`. */
  listenerPort(name: string): number;
  /** Starts again after stop(): same data dir, ports and credentials. */
  start(): Promise<void>;
  stop(opts?: StopOptions): Promise<void>;
  /** SIGKILL: a broker crash. */
  kill(): Promise<void>;
  restart(opts?: StopOptions): Promise<void>;
  /** stop(), then delete data/ (logs and configs are kept for inspection). */
  destroy(): Promise<void>;
}

/** Persisted per run dir (`kafka-server.json`) so a later start (even from another process) reuses the same identity. */
export interface RunState {
  version: string;
  clusterId: string;
  port: number;
  controllerPort: number;
  adminPassword: string;
  /** Ports of the extra listeners, by name. */
  listenerPorts?: Record<string, number>;
}

// ---------------------------------------------------------------------------------------------
// process bookkeeping: every broker this process started is killed when it exits

const live = new Map<number, { watchdog?: number }>();
let exitHooksInstalled = false;

function killAllLive(): void {
  for (const [pid, { watchdog }] of live) {
    killQuietly(pid, 'SIGKILL');
    killQuietly(watchdog, 'SIGKILL');
  }
  live.clear();
}

function installExitHooks(): void {
  if (exitHooksInstalled) return;
  exitHooksInstalled = true;
  process.on('exit', killAllLive);
  if (!isMainThread) return; // signals are delivered to the main thread only
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    const onSignal = (): void => {
      killAllLive();
      process.removeListener(sig, onSignal);
      // Nobody else handles it: behave as if we were not listening (default action: exit).
      if (process.listenerCount(sig) === 0) process.kill(process.pid, sig);
    };
    process.on(sig, onSignal);
  }
}

function readPid(file: string): number | undefined {
  try {
    const n = Number(readFileSync(file, 'utf8').trim());
    return Number.isInteger(n) && n > 0 ? n : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Kills brokers left by runs whose owning process is gone (the pid's command line must name the
 * run dir), then deletes all but the newest few finished run dirs.
 */
export function reapStaleRuns(baseDir: string): void {
  if (!existsSync(baseDir)) return;
  const finished: { dir: string; mtime: number }[] = [];
  for (const name of readdirSync(baseDir)) {
    const dir = join(baseDir, name);
    const owner = readPid(join(dir, 'owner.pid'));
    if (owner !== undefined && isAlive(owner)) continue;
    const broker = readPid(join(dir, 'broker.pid'));
    if (broker !== undefined && isAlive(broker)) {
      if (!commandLineOf(broker)?.includes(dir)) continue;
      killQuietly(broker, 'SIGKILL');
    }
    try {
      finished.push({ dir, mtime: statSync(dir).mtimeMs });
    } catch {
      /* raced */
    }
  }
  finished.sort((a, b) => b.mtime - a.mtime);
  for (const { dir } of finished.slice(KEEP_OLD_RUNS)) rmSync(dir, { recursive: true, force: true });
}

// ---------------------------------------------------------------------------------------------
// helpers

/** Kafka's Uuid text form: 16 random bytes, base64url; never starting with '-' (CLI-hostile). */
function newClusterId(): string {
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

/** The first ERROR/FATAL lines (the cause usually comes before the shutdown noise) and the tail. */
function logExcerpt(file: string, fromOffset = 0, lines = 40): string {
  let text: string;
  try {
    text = readFileSync(file).subarray(fromOffset).toString('utf8');
  } catch {
    return '(no log)';
  }
  const all = text.split('\n');
  // Each ERROR line with the exception line that follows it, if any.
  const errors = all.flatMap((l, i) => /\] (ERROR|FATAL) /.test(l)
    ? [l, ...(all[i + 1] && !all[i + 1]!.startsWith('[') ? [all[i + 1]!] : [])]
    : []).slice(0, 12);
  return (errors.length ? `first errors:\n${errors.join('\n')}\n` : '') + `last ${lines} lines:\n${all.slice(-lines).join('\n')}`;
}

function serverProperties(s: RunState, dataDir: string, opts: StartBrokerOptions): string {
  const extraListeners = (opts.extraListeners ?? []).map((l) => ({ ...l, port: s.listenerPorts?.[l.name] }));
  const extra = opts.brokerProperties;
  const listeners = extraListeners.map((l) => `,${l.name}://127.0.0.1:${l.port}`).join('');
  const protocols = extraListeners.map((l) => `,${l.name}:${l.protocol}`).join('');
  const jaas = `org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="${s.adminPassword}";`;
  const props: Record<string, string | number | boolean> = {
    'process.roles': 'broker,controller',
    'node.id': 1,
    'controller.quorum.voters': `1@127.0.0.1:${s.controllerPort}`,
    'listeners': `SASL_PLAINTEXT://127.0.0.1:${s.port},CONTROLLER://127.0.0.1:${s.controllerPort}${listeners}`,
    'advertised.listeners': `SASL_PLAINTEXT://127.0.0.1:${s.port}${listeners}`,
    'listener.security.protocol.map': `CONTROLLER:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT${protocols}`,
    'controller.listener.names': 'CONTROLLER',
    'inter.broker.listener.name': 'SASL_PLAINTEXT',
    'sasl.enabled.mechanisms': 'SCRAM-SHA-512',
    'sasl.mechanism.inter.broker.protocol': 'SCRAM-SHA-512',
    'listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config': jaas,
    'authorizer.class.name': 'org.apache.kafka.metadata.authorizer.StandardAuthorizer',
    'allow.everyone.if.no.acl.found': false,
    'super.users': 'User:admin;User:ANONYMOUS',
    'log.dirs': dataDir,
    'num.partitions': 1,
    'default.replication.factor': 1,
    'offsets.topic.replication.factor': 1,
    'offsets.topic.num.partitions': 1,
    'transaction.state.log.replication.factor': 1,
    'transaction.state.log.min.isr': 1,
    'transaction.state.log.num.partitions': 1,
    'share.coordinator.state.topic.replication.factor': 1,
    'share.coordinator.state.topic.min.isr': 1,
    'group.initial.rebalance.delay.ms': 0,
    // After a crash (kill()) the restarted node cannot register until its old session expires
    // (DUPLICATE_BROKER_REGISTRATION); 9 s by default, 5 s here.
    'broker.heartbeat.interval.ms': 1000,
    'broker.session.timeout.ms': 5000,
    'auto.create.topics.enable': false,
    'delete.topic.enable': true,
    'num.network.threads': 2,
    'num.io.threads': 4,
    'log.segment.bytes': 16 * 1024 * 1024,
    ...extra,
  };
  return Object.entries(props).map(([k, v]) => `${k}=${String(v)}`).join('\n') + '\n';
}

function brokerLogConfig(runDir: string, libsDir: string): string {
  // Everything at INFO to stdout, which the JVM writes straight into kafka.log.
  if (usesLog4j2(libsDir)) {
    const file = join(runDir, 'log4j2.properties');
    writeFileSync(file, [
      'status = warn',
      'appender.out.type = Console',
      'appender.out.name = STDOUT',
      'appender.out.layout.type = PatternLayout',
      'appender.out.layout.pattern = [%d] %p %m (%c)%n',
      'rootLogger.level = info',
      'rootLogger.appenderRef.out.ref = STDOUT',
      'logger.authorizer.name = kafka.authorizer.logger',
      'logger.authorizer.level = info',
      '',
    ].join('\n'));
    return `-Dlog4j2.configurationFile=${file}`;
  }
  const file = join(runDir, 'log4j.properties');
  writeFileSync(file, [
    'log4j.rootLogger=INFO, stdout',
    'log4j.appender.stdout=org.apache.log4j.ConsoleAppender',
    'log4j.appender.stdout.layout=org.apache.log4j.PatternLayout',
    'log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n',
    'log4j.logger.kafka.authorizer.logger=INFO',
    '',
  ].join('\n'));
  return `-Dlog4j.configuration=file:${file}`;
}

// ---------------------------------------------------------------------------------------------
// the server

class KafkaProcess implements KafkaBroker {
  readonly host = '127.0.0.1' as const;
  readonly adminUser = 'admin' as const;
  readonly adminMechanism = 'SCRAM-SHA-512' as const;
  readonly logFile: string;
  readonly propsFile: string;
  private child: ChildProcess | undefined;
  private exited: Promise<void> | undefined;
  private lastPid = 0;
  private watchdog: number | undefined;
  lastStartMs = 0;

  constructor(
    private readonly state: RunState,
    readonly dataDir: string,
    readonly libsDir: string,
    private readonly opts: StartBrokerOptions,
  ) {
    this.logFile = join(dataDir, 'kafka.log');
    this.propsFile = join(dataDir, 'server.properties');
  }

  get bootstrap(): string {
    return `127.0.0.1:${this.state.port}`;
  }
  get port(): number {
    return this.state.port;
  }
  get controllerPort(): number {
    return this.state.controllerPort;
  }
  get adminPassword(): string {
    return this.state.adminPassword;
  }
  get version(): string {
    return this.state.version;
  }
  get clusterId(): string {
    return this.state.clusterId;
  }
  get pid(): number {
    return this.child?.pid ?? this.lastPid;
  }
  get running(): boolean {
    return this.child !== undefined;
  }

  listenerPort(name: string): number {
    const port = this.state.listenerPorts?.[name];
    if (port === undefined) throw new Error(`the broker has no listener ${name}`);
    return port;
  }

  async start(): Promise<void> {
    if (this.child) throw new Error(`Kafka ${this.version} is already running (pid ${this.child.pid})`);
    const logConfig = brokerLogConfig(this.dataDir, this.libsDir);
    const logOffset = existsSync(this.logFile) ? statSync(this.logFile).size : 0;
    const fd = openSync(this.logFile, 'a');
    const t0 = Date.now();
    let child: ChildProcess;
    try {
      child = spawn(javaCommand(), [
        `-Xmx${this.opts.heap ?? '512m'}`,
        '-XX:+UseG1GC', '-XX:MaxGCPauseMillis=20', '-XX:+ExplicitGCInvokesConcurrent',
        '-Djava.awt.headless=true',
        logConfig,
        ...(this.opts.jvmArgs ?? []),
        '-cp', [...(this.opts.classpath ?? []), join(this.libsDir, '*')].join(':'),
        'kafka.Kafka', this.propsFile,
      ], { stdio: ['ignore', fd, fd], cwd: this.dataDir, detached: this.opts.detached ?? false });
      if (this.opts.detached) child.unref();
    } finally {
      closeSync(fd);
    }
    const spawnError = new Promise<never>((_, reject) => child.once('error', reject));
    spawnError.catch(() => undefined);
    if (child.pid === undefined) await spawnError;
    const pid = child.pid!;
    this.child = child;
    this.lastPid = pid;
    let exitInfo: string | undefined;
    this.exited = new Promise<void>((r) => child.once('exit', (code, signal) => {
      exitInfo = `exit code ${code}, signal ${signal}`;
      live.delete(pid);
      if (this.child === child) this.child = undefined;
      r();
    }));
    if (!this.opts.detached) {
      installExitHooks();
      this.watchdog = startWatchdog('kafka-watchdog', pid);
      live.set(pid, { watchdog: this.watchdog });
    }
    writeFileSync(join(this.dataDir, 'broker.pid'), `${pid}\n`);

    const deadline = t0 + (this.opts.startTimeoutMs ?? 120_000);
    for (;;) {
      const fresh = readFileSync(this.logFile).subarray(logOffset).toString('utf8');
      if (READY_PATTERN.test(fresh)) break;
      if (exitInfo) {
        throw new Error(`Kafka ${this.version} exited during startup (${exitInfo}); log ${this.logFile}\n${logExcerpt(this.logFile, logOffset)}`);
      }
      if (Date.now() > deadline) {
        await this.stop({ signal: 'SIGKILL' });
        throw new Error(`Kafka ${this.version} (pid ${pid}) not ready after ${this.opts.startTimeoutMs ?? 120_000} ms; log ${this.logFile}\n${logExcerpt(this.logFile, logOffset)}`);
      }
      await sleep(100);
    }
    this.lastStartMs = Date.now() - t0;
  }

  async stop(opts: StopOptions = {}): Promise<void> {
    const child = this.child;
    const exited = this.exited;
    if (!child?.pid || !exited) return;
    const timeoutMs = opts.timeoutMs ?? this.opts.stopTimeoutMs ?? 30_000;
    killQuietly(child.pid, opts.signal ?? 'SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const inTime = await Promise.race([
      exited.then(() => true),
      new Promise<boolean>((r) => (timer = setTimeout(() => r(false), timeoutMs))),
    ]);
    clearTimeout(timer);
    if (!inTime) {
      killQuietly(child.pid, 'SIGKILL');
      await exited;
    }
    killQuietly(this.watchdog, 'SIGKILL');
    this.watchdog = undefined;
  }

  kill(): Promise<void> {
    return this.stop({ signal: 'SIGKILL' });
  }

  async restart(opts?: StopOptions): Promise<void> {
    await this.stop(opts);
    await this.start();
  }

  async destroy(): Promise<void> {
    await this.stop();
    rmSync(join(this.dataDir, 'data'), { recursive: true, force: true });
  }
}

/** A distinct free port for each extra listener, none of them in `taken`. */
async function listenerPorts(options: StartBrokerOptions, taken: number[]): Promise<Record<string, number>> {
  const ports: Record<string, number> = {};
  const used = new Set(taken);
  for (const l of options.extraListeners ?? []) {
    let port: number;
    do port = await freePort(); while (used.has(port));
    used.add(port);
    ports[l.name] = port;
  }
  return ports;
}

/**
 * Fetches the jars if needed, formats the storage (first start of a run dir only: cluster id and
 * the admin's SCRAM-SHA-512 credential), starts the JVM and waits for `Kafka Server started`.
 */
export async function startKafkaBroker(options: StartBrokerOptions): Promise<KafkaBroker> {
  const { version, libsDir } = options;
  if (!options.dataDir && !options.runsDir) throw new Error('startKafkaBroker needs dataDir or runsDir');
  if (!options.dataDir && options.runsDir) reapStaleRuns(options.runsDir);
  const runDir = resolve(options.dataDir ?? join(options.runsDir!, `${version}-${new Date().toISOString().replace(/[:.]/g, '-')}-${randomBytes(3).toString('hex')}`));
  mkdirSync(runDir, { recursive: true });
  if (!options.detached) writeFileSync(join(runDir, 'owner.pid'), `${process.pid}\n`);
  const stateFile = join(runDir, 'kafka-server.json');
  const dataDir = join(runDir, 'data');

  let state: RunState;
  const fresh = !existsSync(stateFile) || !existsSync(join(dataDir, 'meta.properties'));
  if (!fresh) {
    state = JSON.parse(readFileSync(stateFile, 'utf8')) as RunState;
    if (state.version !== version) throw new Error(`${runDir} holds a Kafka ${state.version} run, not ${version}`);
  } else {
    state = {
      version,
      clusterId: newClusterId(),
      port: options.port ?? (await freePort()),
      controllerPort: options.controllerPort ?? (await freePort()),
      adminPassword: options.adminPassword ?? randomBytes(18).toString('base64url'),
    };
    if (/[,[\]="\\]/.test(state.adminPassword)) throw new Error('adminPassword must not contain , [ ] = " or \\');
    while (state.controllerPort === state.port) state.controllerPort = await freePort();
    state.listenerPorts = await listenerPorts(options, [state.port, state.controllerPort]);
    rmSync(dataDir, { recursive: true, force: true });
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(stateFile, JSON.stringify(state, null, 2) + '\n', { mode: 0o600 });
  }
  const ownPorts = options.port === undefined && options.controllerPort === undefined;
  // A restarted run keeps its ports, unless another program has taken one since: then that one moves.
  if (!fresh && ownPorts) {
    const moved: string[] = [];
    if (!(await portIsFree(state.port))) {
      moved.push(`client ${state.port}`);
      do state.port = await freePort(); while (state.port === state.controllerPort);
    }
    if (!(await portIsFree(state.controllerPort))) {
      moved.push(`controller ${state.controllerPort}`);
      do state.controllerPort = await freePort(); while (state.controllerPort === state.port);
    }
    for (const [name, port] of Object.entries(state.listenerPorts ?? {})) {
      if (await portIsFree(port)) continue;
      moved.push(`${name} ${port}`);
      state.listenerPorts![name] = await freePort();
    }
    if (moved.length) writeFileSync(stateFile, JSON.stringify(state, null, 2) + '\n', { mode: 0o600 });
  }
  const server = new KafkaProcess(state, runDir, libsDir, options);
  writeFileSync(server.propsFile, serverProperties(state, dataDir, options), { mode: 0o600 });

  if (fresh) {
    const res = await runJava(join(libsDir, '*'), 'kafka.tools.StorageTool', [
      'format', '-t', state.clusterId, '-c', server.propsFile,
      '--add-scram', `SCRAM-SHA-512=[name=admin,password=${state.adminPassword}]`,
      ...(options.scramUsers ?? []).flatMap((u) => ['--add-scram', `SCRAM-SHA-512=[name=${u.name},password=${u.password}]`]),
    ], { jvmArgs: ['-Xmx256m', '-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC', brokerLogConfig(runDir, libsDir)] });
    writeFileSync(server.logFile, `--- kafka.tools.StorageTool format (exit ${res.code})\n${res.stdout}${res.stderr}\n`, { flag: 'a' });
    if (res.code !== 0) {
      throw new Error(`kafka.tools.StorageTool format failed (exit ${res.code}):\n${res.stdout}\n${res.stderr}`);
    }
  }
  // A port freePort() found free may be taken by another process before the broker binds it,
  // seconds later (after the storage format): the broker then exits with "Address already in use".
  // Ports this call picked are picked again then; ports the caller chose are not.
  for (let attempt = 1; ; attempt++) {
    try {
      await server.start();
      return server;
    } catch (e) {
      if (!ownPorts || attempt >= 3 || !/Address already in use/i.test(String(e))) throw e;
      const taken = `${state.port}/${state.controllerPort}`;
      state.port = await freePort();
      do state.controllerPort = await freePort(); while (state.controllerPort === state.port);
      state.listenerPorts = await listenerPorts(options, [state.port, state.controllerPort]);
      writeFileSync(stateFile, JSON.stringify(state, null, 2) + '\n', { mode: 0o600 });
      writeFileSync(server.propsFile, serverProperties(state, dataDir, options), { mode: 0o600 });
      writeFileSync(server.logFile, `--- a port of ${taken} was taken before the broker bound it; again on ${state.port}/${state.controllerPort}\n`, { flag: 'a' });
    }
  }
}

/** The pid of the broker of a run dir, when it is running (its command line names the dir). */
export function runningBrokerPid(runDir: string): number | undefined {
  const pid = readPid(join(runDir, 'broker.pid'));
  if (pid === undefined || !isAlive(pid)) return undefined;
  const cmdline = commandLineOf(pid);
  // Where command lines cannot be read, a live pid is taken at its word.
  return cmdline === undefined || cmdline.includes(runDir) ? pid : undefined;
}

/** Stops the broker of a run dir by pid (SIGTERM, SIGKILL after `timeoutMs`); false when none ran. */
export async function stopBrokerByPid(runDir: string, timeoutMs = 30_000): Promise<boolean> {
  const pid = runningBrokerPid(runDir);
  if (pid === undefined) return false;
  killQuietly(pid, 'SIGTERM');
  const deadline = Date.now() + timeoutMs;
  while (isAlive(pid) && Date.now() < deadline) await sleep(100);
  if (isAlive(pid)) {
    killQuietly(pid, 'SIGKILL');
    while (isAlive(pid)) await sleep(50);
  }
  return true;
}

/** The run state of a run dir, if it has been formatted. */
export function readRunState(runDir: string): RunState | undefined {
  try {
    return JSON.parse(readFileSync(join(runDir, 'kafka-server.json'), 'utf8')) as RunState;
  } catch {
    return undefined;
  }
}
