// `npm run bench local`: how long `specmesh local start --spec specs/` takes to a provisioned,
// governed cluster, and `npm run demo` end to end, with Kafka's jars cached; and the broker's
// resident memory. The floor, measured in the same run, is the bare broker: `startKafkaBroker`
// alone (format the storage, start the JVM, wait for "Kafka Server started"), nothing else.
// Each trial runs the floor and `local start` (in turn, each going first every other trial), then
// the demo; the figures are medians over the trials. Targets (issue #12): start within 15 s, the
// demo within 30 s. The jars come from .cache/ like the tests' (the CLI's user cache is a temp
// folder linking to them), and every cluster runs in a temp folder deleted afterwards.
// Env: BENCH_LOCAL_TRIALS (3).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const dist = (file) => import(pathToFileURL(path.join(root, 'dist', 'local', file)).href);

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

function run(args, env) {
  const start = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: root, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const ms = performance.now() - start;
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited ${r.status ?? r.signal}:\n${r.stdout.slice(-2000)}\n${r.stderr.slice(-2000)}`);
  return { ms, stdout: r.stdout };
}

export async function benchLocal({ trials = 3 } = {}) {
  const { startKafkaBroker } = await dist('kafka-broker.js');
  const { DEFAULT_KAFKA_VERSION, ensureKafkaJars } = await dist('kafka-jars.js');
  const { rssKiBOf } = await dist('processes.js');
  const { localClusterStatus } = await dist('local-cluster.js');
  const version = DEFAULT_KAFKA_VERSION;
  const libsDir = await ensureKafkaJars(version, path.join(root, '.cache'));

  const scratch = mkdtempSync(path.join(os.tmpdir(), 'specmesh-bench-local-'));
  mkdirSync(path.join(scratch, 'cache', 'specmesh'), { recursive: true });
  symlinkSync(path.dirname(libsDir), path.join(scratch, 'cache', 'specmesh', `kafka-${version}`));
  const env = { ...process.env, NO_COLOR: '1', TMPDIR: scratch, XDG_CACHE_HOME: path.join(scratch, 'cache'), XDG_STATE_HOME: path.join(scratch, 'state') };
  const bin = path.join(root, 'bin', 'run.js');

  async function bare(i) {
    const dataDir = path.join(scratch, `bare-${i}`);
    const start = performance.now();
    const broker = await startKafkaBroker({ version, libsDir, dataDir });
    const ms = performance.now() - start;
    // The same moment as for `local start`: right after it is ready.
    const rssKiB = rssKiBOf(broker.pid);
    await broker.stop();
    rmSync(dataDir, { recursive: true, force: true });
    return { ms, rssKiB };
  }

  function localStart(i) {
    const dir = path.join(scratch, `local-${i}`);
    try {
      const { ms, stdout } = run([bin, 'local', 'start', '--spec', 'specs/', '--dir', dir], env);
      if (!/Provisioned 3 domains: \d+ changes applied\./.test(stdout)) throw new Error(`local start did not provision specs/:\n${stdout}`);
      const status = localClusterStatus(dir);
      if (status.state !== 'running') throw new Error(`local start left no running cluster in ${dir}`);
      return { ms, rssKiB: status.rssKiB };
    } finally {
      run([bin, 'local', 'stop', '--purge', '--dir', dir], env);
    }
  }

  function demo() {
    const { ms, stdout } = run([path.join(root, 'scripts', 'demo.mjs')], env);
    if (!stdout.includes('results are what the specs grant')) throw new Error(`the demo did not prove access:\n${stdout}`);
    const mib = Number(/Broker memory: (\d+) MiB/.exec(stdout)?.[1]);
    return { ms, rssMiB: mib };
  }

  const figures = { bare: [], local: [], demo: [] };
  try {
    for (let i = 0; i < trials; i++) {
      if (i % 2 === 0) {
        figures.bare.push(await bare(i));
        figures.local.push(localStart(i));
      } else {
        figures.local.push(localStart(i));
        figures.bare.push(await bare(i));
      }
      figures.demo.push(demo());
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  const ms = (xs) => Math.round(median(xs.map((x) => x.ms)));
  const mib = (xs) => Math.round(median(xs.map((x) => x.rssKiB ?? Number.NaN)) / 1024);
  const startRatio = +median(figures.local.map((x, i) => x.ms / figures.bare[i].ms)).toFixed(2);
  return {
    name: 'local',
    trials,
    kafkaVersion: version,
    bareBrokerStartMs: ms(figures.bare),
    localStartMs: ms(figures.local),
    localStartVsBare: startRatio,
    localStartTargetMs: 15_000,
    demoMs: ms(figures.demo),
    demoVsBare: +median(figures.demo.map((x, i) => x.ms / figures.bare[i].ms)).toFixed(2),
    demoTargetMs: 30_000,
    bareBrokerRssMiB: mib(figures.bare),
    localBrokerRssMiB: mib(figures.local),
    localRssVsBare: +(median(figures.local.map((x) => x.rssKiB)) / median(figures.bare.map((x) => x.rssKiB))).toFixed(2),
    demoBrokerRssMiB: median(figures.demo.map((x) => x.rssMiB)),
    loadAverage: os.loadavg().map((x) => +x.toFixed(1)),
    runs: Object.fromEntries(
      Object.entries(figures).map(([k, xs]) => [k, xs.map((x) => ({ ms: Math.round(x.ms), rssMiB: x.rssMiB ?? Math.round((x.rssKiB ?? Number.NaN) / 1024) }))]),
    ),
  };
}
