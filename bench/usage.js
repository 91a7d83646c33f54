// `npm run bench usage`: on the 1,000-domain estate of `bench provision` (5,000 topics), provisioned
// into a local broker the benchmark starts itself, with 100 messages written to each of 200 topics
// and 3 consumer groups with committed offsets, measures `specmesh export` (every domain, into a
// temp dir), `specmesh storage` and `specmesh consumption`: through the library (with its Kafka round
// trips) and as whole CLI processes, each against the floor measured in the same run: the raw
// batched kafkajs calls the report needs and nothing else (no spec loading, no report building).
// Each `trials` times, interleaved; medians reported. No schema registry is configured, so export
// reads none. Env: BENCH_DOMAINS (1000), BENCH_TRIALS (3), BENCH_KAFKA_VERSION (or
// SPECMESH_TEST_KAFKA_VERSION, default 3.9.1).
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadKafkaServer } from './provision-broker.js';
import { writeProvisionEstate } from './provision-estate.js';

const here = path.dirname(new URL(import.meta.url).pathname);
const PREFIX = 'bench';

function run(args, adminPassword) {
  return new Promise((resolve, reject) => {
    const t = performance.now();
    execFile(process.execPath, args, { env: { ...process.env, SPECMESH_SASL_PASSWORD: adminPassword, NO_COLOR: '1' }, maxBuffer: 1 << 30, timeout: 600_000 },
      (err, stdout, stderr) => {
        if (err) return reject(new Error(`${args.slice(1, 3).join(' ')} failed (${err.code ?? err.signal}): ${stderr.slice(-2000)}`));
        resolve({ ms: Math.round(performance.now() - t), stdout });
      });
  });
}

const step = async (mode, options, pw) => JSON.parse((await run([path.join(here, 'usage-run.js'), mode, JSON.stringify(options)], pw)).stdout.trim().split('\n').pop());

/** A whole `specmesh …` process against the broker: wall time and its stdout. */
const cli = (args, broker) => run([path.join(here, '..', 'bin', 'run.js'), ...args, '--bootstrap-server', broker.bootstrap, '--security-protocol', 'SASL_PLAINTEXT',
  '--sasl-mechanism', 'SCRAM-SHA-512', '--sasl-username', 'admin'], broker.adminPassword);

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const round = (x, digits = 2) => (Number.isFinite(x) ? +x.toFixed(digits) : null);

export async function benchUsage({ domains = 1000, trials = 3, version = process.env.SPECMESH_TEST_KAFKA_VERSION ?? '3.9.1', sampleTopics = 200, messages = 100, groups = 3 } = {}) {
  const work = mkdtempSync(path.join(os.tmpdir(), 'specmesh-bench-usage-'));
  const specDir = path.join(work, 'specs');
  const cacheDir = path.join(work, 'spec-cache');
  const { domains: ids } = writeProvisionEstate(specDir, { prefix: PREFIX, count: domains });
  const topics = ids.flatMap((d) => ['_public.event0', '_public.event1', '_protected.shared', '_private.state', '_private.audit'].map((c) => `${d}.${c}`));
  const { startKafka, ensureKafkaLibs } = await loadKafkaServer();
  const libsDir = await ensureKafkaLibs(version);
  const log = (msg) => process.stderr.write(`[bench usage] ${msg}\n`);
  let broker;
  try {
    // The broker's run dir is inside `work`, so nothing of it outlives the benchmark.
    broker = await startKafka({ version, libsDir, dataDir: path.join(work, 'broker') });
    const at = { specDir, cacheDir, bootstrap: broker.bootstrap };
    const setup = await step('setup', { ...at, sampleTopics, messages, groups }, broker.adminPassword);
    log(`estate: ${setup.provisioned} changes provisioned, ${setup.messages} messages on ${setup.sampleTopics} topics, groups ${setup.groups.map((g) => `${g.groupId} (${g.topics} topics)`).join(', ')}; ${setup.ms} ms`);

    const reports = {
      export: { library: (k) => step('export', { ...at, out: path.join(work, `export-lib-${k}`) }, broker.adminPassword), cli: (k) => ['export', '--out', path.join(work, `export-cli-${k}`)] },
      storage: { library: () => step('storage', at, broker.adminPassword), cli: () => ['storage', '--spec', specDir, '--cache-dir', cacheDir, '--format', 'json'] },
      consumption: { library: () => step('consumption', at, broker.adminPassword), cli: () => ['consumption', '--spec', specDir, '--cache-dir', cacheDir, '--format', 'json'] },
    };
    // The first storage fills the spec cache (as a user's first run does); the measured runs read it.
    await step('storage', at, broker.adminPassword);
    const runs = Object.fromEntries(Object.keys(reports).map((r) => [r, { library: [], cli: [], floor: [] }]));
    for (let trial = 0; trial < trials; trial++) {
      for (const [name, how] of Object.entries(reports)) {
        const floor = await step(`floor-${name}`, at, broker.adminPassword);
        const lib = await how.library(trial);
        const c = await cli(how.cli(trial), broker);
        runs[name].floor.push(floor);
        runs[name].library.push(lib);
        runs[name].cli.push({ ms: c.ms, bytes: c.stdout.length });
        log(`${name} #${trial + 1}: library ${lib.ms} ms (${lib.roundTrips} round trips), CLI ${c.ms} ms, floor ${floor.ms} ms (${floor.roundTrips} round trips)`);
      }
    }
    const figures = Object.fromEntries(Object.entries(runs).map(([name, r]) => {
      const lib = median(r.library.map((x) => x.ms));
      const cliMs = median(r.cli.map((x) => x.ms));
      const floor = median(r.floor.map((x) => x.ms));
      const { ms: _ms, roundTrips, ...shape } = r.library[0];
      return [name, {
        libraryMs: lib, cliMs, floorMs: floor,
        libraryVsFloor: round(lib / floor), cliVsFloor: round(cliMs / floor),
        roundTrips: median(r.library.map((x) => x.roundTrips)), floorRoundTrips: median(r.floor.map((x) => x.roundTrips)),
        result: shape,
        runs: { libraryMs: r.library.map((x) => x.ms), cliMs: r.cli.map((x) => x.ms), floorMs: r.floor.map((x) => x.ms) },
      }];
    }));
    return {
      name: 'usage',
      kafka: version,
      domains,
      topics: topics.length,
      messages: setup.messages,
      sampleTopics: setup.sampleTopics,
      groups: setup.groups,
      trials,
      ...figures,
      targets: { cliMs: 5000, libraryVsFloor: 2 },
      met: Object.fromEntries(Object.entries(figures).map(([name, f]) => [name, { cliMs: f.cliMs <= 5000, libraryVsFloor: f.libraryVsFloor <= 2 }])),
    };
  } finally {
    await broker?.destroy().catch(() => undefined);
    rmSync(work, { recursive: true, force: true });
  }
}
