// Admin operations the tests need on the real broker that kafkajs cannot do (kafkajs has no
// AlterUserScramCredentials): SCRAM users are created, deleted and listed by a small Java tool run
// against the broker's own jars. Usable from test files with the info `inject('kafka')` gives.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { KafkaConfig } from 'kafkajs';

export type ScramMechanism = 'SCRAM-SHA-256' | 'SCRAM-SHA-512';

/** What a test needs to reach the shared broker as its super user (provided by global-setup.ts). */
export interface KafkaTestInfo {
  /** `127.0.0.1:<port>`, the SASL_PLAINTEXT SCRAM listener (the only one clients should use). */
  bootstrap: string;
  adminUser: string;
  adminPassword: string;
  adminMechanism: ScramMechanism;
  /** Kafka version, e.g. `3.9.1`. */
  version: string;
  /** Directory with the broker's jars (`java -cp '<libsDir>/*' …`). */
  libsDir: string;
  pid: number;
  logFile: string;
}

/** The connection part of {@link KafkaTestInfo}: enough to run the admin tools. */
export type KafkaAdminConnection = Pick<KafkaTestInfo, 'bootstrap' | 'adminUser' | 'adminPassword' | 'libsDir'> & {
  adminMechanism?: ScramMechanism;
};

export interface ScramUser {
  name: string;
  password: string;
  /** Default SCRAM-SHA-512 (the only mechanism the test broker's listener enables). */
  mechanism?: ScramMechanism;
  /** Default 4096 (Kafka's minimum). */
  iterations?: number;
}

export type { JavaResult } from '../../src/local/java.js';
export { javaCommand, runJava, toolLogConfigArgs, usesLog4j2 } from '../../src/local/java.js';
import { type JavaResult, runJava, TOOL_JVM_ARGS, toolLogConfigArgs } from '../../src/local/java.js';

const TOOL_SOURCE = fileURLToPath(new URL('./java/ScramUsersTool.java', import.meta.url));

const compiled = new Map<string, Promise<string>>();
const JAVAC_TIMEOUT_MS = 120_000;

/**
 * Compiles Java sources of test/servers/java against the broker's own jars (`<libsDir>/*`) with
 * the machine's JDK, once: the classes go to `<libs>/../tools/<name>-<hash of the sources>`, so a
 * changed source compiles again and an unchanged one never does. Returns the class dir.
 */
export function compileJavaSources(libsDir: string, name: string, sources: readonly string[]): Promise<string> {
  const key = `${libsDir}\0${name}`;
  let dir = compiled.get(key);
  if (!dir) {
    dir = compile(libsDir, name, sources);
    dir.catch(() => compiled.delete(key));
    compiled.set(key, dir);
  }
  return dir;
}

async function compile(libsDir: string, name: string, sources: readonly string[]): Promise<string> {
  const hash = createHash('sha256');
  for (const s of sources) hash.update(readFileSync(s));
  const dir = join(dirname(libsDir), 'tools', `${name}-${hash.digest('hex').slice(0, 12)}`);
  if (existsSync(join(dir, '.complete'))) return dir;
  const tmp = `${dir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  const javac = process.env.SPECMESH_TEST_JAVAC ?? 'javac';
  const files = sources.map((s) => s.split('/').pop()).join(', ');
  const res = await new Promise<JavaResult>((resolve, reject) => {
    const child = spawn(javac, ['-nowarn', '-d', tmp, '-cp', join(libsDir, '*'), ...sources], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    // A compile takes seconds; a hung one must not outlive the test that needed it.
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${javac} ${files} did not finish within ${JAVAC_TIMEOUT_MS} ms:\n${out}`));
    }, JAVAC_TIMEOUT_MS);
    child.on('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(e.code === 'ENOENT'
        ? new Error(`${javac} not found: the test tools in test/servers/java are compiled with a JDK's javac (Debian: apt-get install openjdk-17-jdk-headless), or set SPECMESH_TEST_JAVAC`)
        : e);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout: out, stderr: '' });
    });
  });
  if (res.code !== 0) throw new Error(`javac ${files} failed:\n${res.stdout}`);
  writeFileSync(join(tmp, '.complete'), '');
  try {
    renameSync(tmp, dir);
  } catch {
    rmSync(tmp, { recursive: true, force: true }); // another process won the race
  }
  return dir;
}

/** Compiles ScramUsersTool.java against the libs dir once; returns its class dir. */
function scramToolClassDir(libsDir: string): Promise<string> {
  return compileJavaSources(libsDir, 'scram-users', [TOOL_SOURCE]);
}

const b64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64');

async function runScramTool(conn: KafkaAdminConnection, commands: string[]): Promise<string> {
  const classDir = await scramToolClassDir(conn.libsDir);
  const res = await runJava(`${classDir}:${join(conn.libsDir, '*')}`, 'ScramUsersTool',
    [conn.bootstrap, conn.adminUser, conn.adminMechanism ?? 'SCRAM-SHA-512'], {
      jvmArgs: [...TOOL_JVM_ARGS, ...toolLogConfigArgs(conn.libsDir)],
      env: { KAFKA_ADMIN_PASSWORD: conn.adminPassword },
      stdin: commands.join('\n') + '\n',
    });
  if (res.code !== 0) {
    throw new Error(`SCRAM user tool failed (exit ${res.code}) against ${conn.bootstrap}:\n${res.stderr.trim()}`);
  }
  return res.stdout;
}

/**
 * Creates (or updates the password of) SCRAM users on the broker: one JVM for the whole batch,
 * returns once the broker serves the new credentials.
 */
export async function addScramUsers(conn: KafkaAdminConnection, users: readonly ScramUser[]): Promise<void> {
  if (users.length === 0) return;
  await runScramTool(conn, users.map((u) =>
    `upsert ${b64(u.name)} ${u.mechanism ?? 'SCRAM-SHA-512'} ${u.iterations ?? 4096} ${b64(u.password)}`));
}

/** Removes SCRAM credentials (default mechanism SCRAM-SHA-512). Missing ones are an error, as in Kafka. */
export async function deleteScramUsers(
  conn: KafkaAdminConnection,
  users: readonly { name: string; mechanism?: ScramMechanism }[],
): Promise<void> {
  if (users.length === 0) return;
  await runScramTool(conn, users.map((u) => `delete ${b64(u.name)} ${u.mechanism ?? 'SCRAM-SHA-512'}`));
}

/** All SCRAM users the broker knows, with their mechanisms. */
export async function listScramUsers(conn: KafkaAdminConnection): Promise<Map<string, ScramMechanism[]>> {
  const out = await runScramTool(conn, ['list']);
  const users = new Map<string, ScramMechanism[]>();
  for (const line of out.split('\n')) {
    if (!line.trim()) continue;
    const [name, ...mechs] = line.split('\t');
    users.set(Buffer.from(name ?? '', 'base64').toString('utf8'), mechs as ScramMechanism[]);
  }
  return users;
}

/** kafkajs client config for the broker, as the admin or as another SCRAM user. */
export function kafkajsConfig(
  info: Pick<KafkaTestInfo, 'bootstrap' | 'adminUser' | 'adminPassword'>,
  opts: { clientId?: string; username?: string; password?: string } = {},
): KafkaConfig {
  return {
    clientId: opts.clientId ?? 'specmesh-test',
    brokers: [info.bootstrap],
    ssl: false,
    sasl: {
      mechanism: 'scram-sha-512',
      username: opts.username ?? info.adminUser,
      password: opts.password ?? (opts.username === undefined ? info.adminPassword : ''),
    },
    connectionTimeout: 5_000,
  };
}
