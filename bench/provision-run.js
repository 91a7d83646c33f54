// One measured step of the provision benchmark, in its own process so its peak memory is its own:
//   node bench/provision-run.js <load|provision|plan|oneCall|warmup|floor> '<json options>'
// Prints one JSON object. The admin password comes from SPECMESH_SASL_PASSWORD.
import kafkajs from 'kafkajs';
import { fromAclResources, toAclEntry } from '../dist/adapters/kafka/acl-codec.js';
import { aclKey } from '../dist/acl/acl-binding.js';
import { openAdmin } from '../dist/adapters/kafka/open-admin.js';
import { readLiveState } from '../dist/kafka/read-live-state.js';
import { planSpecs } from '../dist/orchestrate/plan-specs.js';
import { provisionSpecs } from '../dist/orchestrate/provision-specs.js';
import { chunkByRecords } from '../dist/adapters/kafka/batching.js';

const { Kafka, logLevel } = kafkajs;
const [mode, json] = process.argv.slice(2);
const opts = JSON.parse(json ?? '{}');
const inputs = { bootstrapServers: opts.bootstrap, securityProtocol: 'SASL_PLAINTEXT', saslMechanism: 'SCRAM-SHA-512', saslUsername: 'admin' };
const since = (t) => Math.round(performance.now() - t);
const trace = [];
/** With `trace`, each admin request's name, start, duration and size, in ms from the step's start. */
const traceRequests = (kafkajsAdmin, t0) => kafkajsAdmin.on(kafkajsAdmin.events.REQUEST, ({ payload: p }) => {
  trace.push({ api: p.apiName, at: Math.round(p.sentAt - performance.timeOrigin - t0), ms: p.duration, bytes: p.size });
});
const peakRssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);

/** The topics and ACL bindings the specs ask for (the plan against an empty cluster). */
async function desired(specDir = opts.specDir) {
  const { plan, diagnostics } = await planSpecs([specDir], { emitters: ['acl'], cacheDir: opts.cacheDir });
  if (!plan) throw new Error(`the estate does not plan: ${diagnostics.filter((d) => d.severity === 'error').map((d) => d.summary).slice(0, 3).join('; ')}`);
  return {
    topics: plan.changes.filter((c) => c.kind === 'topic').map((c) => c.after),
    acls: plan.changes.filter((c) => c.kind === 'acl').map((c) => c.after),
  };
}

const modes = {
  /** Loads and validates every spec (filling the spec cache) and plans against an empty cluster. */
  async load() {
    const t0 = performance.now();
    const { topics, acls } = await desired();
    return { ms: since(t0), topics: topics.length, acls: acls.length, peakRssMb: peakRssMb() };
  },

  /** `specmesh provision` through the library, with the time of each phase. */
  async provision() {
    const t0 = performance.now();
    const marks = {};
    let admin;
    const result = await provisionSpecs([opts.specDir], {
      emitters: ['acl'],
      // Timed like the floor: until the create calls return. The bench measures the settling after.
      waitForVisibility: false,
      cacheDir: opts.cacheDir,
      connect: async () => {
        marks.loaded = performance.now();
        const real = await openAdmin(inputs);
        marks.connected = performance.now();
        if (opts.trace) traceRequests(real.admin, t0);
        admin = real;
        return admin;
      },
      onPlan: () => { marks.planned = performance.now(); },
    });
    marks.end = performance.now();
    const ms = since(t0);
    const roundTrips = admin?.roundTrips() ?? 0;
    await admin?.disconnect();
    const report = result.report;
    const firstFailures = (report?.results ?? []).filter((r) => r.status === 'failed');
    const byError = {};
    for (const r of firstFailures) byError[`${r.kind}: ${r.error}`] = (byError[`${r.kind}: ${r.error}`] ?? 0) + 1;
    return {
      ms,
      roundTrips,
      peakRssMb: peakRssMb(),
      phases: {
        loadSpecsMs: Math.round(marks.loaded - t0),
        connectMs: Math.round(marks.connected - marks.loaded),
        readLiveAndPlanMs: Math.round(marks.planned - marks.connected),
        applyMs: Math.round(marks.end - marks.planned),
      },
      summary: result.plan?.summary,
      ok: report?.ok ?? 0,
      failed: report?.failed ?? 0,
      failures: byError,
      ...(opts.trace ? { trace } : {}),
    };
  },

  /** `specmesh plan` against the cluster through the library. */
  async plan() {
    const t0 = performance.now();
    const marks = {};
    let admin;
    const result = await planSpecs([opts.specDir], {
      emitters: ['acl'],
      cacheDir: opts.cacheDir,
      readLive: async (domains) => {
        marks.loaded = performance.now();
        admin = await openAdmin(inputs);
        if (opts.trace) traceRequests(admin.admin, t0);
        const live = await readLiveState(admin, domains);
        marks.read = performance.now();
        return live;
      },
    });
    const ms = since(t0);
    const roundTrips = admin?.roundTrips() ?? 0;
    await admin?.disconnect();
    return {
      ms, roundTrips, peakRssMb: peakRssMb(), summary: result.plan?.summary,
      phases: { loadSpecsMs: Math.round(marks.loaded - t0), connectAndReadMs: Math.round(marks.read - marks.loaded), planMs: Math.round(t0 + ms - marks.read) },
      ...(opts.trace ? { trace } : {}),
    };
  },

  /**
   * The floor: the same topics and ACL bindings created with as few batched kafkajs calls as the
   * broker takes. First one call per kind, as kafkajs allows; when the controller refuses it
   * (KRaft: at most 10,000 metadata records per operation), the fewest calls within that limit.
   * Topics are created without waitForLeaders (the least work there is); the time until the
   * broker serves every new partition's leader is reported beside it.
   */
  /**
   * Sends each kind in one kafkajs call, as the floor would like to. KRaft refuses an operation of
   * more than 10,000 metadata records (POLICY_VIOLATION). Reports, per kind, whether it was
   * accepted. Run on a broker of its own, thrown away after: Kafka 3.9's controller keeps the
   * bindings of a refused CreateAcls as existing (the first 10,001), so later creates of those
   * succeed without any broker ever serving them.
   */
  async oneCall() {
    const { topics, acls } = await desired();
    const { admin } = await floorAdmin();
    const result = {};
    for (const [kind, items] of Object.entries({ topics, acls })) {
      const t = performance.now();
      try {
        await creators(admin)[kind](items);
        result[kind] = { accepted: true, ms: since(t) };
      } catch (e) {
        const inner = e.errors?.[0] ?? e;
        result[kind] = { accepted: false, ms: since(t), refused: `${inner.type ?? e.name}: ${inner.message ?? e.message}` };
      }
    }
    await admin.disconnect();
    return result;
  },

  /**
   * Warms a fresh broker with real work of the same kinds: another estate (`warmSpecDir`, its own
   * names) created in batches under the limit, then waits until the broker serves all of it, so the
   * measured step that follows neither meets a cold JVM nor competes with the warm-up's settling.
   */
  async warmup() {
    const { topics, acls } = await desired(opts.warmSpecDir);
    const { admin } = await floorAdmin();
    const t = performance.now();
    for (const [kind, items] of Object.entries({ topics, acls })) {
      for (const c of chunkByRecords(items, RECORDS[kind], 10_000)) await creators(admin)[kind](c);
    }
    const served = await awaitServed(admin, topics, acls, 0);
    await admin.disconnect();
    return { ms: since(t), topics: topics.length, acls: acls.length, ...served };
  },

  /**
   * The floor: the same topics and ACL bindings created with as few batched kafkajs calls as the
   * broker takes: one per kind where `oneCallAccepted` says the broker accepts it, else the fewest
   * calls within KRaft's 10,000 records per operation. Topics are created without waitForLeaders
   * (the least work there is). Timed until the calls return, like provision; then it waits until
   * the broker serves every leader and binding (reported, and proof the floor did all the work).
   */
  async floor() {
    const { topics, acls } = await desired();
    const { admin, requests } = await floorAdmin();
    const accepted = opts.oneCallAccepted ?? {};
    const result = { topics: topics.length, acls: acls.length, calls: {} };
    let topicsStart;
    for (const [kind, items] of Object.entries({ topics, acls })) {
      const chunks = accepted[kind] ? [items] : chunkByRecords(items, RECORDS[kind], 10_000);
      const before = requests();
      const t = performance.now();
      topicsStart ??= t;
      for (const c of chunks) await creators(admin)[kind](c);
      result[`${kind}Ms`] = since(t);
      result.calls[kind] = chunks.length;
      result[`${kind}RoundTrips`] = requests() - before;
    }
    result.ms = result.topicsMs + result.aclsMs;
    result.roundTrips = result.topicsRoundTrips + result.aclsRoundTrips;
    Object.assign(result, await awaitServed(admin, topics, acls, topicsStart));
    if (opts.trace) result.trace = trace;
    await admin.disconnect();
    return result;
  },
};

/**
 * Polls until the broker serves a leader for every partition of `topics` and lists every binding
 * of `acls` (at most 5 minutes; throws after). Returns when each happened, in ms since `since0`.
 */
async function awaitServed(admin, topics, acls, since0) {
  const names = topics.map((t) => t.name);
  const wantedAcls = new Set(acls.map(aclKey));
  const out = {};
  const deadline = performance.now() + 300_000;
  while (out.allLeadersAtMs === undefined || out.allAclsAtMs === undefined) {
    if (out.allLeadersAtMs === undefined) {
      try {
        const { topics: meta } = await admin.fetchTopicMetadata({ topics: names });
        if (meta.every((t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0))) out.allLeadersAtMs = since(since0);
      } catch (e) {
        if (e.type !== 'UNKNOWN_TOPIC_OR_PARTITION' && e.type !== 'LEADER_NOT_AVAILABLE') throw e;
      }
    }
    if (out.allAclsAtMs === undefined) {
      const { resources } = await admin.describeAcls({ resourceType: 1, resourcePatternType: 1, operation: 1, permissionType: 1 });
      const live = new Set(fromAclResources(resources).map(aclKey));
      const missing = [...wantedAcls].filter((k) => !live.has(k)).length;
      if (missing === 0) out.allAclsAtMs = since(since0);
      else out.aclsMissing = missing;
    }
    if (performance.now() > deadline) throw new Error(`the broker did not serve everything within 5 minutes: ${JSON.stringify(out)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  delete out.aclsMissing;
  return out;
}

/** KRaft's metadata records per item: a topic is one, plus one per partition and per config. */
const RECORDS = { topics: (t) => 1 + t.partitions + Object.keys(t.configs ?? {}).length, acls: () => 1 };

/** A plain kafkajs admin as the admin user, counting its requests. */
async function floorAdmin() {
  let requests = 0;
  const admin = new Kafka({
    clientId: 'specmesh-bench-floor',
    brokers: [opts.bootstrap],
    sasl: { mechanism: 'scram-sha-512', username: 'admin', password: process.env.SPECMESH_SASL_PASSWORD },
    logLevel: logLevel.NOTHING,
  }).admin();
  admin.on(admin.events.REQUEST, () => { requests++; });
  if (opts.trace) traceRequests(admin, performance.now());
  await admin.connect();
  return { admin, requests: () => requests };
}

/** One kafkajs create call per kind, as a user of kafkajs would write it. */
const creators = (admin) => ({
  topics: (items) => admin.createTopics({
    waitForLeaders: false,
    topics: items.map((t) => ({
      topic: t.name, numPartitions: t.partitions, replicationFactor: t.replicationFactor ?? -1,
      configEntries: Object.entries(t.configs).map(([name, value]) => ({ name, value })),
    })),
  }),
  acls: (items) => admin.createAcls({ acl: items.map(toAclEntry) }),
});

const run = modes[mode];
if (!run) throw new Error(`unknown mode ${mode}; choose from ${Object.keys(modes).join(', ')}`);
process.stdout.write(`${JSON.stringify(await run())}\n`);
