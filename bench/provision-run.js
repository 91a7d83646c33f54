// One measured step of the provision benchmark, in its own process so its peak memory is its own:
//   node bench/provision-run.js <load|provision|plan|floor> '<json options>'
// Prints one JSON object. The admin password comes from SPECMESH_SASL_PASSWORD.
import kafkajs from 'kafkajs';
import { toAclEntry } from '../dist/kafka/acl-codec.js';
import { openAdmin } from '../dist/kafka/open-admin.js';
import { readLiveState } from '../dist/kafka/read-live-state.js';
import { planSpecs } from '../dist/plan/plan-specs.js';
import { provisionSpecs } from '../dist/plan/provision-specs.js';
import { chunkByRecords } from '../dist/kafka/kafkajs-admin.js';

const { Kafka, logLevel } = kafkajs;
const [mode, json] = process.argv.slice(2);
const opts = JSON.parse(json ?? '{}');
const inputs = { bootstrapServers: opts.bootstrap, securityProtocol: 'SASL_PLAINTEXT', saslMechanism: 'SCRAM-SHA-512', saslUsername: 'admin' };
const since = (t) => Math.round(performance.now() - t);
const peakRssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);

/** The topics and ACL bindings the specs ask for (the plan against an empty cluster). */
async function desired() {
  const { plan, diagnostics } = await planSpecs([opts.specDir], { emitters: ['acl'], cacheDir: opts.cacheDir });
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
    };
  },

  /** `specmesh plan` against the cluster through the library. */
  async plan() {
    const t0 = performance.now();
    let admin;
    const result = await planSpecs([opts.specDir], {
      emitters: ['acl'],
      cacheDir: opts.cacheDir,
      readLive: async (domains) => {
        admin = await openAdmin(inputs);
        return readLiveState(admin, domains);
      },
    });
    const ms = since(t0);
    const roundTrips = admin?.roundTrips() ?? 0;
    await admin?.disconnect();
    return { ms, roundTrips, peakRssMb: peakRssMb(), summary: result.plan?.summary };
  },

  /**
   * The floor: the same topics and ACL bindings created with as few batched kafkajs calls as the
   * broker takes. First one call per kind, as kafkajs allows; when the controller refuses it
   * (KRaft: at most 10,000 metadata records per operation), the fewest calls within that limit.
   * Topics are created without waitForLeaders (the least work there is); the time until the
   * broker serves every new partition's leader is reported beside it.
   */
  async floor() {
    const { topics, acls } = await desired();
    let requests = 0;
    const admin = new Kafka({
      clientId: 'specmesh-bench-floor',
      brokers: [opts.bootstrap],
      sasl: { mechanism: 'scram-sha-512', username: 'admin', password: process.env.SPECMESH_SASL_PASSWORD },
      logLevel: logLevel.NOTHING,
    }).admin();
    admin.on(admin.events.REQUEST, () => { requests++; });
    await admin.connect();
    const toTopic = (t) => ({
      topic: t.name, numPartitions: t.partitions, replicationFactor: t.replicationFactor ?? -1,
      configEntries: Object.entries(t.configs).map(([name, value]) => ({ name, value })),
    });
    const createTopics = (items) => admin.createTopics({ topics: items.map(toTopic), waitForLeaders: false });
    const createAcls = (items) => admin.createAcls({ acl: items.map(toAclEntry) });
    const refusal = (e) => {
      const inner = e.errors?.[0] ?? e;
      return `${inner.type ?? e.name}: ${inner.message ?? e.message}`;
    };
    let topicsStart = performance.now();
    // The floor uses the broker's true limit (10,000 records per operation).
    const chunkBy = (items, weight) => chunkByRecords(items, weight, 10_000);
    const topicRecords = (t) => 1 + t.partitions + Object.keys(t.configs ?? {}).length;
    const kinds = {
      topics: { items: topics, call: createTopics, weight: topicRecords },
      acls: { items: acls, call: createAcls, weight: () => 1 },
    };
    const oneCall = {};
    const result = { topics: topics.length, acls: acls.length, calls: {}, oneCall };
    for (const [kind, { items, call, weight }] of Object.entries(kinds)) {
      const t = performance.now();
      if (kind === 'topics') topicsStart = t;
      const before = requests;
      try {
        await call(items);
        oneCall[kind] = { ok: true, ms: since(t) };
        result[`${kind}Ms`] = oneCall[kind].ms;
        result.calls[kind] = 1;
        result[`${kind}RoundTrips`] = requests - before;
      } catch (e) {
        oneCall[kind] = { ok: false, ms: since(t), refused: refusal(e) };
        // The refused call changed nothing (the controller refuses the operation whole).
        const chunks = chunkBy(items, weight);
        const tc = performance.now();
        if (kind === 'topics') topicsStart = tc;
        const beforeChunks = requests;
        for (const c of chunks) await call(c);
        result[`${kind}Ms`] = since(tc);
        result.calls[kind] = chunks.length;
        result[`${kind}RoundTrips`] = requests - beforeChunks;
      }
    }
    result.ms = result.topicsMs + result.aclsMs;
    result.roundTrips = result.topicsRoundTrips + result.aclsRoundTrips;
    // From the topic creates that succeeded until the broker serves a leader for every new partition
    // (what kafkajs's waitForLeaders waits for); the ACL creates run meanwhile.
    const names = topics.map((t) => t.name);
    for (result.leaderPolls = 0; ; result.leaderPolls++) {
      try {
        const { topics: meta } = await admin.fetchTopicMetadata({ topics: names });
        if (meta.every((t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0))) break;
      } catch (e) {
        if (e.type !== 'UNKNOWN_TOPIC_OR_PARTITION' && e.type !== 'LEADER_NOT_AVAILABLE') throw e;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    result.allLeadersAtMs = since(topicsStart);
    await admin.disconnect();
    return result;
  },
};

const run = modes[mode];
if (!run) throw new Error(`unknown mode ${mode}; choose from ${Object.keys(modes).join(', ')}`);
process.stdout.write(`${JSON.stringify(await run())}\n`);
