// Faults on the real broker: the provision process killed at random points, the broker stopped
// mid-run, and invalid specs. Each time the cluster must end up exactly where a clean run puts it,
// or be left untouched. Kill points come from a seeded PRNG: SPECMESH_FAULT_SEED=<printed seed>
// replays them (the schedule is relative to the run's phases, so timing still varies a little).
// Every trial is a real kill: one whose provision finishes first is retried with an earlier kill
// point; and at least one kill must land inside the creates, leaving a partial state to repair.
import { randomBytes, randomInt } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it, onTestFinished, vi } from 'vitest';
import { KafkajsAdmin } from '../../src/adapters/kafka/kafkajs-admin.js';
import { kafkajsConfig, type KafkaTestInfo } from '../servers/kafka-admin-tools.js';
import { startKafka, type KafkaServer } from '../servers/kafka-server.js';
import { adminConnection, killRunningClis, runCli, type CliResult } from './support/cli.js';
import { seededRandom, startCli } from './support/cli-process.js';
import {
  countNamespace, desiredNamespaceState, liveNamespaceState, snapshotCluster, type NamespaceState,
} from './support/cluster-state.js';
import { writeFaultEstate } from './support/fault-estate.js';

const kafka = inject('kafka');
const SEED = Number(process.env.SPECMESH_FAULT_SEED ?? randomInt(1, 2 ** 31));
const TRIALS = Number(process.env.SPECMESH_FAULT_TRIALS ?? 5);
const DOMAINS = 30; // × 5 topics: a run long enough to be cut in each of its phases
const tag = `flt${randomBytes(3).toString('hex')}`;

const STACK_FRAME = /^\s+at .+(:\d+:\d+\)?|\(native\))$/m;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// No CLI a test started outlives it (a timed-out test's included).
afterEach(killRunningClis);

/** What exists of a namespace once two reads 2 s apart agree (ACLs show up on the broker with a delay). */
async function settledCount(admin: KafkajsAdmin, prefix: string): Promise<{ topics: number; acls: number }> {
  let last = await countNamespace(admin, prefix);
  for (let i = 0; i < 10; i++) {
    await sleep(2000);
    const now = await countNamespace(admin, prefix);
    if (now.topics === last.topics && now.acls === last.acls) return now;
    last = now;
  }
  return last;
}

/** Runs `use` with a short-lived admin client of the broker (which may have restarted since the last one). */
async function withAdmin<T>(info: KafkaTestInfo, use: (admin: KafkajsAdmin) => Promise<T>): Promise<T> {
  const admin = new KafkajsAdmin(kafkajsConfig(info, { clientId: 'specmesh-faults-check' }));
  try {
    return await use(admin);
  } finally {
    await admin.disconnect();
  }
}

/** `specmesh <command>` against a broker as its admin; `run` SIGKILLs the CLI after `timeoutMs`. */
function cliAgainst(info: KafkaTestInfo, timeoutMs?: number) {
  const conn = adminConnection(info);
  return {
    args: (command: string, dir: string, ...extra: string[]) => [command, '--spec', dir, ...conn.args, ...(command === 'provision' ? ['--auto-approve'] : []), ...extra],
    env: conn.env,
    run: (command: string, dir: string, ...extra: string[]) => runCli([command, '--spec', dir, ...conn.args, ...(command === 'provision' ? ['--auto-approve'] : []), ...extra], conn.env, timeoutMs ? { timeoutMs } : {}),
  };
}

/** The plan the CLI makes against the cluster, with deletes of anything unspecified in the planned domains. */
async function pendingChanges(cli: ReturnType<typeof cliAgainst>, dir: string): Promise<{ result: CliResult; summary: unknown }> {
  const result = await cli.run('plan', dir, '--format', 'json', '--clean-unspecified', '--detailed-exitcode');
  const summary = result.stdout ? (JSON.parse(result.stdout) as { summary: unknown }).summary : undefined;
  return { result, summary };
}

const NOTHING_PENDING = { create: 0, update: 0, delete: 0 };

/** Waits until the namespace reads as `expected`: the broker shows new ACLs a moment after CreateAcls returns. */
const settlesTo = (read: () => Promise<NamespaceState>, expected: NamespaceState): Promise<void> =>
  vi.waitFor(async () => { expect(await read()).toEqual(expected); }, { timeout: 20_000, interval: 250 });

/** Where a trial kills provision: `at` ms after its start, or `offset` ms after it printed its plan (the apply starts then). */
type KillPoint = { afterPlan: false; at: number } | { afterPlan: true; offset: number };

/** Attempts per trial: each one that finishes before its kill point is retried with a kill point half as far. */
const KILL_ATTEMPTS = 5;

// In this order: the last test judges the kills of the trials before it (and only narrows down what
// they missed), so never shuffled.
describe('provision killed at random points (SIGKILL), then re-run', { shuffle: false }, () => {
  const cli = cliAgainst(kafka);
  const rand = seededRandom(SEED);
  // Trial 0 dies before the plan is printed (loading specs, connecting, reading the cluster); the
  // others at seeded points spread over the apply phase, one slot each. The creates (topics, then
  // ACLs) take its first tenth or so, the wait for the brokers to serve them the rest: slots are
  // spaced quadratically, so the early ones fall among the creates and the later ones in the wait.
  const fractions = Array.from({ length: TRIALS }, () => rand());
  let admin: KafkajsAdmin;
  let reference: NamespaceState;
  let planAtMs = 0;
  let applyMs = 0;
  /** How many of the namespace's topics and ACL bindings each kill left, and when after the plan it came (if after). */
  const kills: { left: number; offset?: number }[] = [];
  const completeSize = () => reference.topics.length + reference.acls.length;

  /** One provision of a fresh namespace, left to finish; returns when the cluster shows all of it. */
  async function cleanRun(prefix: string): Promise<{ state: NamespaceState; planAt: number; exitAt: number }> {
    const { dir, domains } = writeFaultEstate(prefix, DOMAINS);
    const run = startCli(cli.args('provision', dir), cli.env);
    // firstOutput rejects with the CLI's stderr if it exits without printing a plan.
    const [planAt, exit] = await Promise.all([run.firstOutput, run.exited]);
    expect(exit.stderr).toBe('');
    expect(exit.code).toBe(0);
    await settlesTo(() => liveNamespaceState(admin, domains, prefix), await desiredNamespaceState(dir, prefix));
    return { state: await liveNamespaceState(admin, domains, prefix), planAt, exitAt: exit.ms };
  }

  /**
   * Provisions a fresh namespace and SIGKILLs the CLI at `point`; if it finished first, tries again
   * (new namespace) with a kill point half as far, so every trial really is a kill. Then re-runs
   * provision, which must converge to the reference state. Returns how much the kill left, and how
   * long after the plan was printed it came (for kills after it).
   */
  async function killThenRerun(label: string, point: KillPoint): Promise<{ left: number; offset?: number }> {
    let p = point;
    for (let attempt = 1; ; attempt++) {
      const prefix = `${tag}${label}a${attempt}`;
      const { dir, domains } = writeFaultEstate(prefix, DOMAINS);
      const run = startCli(cli.args('provision', dir), cli.env);
      onTestFinished(() => run.kill());
      let killAt: number;
      let printedAt: number | undefined;
      if (!p.afterPlan) {
        killAt = p.at;
        await sleep(killAt);
      } else {
        printedAt = await run.firstOutput; // rejects with stderr if provision exits without a plan
        killAt = printedAt + p.offset;
        await sleep(Math.max(0, killAt - (performance.now() - run.startedAt)));
      }
      const offset = printedAt === undefined ? undefined : performance.now() - run.startedAt - printedAt;
      run.kill('SIGKILL');
      const killed = await run.exited;
      if (killed.signal !== 'SIGKILL') {
        expect(killed.code, killed.stderr).toBe(0); // finished before the kill, and cleanly
        console.log(`[faults] ${label}: finished at ${Math.round(killed.ms)} ms, before the kill at ${Math.round(killAt)} ms; again with an earlier kill point`);
        expect(attempt, `${label}: provision finished before each of ${KILL_ATTEMPTS} ever earlier kill points`).toBeLessThan(KILL_ATTEMPTS);
        p = p.afterPlan ? { afterPlan: true, offset: p.offset / 2 } : { afterPlan: false, at: p.at / 2 };
        continue;
      }
      const left = await settledCount(admin, prefix);
      console.log(`[faults] ${label}: killed at ${Math.round(killAt)} ms${offset !== undefined ? ` (${Math.round(offset)} ms after the plan was printed)` : killed.stdout ? ' (after the plan was printed)' : ''}; `
        + `${left.topics}/${reference.topics.length} topics, ${left.acls}/${reference.acls.length} ACL bindings existed`);

      const rerun = await cli.run('provision', dir);
      expect(rerun.stderr).toBe('');
      expect(rerun.code).toBe(0);
      expect(rerun.stdout).toMatch(/Apply: \d+ ok, 0 failed/);
      // Same topics, partitions, configs and ACL set as the clean run: none twice, none missing.
      await settlesTo(() => liveNamespaceState(admin, domains, prefix), reference);
      const { result, summary } = await pendingChanges(cli, dir);
      expect(result.code).toBe(0);
      expect(summary).toMatchObject(NOTHING_PENDING);
      return { left: left.topics + left.acls, ...(offset !== undefined ? { offset } : {}) };
    }
  }

  beforeAll(async () => {
    console.log(`[faults] seed ${SEED} (rerun with SPECMESH_FAULT_SEED=${SEED}); ${TRIALS} trials of ${DOMAINS} domains × 5 topics`);
    admin = new KafkajsAdmin(kafkajsConfig(kafka, { clientId: 'specmesh-faults' }));
    // The reference: a clean provision into a fresh namespace. A second one, with broker and
    // caches warm, must give the same state and times the phases the kills are spread over.
    reference = (await cleanRun(`${tag}ref`)).state;
    const calibration = await cleanRun(`${tag}cal`);
    expect(calibration.state).toEqual(reference);
    planAtMs = calibration.planAt;
    applyMs = Math.max(calibration.exitAt - calibration.planAt, 1);
    console.log(`[faults] clean provision: plan printed at ${Math.round(planAtMs)} ms, exit ${Math.round(applyMs)} ms later; `
      + `${reference.topics.length} topics, ${reference.acls.length} ACL bindings`);
  });

  afterAll(async () => {
    killRunningClis(); // a CLI of a hook that timed out
    await admin?.disconnect();
  });

  it('a clean provision creates exactly the planned topics and ACLs', () => {
    expect(reference.topics).toHaveLength(DOMAINS * 5);
    expect(reference.acls.some((k) => k.includes('|DENY|'))).toBe(true); // nested domains: boundary DENY bindings
  });

  it.each(fractions.map((f, i) => [i, f] as const))('converges to the same state after a kill (trial %i)', async (trial, fraction) => {
    const slots = Math.max(TRIALS - 1, 1);
    const point: KillPoint = trial === 0
      ? { afterPlan: false, at: fraction * planAtMs }
      : { afterPlan: true, offset: ((trial - 1 + fraction) / slots) ** 2 * applyMs };
    kills.push(await killThenRerun(`t${trial}`, point));
  });

  it('at least one kill landed inside the creates (some, not all, of the namespace existed), and the re-run completed it', async () => {
    const partial = (n: number) => n > 0 && n < completeSize();
    // The seeded kills may all miss the creates, which take a few tens of ms after the plan on a
    // warm broker (killed before the first request went out, or after the last): then look for
    // them, right after the plan first, then halving the span between the latest kill after the plan
    // that left nothing and the earliest that left everything.
    const after = kills.filter((k): k is { left: number; offset: number } => k.offset !== undefined);
    const nothing = after.filter((k) => k.left === 0);
    let lo = Math.max(0, ...nothing.map((k) => k.offset));
    let hi = Math.min(applyMs, ...after.filter((k) => k.left >= completeSize()).map((k) => k.offset));
    for (let i = 0; i < 6 && !kills.some((k) => partial(k.left)); i++) {
      const offset = i === 0 && nothing.length === 0 ? 0 : (lo + hi) / 2;
      const kill = await killThenRerun(`p${i}`, { afterPlan: true, offset });
      kills.push(kill);
      const at = kill.offset ?? 0;
      if (kill.left === 0) lo = Math.max(lo, at);
      else if (kill.left >= completeSize()) hi = Math.min(hi, at);
    }
    expect(kills.filter((k) => partial(k.left)), `topics + ACL bindings each kill left, of ${completeSize()}: ${kills.map((k) => k.left).join(', ')}`).not.toEqual([]);
  });
});

describe('broker stopped around a provision', () => {
  let server: KafkaServer;
  let cli: ReturnType<typeof cliAgainst>;

  beforeAll(async () => {
    server = await startKafka({ version: kafka.version, libsDir: kafka.libsDir });
    cli = cliAgainst(server.info(), 60_000); // each run well within the crash test's 90 s
  });

  afterAll(async () => {
    await server?.destroy();
  });

  it('says it cannot reach a broker that is down, exits 1, and a re-run converges once it is back', async () => {
    const prefix = `${tag}down`;
    const { dir, domains } = writeFaultEstate(prefix, 5);
    await server.stop();
    const down = await cli.run('provision', dir);
    expect(down.code).toBe(1);
    expect(down.stderr).toContain(`Cannot reach ${server.bootstrap}`);
    expect(down.stderr).not.toMatch(STACK_FRAME);
    expect(down.stdout).toBe(''); // no plan: nothing was read, nothing applied

    await server.start();
    const again = await cli.run('provision', dir);
    expect(again.stderr).toBe('');
    expect(again.code).toBe(0);
    const desired = await desiredNamespaceState(dir, prefix);
    await withAdmin(server.info(), (admin) => settlesTo(() => liveNamespaceState(admin, domains, prefix), desired));
    const { result, summary } = await pendingChanges(cli, dir);
    expect(result.code).toBe(0);
    expect(summary).toMatchObject(NOTHING_PENDING);
  });

  it('reports a broker crash during the apply clearly, exits 1, and a re-run after the restart converges', async () => {
    const prefix = `${tag}crash`;
    const { dir, domains } = writeFaultEstate(prefix, DOMAINS);
    const run = startCli(cli.args('provision', dir), cli.env, { timeoutMs: 60_000 });
    onTestFinished(() => run.kill());
    await run.firstOutput; // the plan is printed: the apply starts now (rejects with stderr if it exits without one)
    await server.kill();
    const crashed = await run.exited;
    const output = `${crashed.stdout}\n${crashed.stderr}`;
    expect(crashed.code).toBe(1);
    expect(output).toContain(`Cannot reach ${server.bootstrap}`); // as when it is down from the start
    expect(output).not.toMatch(STACK_FRAME);

    await server.start();
    const again = await cli.run('provision', dir);
    expect(again.stderr).toBe('');
    expect(again.code).toBe(0);
    const desired = await desiredNamespaceState(dir, prefix);
    await withAdmin(server.info(), (admin) => settlesTo(() => liveNamespaceState(admin, domains, prefix), desired));
    const { result, summary } = await pendingChanges(cli, dir);
    expect(result.code).toBe(0);
    expect(summary).toMatchObject(NOTHING_PENDING);
  }, 90_000); // the failed run must end well within this, restart and re-run included
});

describe('an invalid spec in an otherwise valid estate', () => {
  const cli = cliAgainst(kafka);
  let admin: KafkajsAdmin;
  beforeAll(() => {
    admin = new KafkajsAdmin(kafkajsConfig(kafka, { clientId: 'specmesh-faults-invalid' }));
  });
  afterAll(async () => {
    await admin?.disconnect();
  });

  const header = (id: string) => `asyncapi: '2.6.0'\nid: 'urn:${id}'\ninfo: { title: t, version: '1.0.0' }\nchannels:\n`;
  const publish = '    publish:\n      message: { payload: { type: object } }\n';
  // [case, file, content (given the estate's prefix), the line the error must point at]
  const cases: [string, string, (p: string) => string, number][] = [
    ['YAML syntax error', 'broken-yaml.yaml', (p) => `${header(`${p}.broken`)}  _public.a:\n    bindings: [unclosed\n${publish}`, 6],
    ['AsyncAPI schema violation', 'no-info.yaml', (p) => `asyncapi: '2.6.0'\nid: 'urn:${p}.noinfo'\nchannels:\n  _public.a:\n${publish}`, 1],
    ['producing to another domain\'s topic', 'foreign.yaml', (p) => `${header(`${p}.foreign`)}  ${p}.unit0._public.event0:\n${publish}`, 5],
    ['zero partitions', 'zero-partitions.yaml', (p) => `${header(`${p}.zero`)}  _public.a:\n    bindings:\n      kafka: { partitions: 0 }\n${publish}`, 7],
    ['topics colliding by . and _', 'collision.yaml', (p) => `${header(`${p}.coll`)}  _public.a_b:\n${publish}  _public.a.b:\n${publish}`, 8],
  ];

  it.each(cases)('%s: exits 1 with file:line and leaves every topic and ACL as it was', async (_name, file, content, line) => {
    const prefix = `${tag}inv${randomBytes(2).toString('hex')}`;
    const { dir } = writeFaultEstate(prefix, 5, { [file]: content(prefix) });
    const before = await snapshotCluster(admin);
    const res = await cli.run('provision', dir);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(new RegExp(`${file.replace('.', '\\.')}:${line}:\\d+: error: `));
    expect(res.stderr).not.toMatch(STACK_FRAME);
    expect(res.stdout).toBe('');
    expect(await snapshotCluster(admin)).toBe(before);
  });
});
