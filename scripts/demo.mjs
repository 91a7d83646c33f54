#!/usr/bin/env node
// `npm run demo`: a governed Kafka on this machine, the example specs (specs/) provisioned into it,
// then each domain's access tried with real kafkajs clients under that domain's own SCRAM user.
// The cluster lives in a temp folder of its own (never the user's `specmesh local` cluster) and is
// stopped and deleted at the end, on an error and on Ctrl-C. Without Java 17+ (or without Maven
// while Kafka's jars are not cached) it says what to install and shows the offline plan instead.
// Exit 1 when a client was allowed what the specs refuse it, or refused what they grant.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist', 'local', 'index.js');
if (!existsSync(dist)) {
  process.stderr.write('The demo runs the built library, and dist/ is missing. Run `npm run build` (npm ci does it too), then `npm run demo`.\n');
  process.exit(1);
}
const { checkRequirements, DEFAULT_KAFKA_VERSION, localClusterStatus, startLocalCluster, stopLocalCluster } = await import(dist);
const { kafkaJarsCached } = await import(path.join(root, 'dist', 'local', 'kafka-jars.js'));
const { Kafka, logLevel } = await import('kafkajs');

const ORDERS = 'acme.retail.orders';
const PAYMENTS = 'acme.retail.payments';
const RETAIL = 'acme.retail';
const topic = (name) => `${ORDERS}.${name}`;

// What specs/ says each domain may do, and why; the result beside it comes from a real client call.
const CHECKS = [
  { as: ORDERS, action: 'produce', topic: topic('_public.order_placed'), expect: 'allowed', why: 'its own topic' },
  { as: ORDERS, action: 'produce', topic: topic('_protected.order_paid'), expect: 'allowed', why: 'its own topic' },
  { as: PAYMENTS, action: 'consume', topic: topic('_protected.order_paid'), expect: 'allowed', why: `granted: grant-access:${PAYMENTS}` },
  { as: RETAIL, action: 'consume', topic: topic('_public.order_placed'), expect: 'allowed', why: '_public: every domain reads it' },
  { as: PAYMENTS, action: 'produce', topic: topic('_public.order_placed'), expect: 'refused', why: 'only the owner writes' },
  { as: PAYMENTS, action: 'consume', topic: topic('_private.order_state'), expect: 'refused', why: '_private: only the owner reads' },
  { as: RETAIL, action: 'consume', topic: topic('_protected.order_paid'), expect: 'refused', why: 'not granted (a parent gets no more)' },
];

const out = (line = '') => process.stdout.write(`${line}\n`);
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
const t0 = performance.now();

// Java 17+ runs the broker; Maven fetches its jars, once.
const missing = checkRequirements({ needMaven: !kafkaJarsCached(DEFAULT_KAFKA_VERSION) }).filter((r) => r.problem);
if (missing.length) {
  out(`The live demo runs Apache Kafka on this machine and needs ${missing.map((r) => r.name).join(' and ')}:`);
  for (const r of missing) out(`  ${r.name}: ${r.problem}.\n    ${r.install}`);
  out('Then run `npm run demo` again. Meanwhile, the offline plan of specs/ (no cluster needed):');
  out();
  const plan = spawnSync(process.execPath, [path.join(root, 'bin', 'run.js'), 'plan', '--spec', 'specs/'], { cwd: root, stdio: 'inherit' });
  process.exit(plan.status ?? 1);
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'specmesh-demo-'));
let starting;
let cleaning;
/** Stops the broker and deletes the temp folder; safe to call more than once. */
const cleanUp = () => {
  cleaning ??= (async () => {
    // A start still under way would write into the folder after it is deleted: it ends first.
    const cluster = await starting?.catch(() => undefined);
    try {
      if (cluster) await cluster.stop({ purge: true });
      else await stopLocalCluster(dir, { purge: true });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  })();
  return cleaning;
};
let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (interrupted) return;
    interrupted = true;
    process.stderr.write(`\n${signal}: stopping the demo's cluster and deleting ${dir}…\n`);
    cleanUp()
      .catch((e) => process.stderr.write(`Could not stop it cleanly: ${e.message}\n`))
      .finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  });
}

/** A kafkajs client as one domain; it keeps the error codes kafkajs logs, where the broker's refusal can hide. */
function clientAs(access) {
  const logged = [];
  const kafka = new Kafka({
    clientId: `specmesh-demo-${access.domain}`,
    brokers: access.kafkajs.brokers,
    sasl: access.kafkajs.sasl,
    retry: { retries: 1, initialRetryTime: 100 },
    logLevel: logLevel.DEBUG,
    logCreator:
      () =>
      ({ log }) => {
        if (log.error) logged.push(String(log.error));
      },
  });
  return { kafka, logged };
}

/** The first Kafka error code in an error, its causes, or the client's log (`TOPIC_AUTHORIZATION_FAILED`). */
function errorCode(error, logged) {
  const texts = [];
  for (let e = error, i = 0; e && i < 6; e = e.cause ?? e.originalError, i++)
    texts.push(`${e.type ?? ''} ${e.message ?? ''}`, ...(e.errors ?? []).map((x) => `${x.type ?? ''} ${x.message ?? ''}`));
  const text = [...texts, ...logged].join(' | ');
  return /\b([A-Z_]+_AUTHORIZATION_FAILED)\b/.exec(text)?.[1] ?? (/not authorized/i.test(text) ? 'not authorized' : undefined);
}

async function produce({ kafka }, name) {
  const producer = kafka.producer({ allowAutoTopicCreation: false, retry: { retries: 1 } });
  await producer.connect();
  try {
    await producer.send({ topic: name, messages: [{ key: 'demo', value: `sent by the demo at ${new Date().toISOString()}` }] });
  } finally {
    await producer.disconnect();
  }
}

/** Joins a group of the domain's own, reads the topic's first message and commits its offset. */
async function consume({ kafka }, name, group, timeoutMs = 20_000) {
  const consumer = kafka.consumer({ groupId: group, retry: { retries: 1 } });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic: name, fromBeginning: true });
    await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no message on ${name} within ${timeoutMs / 1000} s`)), timeoutMs);
      consumer.on(consumer.events.CRASH, (e) => {
        if (e.payload.restart && !errorCode(e.payload.error, [])) return;
        clearTimeout(timer);
        reject(e.payload.error);
      });
      consumer
        .run({
          autoCommit: false,
          eachMessage: async ({ partition, message }) => {
            await consumer.commitOffsets([{ topic: name, partition, offset: (BigInt(message.offset) + 1n).toString() }]);
            clearTimeout(timer);
            resolve();
          },
        })
        .catch((e) => {
          clearTimeout(timer);
          reject(e);
        });
    });
  } finally {
    await consumer.disconnect();
  }
}

/** Runs one check as its domain: `allowed`, `refused (<code>)`, or `failed: <why>` (neither). */
async function runCheck(cluster, check) {
  const access = cluster.domains[check.as];
  if (!access) return { outcome: 'failed', detail: `no credentials for ${check.as}` };
  const client = clientAs(access);
  try {
    if (check.action === 'produce') await produce(client, check.topic);
    else await consume(client, check.topic, `${check.as}.demo-reader`);
    return { outcome: 'allowed' };
  } catch (e) {
    const code = errorCode(e, client.logged);
    return code ? { outcome: 'refused', detail: code } : { outcome: 'failed', detail: e.message };
  }
}

function table(rows) {
  const cells = rows.map(({ check, result }) => [
    check.as,
    `${check.action} ${check.topic}`,
    check.why,
    `${result.outcome}${result.detail ? ` (${result.detail})` : ''}${result.outcome === check.expect ? '' : `  <- expected ${check.expect}`}`,
  ]);
  const head = ['as domain', 'action', 'specs say', 'result'];
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  return [head, ...cells].map((c) => c.map((x, i) => (i === c.length - 1 ? x : x.padEnd(widths[i]))).join('  ')).join('\n');
}

try {
  out('A governed Kafka on this machine: specs/ provisioned, then each domain tries its access with real clients.');
  out();
  let provisionStart = 0;
  starting = startLocalCluster({
    specs: ['specs/'],
    dir,
    cwd: root,
    log: (line) => {
      if (line.startsWith('Provisioning')) provisionStart = performance.now();
      if (!interrupted) out(line);
    },
  });
  const cluster = await starting;
  if (interrupted) await new Promise(() => {}); // the signal handler stops it and exits
  const started = performance.now();
  const startMs = (provisionStart || started) - t0;
  const provisionMs = provisionStart ? started - provisionStart : 0;
  const { plan, report } = cluster.provisioned;
  const s = plan.summary;
  out(`Apache Kafka ${cluster.version} at ${cluster.bootstrap} (SASL_PLAINTEXT, SCRAM-SHA-512): a user per domain, no ACL means deny.`);
  out(`Plan: ${s.create} to create, ${s.update} to update, ${s.delete} to delete, ${s.noop} unchanged. Applied: ${report?.ok ?? 0} ok, ${report?.failed ?? 0} failed.`);
  out();

  // The owner's writes first: the reads that follow then have a message to read.
  const results = new Map();
  for (const check of CHECKS.filter((c) => c.action === 'produce')) results.set(check, await runCheck(cluster, check));
  await Promise.all(CHECKS.filter((c) => c.action === 'consume').map(async (check) => results.set(check, await runCheck(cluster, check))));
  const checked = performance.now();
  const rows = CHECKS.map((check) => ({ check, result: results.get(check) }));
  out(table(rows));
  out();

  const status = localClusterStatus(dir);
  const rss = status.state === 'running' && status.rssKiB ? `${Math.round(status.rssKiB / 1024)} MiB` : 'unknown';
  await cleanUp();
  const wrong = rows.filter((r) => r.result.outcome !== r.check.expect);
  out(
    `Timings: start ${seconds(startMs)}, provision ${seconds(provisionMs)}, access checks ${seconds(checked - started)}, total ${seconds(performance.now() - t0)} (stop included).`,
  );
  out(`Broker memory: ${rss} resident.`);
  out(
    wrong.length
      ? `${wrong.length} of ${rows.length} results differ from what the specs grant.`
      : `All ${rows.length} results are what the specs grant. The cluster is stopped and its temp folder deleted.`,
  );
  out('Your own: specmesh local start --spec <specs>   (see "Local cluster" in the README)');
  process.exitCode = wrong.length ? 1 : 0;
} catch (e) {
  // After Ctrl-C the start fails as its broker is stopped: that is no news.
  if (!interrupted) process.stderr.write(`The demo failed: ${e.message}${e.fix ? `\nFix: ${e.fix}` : ''}\n`);
  process.exitCode = 1;
} finally {
  if (interrupted) await new Promise(() => {}); // the signal handler cleans up and exits
  await cleanUp().catch((e) => process.stderr.write(`Could not stop the demo's cluster cleanly: ${e.message}\n`));
}
// kafkajs may keep a timer or two alive after its clients disconnect.
process.exit(process.exitCode ?? 0);
