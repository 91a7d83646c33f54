// `npm run bench provision`: provision 1,000 domains (5,000 one-partition topics and all their ACL
// bindings) into a local broker the benchmark starts itself, then re-plan with nothing to change.
// Measured in the same run, each on a fresh broker so none inherits another's state, `trials`
// times each (medians reported), on brokers warmed alike by another estate and on cold ones:
//   (a) the floor: the same topics and bindings created with the fewest batched kafkajs calls;
//   (b) the usual script: Kafka's own TopicCommand / AclCommand, one JVM per call, over a sample
//       of domains, extrapolated per call to the whole estate.
// Env: BENCH_DOMAINS (1000), BENCH_TOOL_SAMPLE (5 domains), BENCH_KAFKA_VERSION (or
// SPECMESH_TEST_KAFKA_VERSION, default 3.9.1), BENCH_PROVISION_TIMEOUT_MS (1,800,000), BENCH_TRIALS (3),
// BENCH_WARMUP_DOMAINS (200).
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { planSpecs } from '../dist/orchestrate/plan-specs.js';
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
      if (err?.killed) return resolve({ timedOut: true, ms: Math.round(performance.now() - started) });
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
  trials = 3,
  warmupDomains = 200,
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

    // The floor's shape: each kind in one kafkajs call, on a broker of its own (thrown away after:
    // see provision-run.js oneCall).
    const probeBroker = await freshBroker();
    const oneCall = await step('oneCall', { specDir, cacheDir, bootstrap: probeBroker.bootstrap }, probeBroker.adminPassword);
    await probeBroker.destroy();
    const oneCallAccepted = { topics: oneCall.topics.accepted, acls: oneCall.acls.accepted };
    log(`one call per kind: ${Object.entries(oneCall).map(([k, r]) => `${k} ${r.accepted ? 'accepted' : `refused (${r.refused})`} in ${r.ms} ms`).join('; ')}`);

    // Every measured step runs on a fresh broker, provision and the floor alike. "warm": the broker
    // has first created another estate (warmupDomains domains, names of its own) and serves all
    // of it; "cold": nothing ran on it before. Each is run `trials` times; medians are reported.
    const warmSpecDir = path.join(work, 'warmup-specs');
    writeProvisionEstate(warmSpecDir, { prefix: 'warmup', count: warmupDomains, parents: 10 });
    await step('load', { specDir: warmSpecDir, cacheDir });
    const conditions = ['warm', 'cold'];
    const runs = Object.fromEntries(conditions.map((c) => [c, { provision: [], floor: [] }]));
    const warmups = [];
    const settledMs = [];
    let replans;
    let replanClis;
    for (let trial = 0; trial < trials; trial++) {
      for (const condition of conditions) {
        for (const mode of ['provision', 'floor']) {
          const broker = await freshBroker();
          const at = { specDir, cacheDir, bootstrap: broker.bootstrap };
          if (condition === 'warm') warmups.push(await step('warmup', { ...at, warmSpecDir }, broker.adminPassword));
          const r = await step(mode, { ...at, oneCallAccepted }, broker.adminPassword, provisionTimeoutMs);
          if (mode === 'provision' && (r.timedOut || r.failed > 0)) throw new Error(`provision failed: ${JSON.stringify(r).slice(0, 2000)}`);
          runs[condition][mode].push(r);
          log(`${condition} ${mode} #${trial + 1}: ${r.ms} ms${mode === 'provision' ? ` (${r.ok} ok, apply ${r.phases.applyMs} ms)` : ` in ${r.calls.topics}+${r.calls.acls} calls; all leaders at ${r.allLeadersAtMs} ms, all ACLs at ${r.allAclsAtMs} ms`}`);
          if (mode === 'provision') {
            // Proof the provision did all its work: the broker applies what the controller
            // committed in order (every new partition's log before the ACL records that follow),
            // so for a while after provision returns a plan still sees bindings to create. Wait
            // until a plan shows nothing to do (and report how long that took).
            const settleStart = performance.now();
            for (;;) {
              const settle = await step('plan', at, broker.adminPassword);
              if (settle.summary?.create === 0 && settle.summary?.update === 0) break;
              if (performance.now() - settleStart > 300_000) throw new Error(`the provisioned estate still plans changes 5 minutes later: ${JSON.stringify(settle.summary)}`);
              await sleep(1000);
            }
            settledMs.push(Math.round(performance.now() - settleStart));
            if (!replans) {
              // Three of each, the median reported: the machine may be shared.
              replans = [];
              replanClis = [];
              for (let i = 0; i < 3; i++) {
                replans.push(await step('plan', at, broker.adminPassword));
                replanClis.push(await cliPlan(specDir, cacheDir, broker));
              }
              log(`no-op re-plan: ${replans.map((x) => x.ms).join(', ')} ms (library), ${replanClis.map((x) => x.ms).join(', ')} ms (CLI)`);
            }
          }
          await broker.destroy();
        }
      }
    }
    const replan = median(replans);
    const replanCli = median(replanClis);
    const figures = Object.fromEntries(conditions.map((c) => {
      const provision = median(runs[c].provision);
      const floor = median(runs[c].floor);
      return [c, {
        provision: {
          ms: provision.ms, roundTrips: provision.roundTrips, peakRssMb: provision.peakRssMb, phases: provision.phases, ok: provision.ok,
          runsMs: runs[c].provision.map((r) => r.ms),
        },
        floor: {
          ms: floor.ms, topicsMs: floor.topicsMs, aclsMs: floor.aclsMs, calls: floor.calls, roundTrips: floor.roundTrips,
          allLeadersAtMs: floor.allLeadersAtMs, runsMs: runs[c].floor.map((r) => r.ms),
        },
        provisionVsFloor: round(provision.ms / floor.ms),
        provisionApplyVsFloor: round(provision.phases.applyMs / floor.ms),
      }];
    }));
    const headline = figures.warm;

    const toolsBroker = await freshBroker();
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
      libsDir, toolsLibsDir, bootstrap: toolsBroker.bootstrap, adminPassword: toolsBroker.adminPassword,
      workDir: path.join(work, 'cli-tools'), topics: sample.topics, acls: sample.acls,
    });
    await toolsBroker.destroy();
    const perTopicCall = tools.topicMs / tools.topicCalls;
    const perAclCall = tools.aclMs / tools.aclCalls;
    const estateAclCalls = aclCalls(allAcls).length;
    const toolsMs = perTopicCall * load.topics + perAclCall * estateAclCalls;

    return {
      name: 'provision',
      kafka: version,
      domains,
      topics: load.topics,
      partitionsPerTopic: 1,
      aclBindings: load.acls,
      specsColdLoadMs: load.ms,
      trials,
      oneCallPerKind: oneCall,
      headline: 'warm',
      warmup: { domains: warmupDomains, topics: warmups[0]?.topics, acls: warmups[0]?.acls, msMedian: median(warmups).ms },
      ...figures,
      plansNothingAfterMs: settledMs,
      noopReplan: {
        ms: replan.ms, roundTrips: replan.roundTrips, peakRssMb: replan.peakRssMb, phases: replan.phases, summary: replan.summary,
        cliMs: replanCli.ms, cliExitCode: replanCli.exitCode, runs: { libraryMs: replans.map((r) => r.ms), cliMs: replanClis.map((r) => r.ms) },
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
      ratios: {
        provisionVsFloor: headline.provisionVsFloor,
        provisionApplyVsFloor: headline.provisionApplyVsFloor,
        coldProvisionVsFloor: figures.cold.provisionVsFloor,
        kafkaCliToolsVsProvision: round(toolsMs / headline.provision.ms, 1),
      },
      targets: { provisionVsFloor: 1.5, noopReplanMs: 5000 },
      met: {
        provisionVsFloor: conditions.every((c) => figures[c].provisionVsFloor <= 1.5),
        noopReplanMs: replanCli.ms <= 5000 && replanCli.exitCode === 0 && replan.summary?.create === 0 && replan.summary?.update === 0,
      },
    };
  } finally {
    for (const b of brokers) await b.destroy().catch(() => undefined);
    rmSync(work, { recursive: true, force: true });
  }
}
