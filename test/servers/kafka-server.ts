// The tests' Kafka broker: the product's own local broker (src/local/kafka-broker.ts), run attached
// (killed with the test process) from jars cached in .cache/, plus the test tools' SCRAM user calls.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureKafkaJars } from '../../src/local/kafka-jars.js';
import { reapStaleRuns as reapRuns, startKafkaBroker, type KafkaBroker, type StartBrokerOptions, type StopOptions } from '../../src/local/kafka-broker.js';
import { addScramUsers, deleteScramUsers, listScramUsers, type KafkaTestInfo, type ScramMechanism, type ScramUser } from './kafka-admin-tools.js';

export { freePort } from './process-tools.js';
export type { StopOptions };

export const DEFAULT_KAFKA_VERSION = '3.9.1';
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** Where the jars are cached: `.cache/kafka-<version>/libs`. */
const CACHE_DIR = join(REPO_ROOT, '.cache');
/** Where runs live by default: one dir per broker with data/, configs and kafka.log. */
export const KAFKA_RUNS_DIR = join(CACHE_DIR, 'kafka-runs');

export type StartKafkaOptions = Omit<StartBrokerOptions, 'version' | 'libsDir' | 'detached'> & {
  /** Kafka version to fetch and run; default `SPECMESH_TEST_KAFKA_VERSION` or 3.9.1. */
  version?: string;
  /** Use these jars instead of fetching (`<dir>/*` is the classpath). */
  libsDir?: string;
};

export interface KafkaServer extends KafkaBroker {
  /** Plain, serializable connection info (what global-setup provides to tests). */
  info(): KafkaTestInfo;
  addScramUser(name: string, password: string, mechanism?: ScramMechanism): Promise<void>;
  /** Many users, one JVM. */
  addScramUsers(users: readonly ScramUser[]): Promise<void>;
  deleteScramUsers(users: readonly { name: string; mechanism?: ScramMechanism }[]): Promise<void>;
  listScramUsers(): Promise<Map<string, ScramMechanism[]>>;
}

/** The jars of `version` in .cache/ (fetched with Maven on first use); returns the libs dir. */
export function ensureKafkaLibs(version: string = DEFAULT_KAFKA_VERSION): Promise<string> {
  return ensureKafkaJars(version, CACHE_DIR);
}

export function reapStaleRuns(baseDir: string = KAFKA_RUNS_DIR): void {
  reapRuns(baseDir);
}

/** Starts a broker for tests (see StartBrokerOptions); it dies with the test process. */
export async function startKafka(options: StartKafkaOptions = {}): Promise<KafkaServer> {
  const version = options.version ?? process.env.SPECMESH_TEST_KAFKA_VERSION ?? DEFAULT_KAFKA_VERSION;
  const libsDir = options.libsDir ?? (await ensureKafkaLibs(version));
  const broker = await startKafkaBroker({ runsDir: KAFKA_RUNS_DIR, ...options, version, libsDir });
  const info = (): KafkaTestInfo => ({
    bootstrap: broker.bootstrap,
    adminUser: broker.adminUser,
    adminPassword: broker.adminPassword,
    adminMechanism: broker.adminMechanism,
    version: broker.version,
    libsDir: broker.libsDir,
    pid: broker.pid,
    logFile: broker.logFile,
  });
  return Object.assign(broker, {
    info,
    addScramUser: (name: string, password: string, mechanism: ScramMechanism = 'SCRAM-SHA-512') => addScramUsers(info(), [{ name, password, mechanism }]),
    addScramUsers: (users: readonly ScramUser[]) => addScramUsers(info(), users),
    deleteScramUsers: (users: readonly { name: string; mechanism?: ScramMechanism }[]) => deleteScramUsers(info(), users),
    listScramUsers: () => listScramUsers(info()),
  });
}
