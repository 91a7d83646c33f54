// `specmesh local` and `startLocalCluster()`: a governed broker on this machine, started, reused,
// recovered after its JVM dies, moved off a port another program took, stopped with nothing left
// running; clients of each domain get exactly the access the specs give.
import { execFile, spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, describe, expect, it } from 'vitest';
import { startLocalCluster, stopLocalCluster, type LocalDomainAccess } from '../../src/local/local-cluster.js';
import { isAlive } from '../../src/local/processes.js';
import { spec2, writeTempFiles } from '../support/temp-specs.js';
import { BIN, cliEnv, CLI_TIMEOUT_MS } from './support/cli.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// The jars the test broker runs from (.cache/kafka-<version>/libs): no second download.
const JARS = path.join(root, '.cache');
const SPECS = {
  'orders.yaml': spec2('urn:lc.orders', `  _public.placed:\n    publish: {}\n  _private.audit:\n    publish: {}\n`),
  'payments.yaml': spec2('urn:lc.payments', `  _public.settled:\n    publish: {}\n  lc.orders._public.placed:\n    subscribe: {}\n`),
};

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function specmesh(args: string[], dir: string, cwd: string): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd, timeout: CLI_TIMEOUT_MS, env: cliEnv({ SPECMESH_LOCAL_DIR: dir, SPECMESH_JAR_CACHE_DIR: JARS }) }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr }),
    );
  });
}

const pidOf = (dir: string): number => Number(readFileSync(path.join(dir, 'kafka', 'broker.pid'), 'utf8'));
const portOf = (text: string): number => Number(/127\.0\.0\.1:(\d+)/.exec(text)?.[1]);

/** Produces one record as `who`; the error's type when the broker refuses. */
async function produceAs(who: LocalDomainAccess, topic: string): Promise<string> {
  const producer = new Kafka({ clientId: 'local-it', ...who.kafkajs, logLevel: logLevel.NOTHING }).producer({ allowAutoTopicCreation: false });
  await producer.connect();
  try {
    await producer.send({ topic, messages: [{ value: 'x' }] });
    return 'allowed';
  } catch (e) {
    return (e as { type?: string }).type ?? String(e);
  } finally {
    await producer.disconnect();
  }
}

/** Fetches `topic`'s offsets as `who` (a read: DESCRIBE on the topic); the error's type when refused. */
async function readAs(who: LocalDomainAccess, topic: string): Promise<string> {
  const consumer = new Kafka({ clientId: 'local-it', ...who.kafkajs, logLevel: logLevel.NOTHING }).consumer({ groupId: `${who.domain}.it` });
  await consumer.connect();
  try {
    await new Promise<void>((resolve, reject) => {
      // A new cluster's group coordinator may still be loading: kafkajs restarts the consumer then.
      consumer.on(consumer.events.CRASH, (e) => {
        if (!e.payload.restart) reject(e.payload.error);
      });
      consumer.subscribe({ topics: [topic], fromBeginning: true }).then(
        () => consumer.run({ eachMessage: async () => resolve() }).catch(reject),
        reject,
      );
    });
    return 'allowed';
  } catch (e) {
    return (e as { type?: string }).type ?? String(e);
  } finally {
    await consumer.disconnect();
  }
}

const started: string[] = [];
afterAll(async () => {
  for (const dir of started) await stopLocalCluster(dir).catch(() => undefined);
});

describe('specmesh local (CLI)', () => {
  it('starts, is reused, recovers after its JVM is killed, moves off a taken port, and stops with nothing left running', async () => {
    const cwd = writeTempFiles(SPECS);
    const dir = path.join(writeTempFiles({}), 'local');
    started.push(dir);

    const first = await specmesh(['local', 'start', '--spec', '.'], dir, cwd);
    expect(first.stderr + first.stdout, first.stderr).toContain('Local cluster started: Apache Kafka');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/Provisioned 2 domains: \d+ changes applied\./);
    for (const domain of ['lc.orders', 'lc.payments']) {
      for (const file of ['client.properties', 'client.env']) {
        const full = path.join(dir, 'domains', domain, file);
        expect(statSync(full).mode & 0o777).toBe(0o600);
        expect(first.stdout).toContain(path.join(dir, 'domains', domain, file));
      }
    }
    expect(readFileSync(path.join(dir, 'domains', 'lc.orders', 'client.env'), 'utf8')).toMatch(/^KAFKA_SASL_USERNAME=lc\.orders$/m);
    // Not the default folder: --profile local finds it only by SPECMESH_LOCAL_DIR, so the hint sets it.
    expect(first.stdout).toContain(`Plan against it:  SPECMESH_LOCAL_DIR=${dir} specmesh plan --spec <specs> --profile local`);
    expect(first.stdout).toContain(`Stop it:          specmesh local stop --dir ${dir}   (data kept`);
    const pid = pidOf(dir);
    const port = portOf(first.stdout);

    const status = await specmesh(['local', 'status'], dir, cwd);
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(new RegExp(`Running: Apache Kafka \\S+ at 127\\.0\\.0\\.1:${port}, pid ${pid}, \\d+ MiB resident\\.`));
    expect(status.stdout).toContain('Domains: lc.orders, lc.payments');

    // --profile local plans against it: everything is there already.
    const plan = await specmesh(['plan', '--spec', '.', '--profile', 'local'], dir, cwd);
    expect(plan.code).toBe(0);
    expect(plan.stdout).toMatch(/Plan: 0 to create, 0 to update, 0 to delete, \d+ unchanged\./);

    const again = await specmesh(['local', 'start', '--spec', '.'], dir, cwd);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(`Local cluster already running: Apache Kafka 3.9.1 at 127.0.0.1:${port}`);
    expect(pidOf(dir)).toBe(pid);

    // The JVM dies: status says so, and start brings it back with its data (nothing to provision).
    process.kill(pid, 'SIGKILL');
    while (isAlive(pid)) await new Promise((r) => setTimeout(r, 50));
    const dead = await specmesh(['local', 'status'], dir, cwd);
    expect(dead.code).toBe(3);
    expect(dead.stdout).toContain('Not running: its broker process is gone without a stop (killed or crashed).');
    const recovered = await specmesh(['local', 'start', '--spec', '.'], dir, cwd);
    expect(recovered.code).toBe(0);
    expect(recovered.stdout).toContain('Local cluster started');
    expect(recovered.stdout).toContain('Provisioned 2 domains: 0 changes applied.');
    expect(pidOf(dir)).not.toBe(pid);

    // Stopped, its port taken by another program: the next start picks another, and says where.
    const stop = await specmesh(['local', 'stop'], dir, cwd);
    expect(stop.code).toBe(0);
    expect(stop.stdout).toContain('Stopped the local cluster; data kept in');
    expect(isAlive(pidOf(dir))).toBe(false);
    const stoppedStatus = await specmesh(['local', 'status'], dir, cwd);
    expect(stoppedStatus.code).toBe(3);
    expect(stoppedStatus.stdout).toMatch(/^Stopped\. Apache Kafka/);
    expect(stoppedStatus.stdout).toContain(`\`specmesh local start --dir ${dir}\` starts it again with its data`);
    const planStopped = await specmesh(['plan', '--spec', '.', '--profile', 'local'], dir, cwd);
    expect(planStopped.code).toBe(1);
    expect(planStopped.stderr).toContain(`--profile local: the local cluster in ${dir} is not running (it was stopped)`);
    expect(planStopped.stderr).not.toContain('Cannot reach');
    const squatter: Server = createServer();
    await new Promise<void>((r) => squatter.listen(port, '127.0.0.1', () => r()));
    try {
      const moved = await specmesh(['local', 'start'], dir, cwd);
      expect(moved.code).toBe(0);
      const newPort = portOf(moved.stdout);
      expect(newPort).not.toBe(port);
      expect(readFileSync(path.join(dir, 'domains', 'lc.payments', 'client.properties'), 'utf8')).toContain(`bootstrap.servers=127.0.0.1:${newPort}`);
      const replan = await specmesh(['plan', '--spec', '.', '--profile', 'local'], dir, cwd);
      expect(replan.stdout).toMatch(/Plan: 0 to create/);
    } finally {
      squatter.close();
    }

    const last = pidOf(dir);
    const purge = await specmesh(['local', 'stop', '--purge'], dir, cwd);
    expect(purge.code).toBe(0);
    expect(purge.stdout).toContain('Stopped the local cluster; deleted');
    expect(isAlive(last)).toBe(false);
    expect(existsSync(dir)).toBe(false);
  });

  it('starts nothing when a spec is invalid, naming the file and line', async () => {
    const cwd = writeTempFiles({ 'bad.yaml': spec2('urn:lc.bad', '  _public.x:\n    publish: {}\n    nonsense: [\n') });
    const dir = path.join(writeTempFiles({}), 'local');
    const r = await specmesh(['local', 'start', '--spec', 'bad.yaml'], dir, cwd);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/bad\.yaml:\d+:\d+: error:/);
    expect(r.stderr).not.toMatch(/\bat .+\.js:\d+/);
    expect(existsSync(dir)).toBe(false);
  });

  it('names a missing Java, with what to install, before starting anything', async () => {
    const cwd = writeTempFiles(SPECS);
    const dir = path.join(writeTempFiles({}), 'local');
    const r = await new Promise<Run>((resolve) => {
      execFile(process.execPath, [BIN, 'local', 'start', '--spec', '.'], { cwd, timeout: CLI_TIMEOUT_MS, env: cliEnv({ SPECMESH_LOCAL_DIR: dir, SPECMESH_JAR_CACHE_DIR: JARS, SPECMESH_JAVA: '/nonexistent/java' }) }, (error, stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr }),
      );
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('A local cluster needs Java 17+: no Java found (ran `/nonexistent/java -version`)');
    expect(r.stderr).toContain('fix: Install a Java 17 or newer runtime');
    expect(existsSync(dir)).toBe(false);
  });

  it('stops what it started when interrupted (Ctrl-C) while starting', async () => {
    const cwd = writeTempFiles(SPECS);
    const dir = path.join(writeTempFiles({}), 'local');
    started.push(dir);
    const child = spawn(process.execPath, [BIN, 'local', 'start', '--spec', '.'], { cwd, env: cliEnv({ SPECMESH_LOCAL_DIR: dir, SPECMESH_JAR_CACHE_DIR: JARS }) });
    let stderr = '';
    const exited = new Promise<number | null>((r) => child.on('exit', (code, signal) => r(code ?? (signal ? 130 : null))));
    await new Promise<void>((resolve) => {
      child.stderr.on('data', (d: Buffer) => {
        stderr += d.toString();
        // The broker JVM exists once its pid file does; interrupt while it is still coming up.
        if (stderr.includes('Starting Apache Kafka') && existsSync(path.join(dir, 'kafka', 'broker.pid'))) resolve();
      });
      const poll = setInterval(() => {
        if (existsSync(path.join(dir, 'kafka', 'broker.pid'))) {
          clearInterval(poll);
          resolve();
        }
      }, 20);
    });
    const brokerPid = pidOf(dir);
    child.kill('SIGINT');
    expect(await exited).not.toBe(0);
    for (let i = 0; i < 100 && isAlive(brokerPid); i++) await new Promise((r) => setTimeout(r, 100));
    expect(isAlive(brokerPid)).toBe(false);
  });
});

describe('startLocalCluster (library)', () => {
  it('gives a test suite a governed cluster with a registry: the owner produces, a granted domain reads, a forbidden read is refused', async () => {
    const placed = `  _public.placed:\n    publish:\n      message:\n        payload:\n          $ref: placed.avsc\n`;
    const cwd = writeTempFiles({
      ...SPECS,
      'orders.yaml': spec2('urn:lc.orders', `${placed}  _private.audit:\n    publish: {}\n`),
      'placed.avsc': JSON.stringify({ type: 'record', name: 'Placed', namespace: 'lc.orders', fields: [{ name: 'id', type: 'string' }] }),
    });
    const dir = path.join(writeTempFiles({}), 'local');
    started.push(dir);
    const cluster = await startLocalCluster({ specs: ['.'], cwd, dir, cacheDir: JARS, registry: true });
    try {
      expect(cluster.started).toBe(true);
      // The spec's schema is registered in the cluster's own registry.
      const subjects = (await (await fetch(`${cluster.schemaRegistryUrl}/subjects`)).json()) as string[];
      expect(subjects).toContain('lc.orders._public.placed-value');
      expect(Object.keys(cluster.domains).sort()).toEqual(['lc.orders', 'lc.payments']);
      const orders = cluster.domains['lc.orders']!;
      const payments = cluster.domains['lc.payments']!;
      expect(await produceAs(orders, 'lc.orders._public.placed')).toBe('allowed');
      expect(await produceAs(orders, 'lc.orders._private.audit')).toBe('allowed');
      expect(await readAs(payments, 'lc.orders._public.placed')).toBe('allowed');
      expect(await readAs(payments, 'lc.orders._private.audit')).toBe('TOPIC_AUTHORIZATION_FAILED');
      expect(await produceAs(payments, 'lc.orders._public.placed')).toBe('TOPIC_AUTHORIZATION_FAILED');

      // A domain added later gets its SCRAM user on the running broker, its files and its access.
      writeFileSync(path.join(cwd, 'audit.yaml'), spec2('urn:lc.audit', '  _private.trail:\n    publish: {}\n'));
      const added = await cluster.provision([path.join(cwd, 'audit.yaml')]);
      expect(added.report?.failed).toBe(0);
      const audit = cluster.domains['lc.audit']!;
      expect(statSync(audit.clientProperties).mode & 0o777).toBe(0o600);
      expect(await produceAs(audit, 'lc.audit._private.trail')).toBe('allowed');
      expect(await readAs(payments, 'lc.audit._private.trail')).toBe('TOPIC_AUTHORIZATION_FAILED');
    } finally {
      await cluster.stop({ purge: true });
    }
    expect(isAlive(cluster.pid)).toBe(false);
    expect(await fetch(`${cluster.schemaRegistryUrl}/subjects`).then(() => 'answers', () => 'gone')).toBe('gone');
    expect(existsSync(dir)).toBe(false);
  });
});
