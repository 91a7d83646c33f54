// `npm run bench provision`: provision 1,000 domains (5,000 one-partition topics and all their ACL
// bindings) into a local broker the benchmark starts itself, then re-plan with nothing to change.
// Measured in the same run, each on a fresh broker so none inherits another's state:
//   (a) the floor: the same topics and bindings created with the fewest batched kafkajs calls;
//   (b) the usual script: Kafka's own TopicCommand / AclCommand, one JVM per call, over a sample
//       of domains, extrapolated per call to the whole estate.
// Env: BENCH_DOMAINS (1000), BENCH_TOOL_SAMPLE (5 domains), BENCH_KAFKA_VERSION (or
// SPECMESH_TEST_KAFKA_VERSION, default 3.9.1), BENCH_PROVISION_TIMEOUT_MS (1,800,000).
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { planSpecs } from '../dist/plan/plan-specs.js';
import { loadKafkaServer, ensureKafkaToolsLibs } from './provision-broker.js';
import { aclCalls, runCliTools } from './provision-cli-tools.js';
import { writeProvisionEstate } from './provision-estate.js';

const here = path.dirname(new URL(import.meta.url).pathname);
const PREFIX = 'bench';

/** Runs one step of bench/provision-run.js in its own process; resolves with its JSON. */
function step(mode, options, adminPassword, timeoutMs = 1_800_000) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    execFile(process.execPath, [path.join(here, 'provision-run.js'), mode, JSON.stringify(options)], {
      env: { ...process.env, SPECMESH_SASL_PASSWORD: adminPassword ?? '' }, maxBuffer: 64 << 20, timeout: timeoutMs, killSignal: 'SIGKILL',
    }, (err, stdout, stderr) => {
      if (err && err.killed) return resolve({ timedOut: true, ms: Math.round(performance.now() - started) });
      if (err) return reject(new Error(`bench step ${mode} failed: ${err.message}\n${stderr.slice(-3000)}`));
      resolve(JSON.parse(stdout.trim().split('\n').pop()));
    });
  });
}

/** `specmesh plan` as users run it (the CLI, warm spec cache), against the broker: wall time and the summary. */
function cliPlan(specDir, cacheDir, broker) {
  return new Promise((resolve, reject) => {
    const t = performance.now();
    execFile(process.execPath, [path.join(here, '..', 'bin', 'run.js'), 'plan', '--spec', specDir, '--cache-dir', cacheDir, '--format', 'json',
      '--detailed-exitcode', '--bootstrap-server', broker.bootstrap, '--security-protocol', 'SASL_PLAINTEXT',
      '--sasl-mechanism', 'SCRAM-SHA-512', '--sasl-username', 'admin'], {
      env: { ...process.env, SPECMESH_SASL_PASSWORD: broker.adminPassword, NO_COLOR: '1' }, maxBuffer: 1 << 30,
    }, (err, stdout, stderr) => {
      const ms = Math.round(performance.now() - t);
      const code = err ? err.code : 0;
      if (code !== 0 && code !== 2) return reject(new Error(`specmesh plan exited ${code}: ${stderr.slice(-2000)}`));
      resolve({ ms, exitCode: code, summary: JSON.parse(stdout).summary });
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const median = (runs) => [...runs].sort((a, b) => a.ms - b.ms)[Math.floor(runs.length / 2)];
const round = (x, digits = 2) => (Number.isFinite(x) ? +x.toFixed(digits) : null);

/** Renames a sample into its own namespace, so it does not meet the floor's topics on the same broker. */
function renamed(sample, to) {
  const swap = (s) => (s.startsWith(`${PREFIX}.`) ? `${to}.${s.slice(PREFIX.length + 1)}` : s.replace(`User:${PREFIX}.`, `User:${to}.`));
  return {
    topics: sample.topics.map((t) => ({ ...t, name: swap(t.name) })),
    acls: sample.acls.map((b) => ({ ...b, resourceName: swap(b.resourceName), principal: swap(b.principal) })),
  };
}

export async function benchProvision({
  domains = 1000,
  toolSample = 5,
  version = process.env.SPECMESH_TEST_KAFKA_VERSION ?? '3.9.1',
  provisionTimeoutMs = 1_800_000,
} = {}) {
  const work = mkdtempSync(path.join(os.tmpdir(), 'specmesh-bench-provision-'));
  const specDir = path.join(work, 'specs');
  const cacheDir = path.join(work, 'spec-cache');
  const estate = writeProvisionEstate(specDir, { prefix: PREFIX, count: domains });
  const { startKafka, ensureKafkaLibs } = await loadKafkaServer();
  const libsDir = await ensureKafkaLibs(version);
  const toolsLibsDir = ensureKafkaToolsLibs(version);
  const brokers = [];
  const freshBroker = async () => {
    const b = await startKafka({ version, libsDir });
    brokers.push(b);
    return b;
  };
  const log = (msg) => process.stderr.write(`[bench provision] ${msg}\n`);
  try {
    // Validating 1,000 specs the first time is its own cost (bench `plan` measures it); the
    // provisions below start from the spec cache this fills, as repeated runs in CI would.
    const load = await step('load', { specDir, cacheDir });
    log(`${domains} specs: ${load.topics} topics, ${load.acls} ACL bindings; cold load+plan ${load.ms} ms`);

    let broker = await freshBroker();
    log(`provision (as is) into Kafka ${version} at ${broker.bootstrap}`);
    const provision = await step('provision', { specDir, cacheDir, bootstrap: broker.bootstrap }, broker.adminPassword, provisionTimeoutMs);
    log(`provision: ${provision.timedOut ? 'timed out' : `${provision.ok} ok, ${provision.failed} failed`} in ${provision.ms} ms`);

    if (provision.timedOut || provision.failed > 0) throw new Error(`provision failed: ${JSON.stringify(provision).slice(0, 2000)}`);
    const provisioned = provision;
    const chunked = undefined;

    // The broker applies what the controller committed in order: it creates every new partition's
    // log before the ACL records that follow take effect, so for a while after provision returns a
    // plan still sees ACLs to create. Wait for that (and report it) before timing no-op re-plans.
    const settleStart = performance.now();
    let settle;
    for (let i = 0; i < 60; i++) {
      settle = await step('plan', { specDir, cacheDir, bootstrap: broker.bootstrap }, broker.adminPassword);
      if (settle.summary?.create === 0 && settle.summary?.update === 0) break;
      await sleep(1000);
    }
    const settledMs = Math.round(performance.now() - settleStart);
    log(`the broker shows everything ${settledMs} ms after provision returned`);
    // Three of each, the median reported: the machine may be shared.
    const replans = [];
    const replanClis = [];
    for (let i = 0; i < 3; i++) {
      replans.push(await step('plan', { specDir, cacheDir, bootstrap: broker.bootstrap }, broker.adminPassword));
      replanClis.push(await cliPlan(specDir, cacheDir, broker));
    }
    const replan = median(replans);
    const replanCli = median(replanClis);
    log(`no-op re-plan: ${replans.map((r) => r.ms).join(', ')} ms (library), ${replanClis.map((r) => r.ms).join(', ')} ms (CLI)`);
    await broker.destroy();

    const floorBroker = await freshBroker();
    const floor = await step('floor', { specDir, cacheDir, bootstrap: floorBroker.bootstrap }, floorBroker.adminPassword);
    log(`floor: ${floor.ms} ms in ${floor.calls.topics}+${floor.calls.acls} calls`);

    const { plan } = await planSpecs([specDir], { emitters: ['acl'], cacheDir });
    const allAcls = plan.changes.filter((c) => c.kind === 'acl').map((c) => c.after);
    const sampleDomains = Array.from({ length: Math.min(toolSample, domains) }, (_, k) => estate.domains[Math.floor(((k + 0.5) * domains) / toolSample)]);
    const inSample = new Set(sampleDomains);
    const sample = renamed({
      topics: plan.changes.filter((c) => c.kind === 'topic' && inSample.has(c.domain)).map((c) => c.after),
      acls: plan.changes.filter((c) => c.kind === 'acl' && inSample.has(c.domain)).map((c) => c.after),
    }, 'clitool');
    log(`Kafka CLI tools over ${sampleDomains.length} domains: ${sample.topics.length} topics, ${aclCalls(sample.acls).length} ACL calls`);
    const tools = await runCliTools({
      libsDir, toolsLibsDir, bootstrap: floorBroker.bootstrap, adminPassword: floorBroker.adminPassword,
      workDir: path.join(work, 'cli-tools'), topics: sample.topics, acls: sample.acls,
    });
    await floorBroker.destroy();
    const perTopicCall = tools.topicMs / tools.topicCalls;
    const perAclCall = tools.aclMs / tools.aclCalls;
    const estateAclCalls = aclCalls(allAcls).length;
    const toolsMs = perTopicCall * load.topics + perAclCall * estateAclCalls;

    const figures = provisioned.timedOut ? undefined : provisioned;
    return {
      name: 'provision',
      kafka: version,
      domains,
      topics: load.topics,
      partitionsPerTopic: 1,
      aclBindings: load.acls,
      specsColdLoadMs: load.ms,
      provision: provision.timedOut
        ? { timedOut: true, ms: provision.ms }
        : { ms: provision.ms, roundTrips: provision.roundTrips, peakRssMb: provision.peakRssMb, phases: provision.phases, ok: provision.ok, failed: provision.failed, failures: provision.failures },
      ...(chunked ? {
        provisionSplit: {
          note: 'the unchanged adapter behind bench/provision-chunked-admin.js: creates split to <= 10,000 controller records per request',
          ms: chunked.ms, roundTrips: chunked.roundTrips, peakRssMb: chunked.peakRssMb, phases: chunked.phases, ok: chunked.ok, failed: chunked.failed,
        },
      } : {}),
      clusterShowsAllAfterMs: settledMs,
      noopReplan: {
        ms: replan.ms, roundTrips: replan.roundTrips, peakRssMb: replan.peakRssMb, summary: replan.summary,
        cliMs: replanCli.ms, cliExitCode: replanCli.exitCode, runs: { libraryMs: replans.map((r) => r.ms), cliMs: replanClis.map((r) => r.ms) },
      },
      floor: {
        ms: floor.ms, topicsMs: floor.topicsMs, aclsMs: floor.aclsMs, calls: floor.calls, roundTrips: floor.roundTrips,
        allLeadersAtMs: floor.allLeadersAtMs, oneCallPerKind: floor.oneCall,
      },
      kafkaCliTools: {
        classes: tools.classes,
        sampleDomains: sampleDomains.length,
        sampleTopicCalls: tools.topicCalls,
        sampleAclCalls: tools.aclCalls,
        sampleMs: Math.round(tools.topicMs + tools.aclMs),
        msPerTopicCall: Math.round(perTopicCall),
        msPerAclCall: Math.round(perAclCall),
        estateCalls: load.topics + estateAclCalls,
        extrapolatedMs: Math.round(toolsMs),
      },
      ratiosFor: chunked ? 'provisionSplit' : 'provision',
      ratios: {
        provisionVsFloor: figures ? round(figures.ms / floor.ms) : null,
        provisionApplyVsFloor: figures ? round(figures.phases.applyMs / floor.ms) : null,
        kafkaCliToolsVsProvision: figures ? round(toolsMs / figures.ms, 1) : null,
      },
      targets: { provisionVsFloor: 1.5, noopReplanMs: 5000 },
      met: {
        provisionSucceeds: !provision.timedOut && provision.failed === 0,
        provisionVsFloor: figures ? figures.ms / floor.ms <= 1.5 : false,
        noopReplanMs: replanCli.ms <= 5000 && replanCli.exitCode === 0 && replan.summary?.create === 0 && replan.summary?.update === 0,
      },
    };
  } finally {
    for (const b of brokers) await b.destroy().catch(() => undefined);
    rmSync(work, { recursive: true, force: true });
  }
}
