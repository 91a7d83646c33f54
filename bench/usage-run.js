// One measured step of the usage benchmark, in its own process (a fresh kafkajs client, as a run of
// the CLI has):   node bench/usage-run.js <setup|export|storage|consumption|floor-…> '<json options>'
// Prints one JSON object. The admin password comes from SPECMESH_SASL_PASSWORD.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import kafkajs from 'kafkajs';
import { describeLogDirsRequest } from '../dist/adapters/kafka/describe-log-dirs.js';
import { openAdmin } from '../dist/adapters/kafka/open-admin.js';
import { exportDomains } from '../dist/orchestrate/export-domains.js';
import { provisionSpecs } from '../dist/orchestrate/provision-specs.js';
import { Session } from '../dist/orchestrate/session.js';
import { consumptionOfSpecs, storageOfSpecs } from '../dist/orchestrate/usage-specs.js';

const { Kafka, logLevel, ConfigResourceTypes } = kafkajs;
const [mode, json] = process.argv.slice(2);
const opts = JSON.parse(json ?? '{}');
const inputs = { bootstrapServers: opts.bootstrap, securityProtocol: 'SASL_PLAINTEXT', saslMechanism: 'SCRAM-SHA-512', saslUsername: 'admin' };
const since = (t) => Math.round(performance.now() - t);

function kafka(clientId) {
  return new Kafka({
    clientId, brokers: [opts.bootstrap], logLevel: logLevel.NOTHING,
    sasl: { mechanism: 'scram-sha-512', username: 'admin', password: process.env.SPECMESH_SASL_PASSWORD },
  });
}

/** A plain kafkajs admin counting its requests the way the product's adapter counts its own. */
async function floorAdmin(client) {
  let requests = 0;
  const admin = client.admin();
  admin.on(admin.events.REQUEST, () => { requests++; });
  await admin.connect();
  return { admin, requests: () => requests };
}

/** kafkajs's own cluster object (what its consumers use): ListOffsets by leader, DescribeLogDirs per broker. */
async function lowCluster(client) {
  const create = Object.getOwnPropertySymbols(client).find((s) => s.description === 'private:Kafka:createCluster');
  const cluster = client[create]({ allowAutoTopicCreation: false });
  await cluster.connect();
  return cluster;
}

/** The product through the library, on an admin it opens itself (so its round trips can be read). */
async function library(read) {
  const t0 = performance.now();
  const admin = await openAdmin(inputs);
  const session = new Session({ ports: { kafkaAdmin: async () => admin } });
  const result = await read(session);
  const ms = since(t0);
  const roundTrips = admin.roundTrips();
  await admin.disconnect();
  return { ms, roundTrips, ...result };
}

/**
 * Offsets of every partition of `names`: one Metadata, then earliest and latest ListOffsets per
 * leader, sent straight to the brokers (kafkajs's fetchTopicsOffset spends seconds merging answers).
 */
async function offsetsOf(cluster, names) {
  await cluster.addMultipleTargetTopics(names);
  const byLeader = new Map();
  for (const t of cluster.brokerPool.metadata.topicMetadata) {
    for (const p of t.partitionMetadata) {
      const topics = byLeader.get(p.leader) ?? byLeader.set(p.leader, new Map()).get(p.leader);
      topics.set(t.topic, [...(topics.get(t.topic) ?? []), p.partitionId]);
    }
  }
  const ask = (timestamp) => Promise.all([...byLeader].map(async ([nodeId, topics]) => (await cluster.findBroker({ nodeId })).listOffsets({
    isolationLevel: 1, topics: [...topics].map(([topic, ps]) => ({ topic, partitions: ps.map((partition) => ({ partition, timestamp })) })),
  })));
  const [earliest, latest] = await Promise.all([ask(-2), ask(-1)]);
  return { earliest, latest: latest.flatMap((r) => r.responses.flatMap((t) => t.partitions)), requests: 1 + 2 * byLeader.size };
}

const modes = {
  /**
   * The estate the reports read: provisioned from the specs, then 100 messages written to each of
   * `sampleTopics` topics, and `groups` consumer groups with offsets committed halfway on a share of them.
   */
  async setup() {
    const t0 = performance.now();
    const admin = await openAdmin(inputs);
    const result = await provisionSpecs([opts.specDir], { emitters: ['acl'], cacheDir: opts.cacheDir, connect: async () => admin });
    await admin.disconnect();
    if (!result.report || result.report.failed > 0) throw new Error(`setup provision failed: ${JSON.stringify(result.report?.results?.filter((r) => r.status === 'failed').slice(0, 3))}`);
    const lister = await floorAdmin(kafka('specmesh-bench-usage-setup'));
    const topics = (await lister.admin.listTopics()).filter((t) => !t.startsWith('__')).sort();
    await lister.admin.disconnect();
    const sample = Array.from({ length: opts.sampleTopics }, (_, k) => topics[Math.floor((k * topics.length) / opts.sampleTopics)]);
    const client = kafka('specmesh-bench-usage-setup');
    const producer = client.producer({ allowAutoTopicCreation: false });
    await producer.connect();
    await producer.sendBatch({ topicMessages: sample.map((topic) => ({ topic, messages: Array.from({ length: opts.messages }, (_, i) => ({ key: String(i), value: JSON.stringify({ i, topic }) })) })) });
    await producer.disconnect();
    // Offsets committed as a group without members commits them (generation -1): one OffsetCommit
    // per group, where kafkajs's admin.setOffsets joins the group once per topic.
    const cluster = await lowCluster(client);
    const committed = [];
    for (let g = 0; g < opts.groups; g++) {
      const groupId = `bench-usage-group-${g}`;
      const mine = sample.filter((_, k) => k % opts.groups === g || k % 7 === 0);
      const coordinator = await cluster.findGroupCoordinator({ groupId });
      await coordinator.offsetCommit({ groupId, groupGenerationId: -1, memberId: '', topics: mine.map((topic) => ({ topic, partitions: [{ partition: 0, offset: String(opts.messages / 2) }] })) });
      committed.push({ groupId, topics: mine.length });
    }
    await cluster.disconnect();
    return { ms: since(t0), provisioned: result.report.ok, messages: sample.length * opts.messages, sampleTopics: sample.length, groups: committed };
  },

  /** `exportDomains` of every domain (no registry configured), its files written under `out`. */
  async export() {
    return library(async (session) => {
      const r = await exportDomains({ session });
      let files = 0;
      for (const d of r.domains) {
        for (const f of d.files) {
          const target = path.join(opts.out, f.path);
          mkdirSync(path.dirname(target), { recursive: true });
          writeFileSync(target, f.content);
          files++;
        }
      }
      return { domains: r.domains.length, files, unowned: r.unowned.length };
    });
  },

  async storage() {
    return library(async (session) => {
      const r = await storageOfSpecs([opts.specDir], { session, cacheDir: opts.cacheDir });
      return { topics: r.topics.length, total: r.total };
    });
  },

  async consumption() {
    return library(async (session) => {
      const r = await consumptionOfSpecs([opts.specDir], { session, cacheDir: opts.cacheDir });
      const withGroup = r.rows.filter((x) => x.groupId !== undefined);
      return { rows: r.rows.length, groupRows: withGroup.length, lag: withGroup.reduce((n, x) => n + x.lag, 0) };
    });
  },

  /** The raw calls export needs: ListTopics, Metadata and DescribeConfigs of every topic, DescribeAcls. */
  async 'floor-export'() {
    const t0 = performance.now();
    const { admin, requests } = await floorAdmin(kafka('specmesh-bench-usage-floor'));
    const names = await admin.listTopics();
    const [meta, configs, acls] = await Promise.all([
      admin.fetchTopicMetadata({ topics: names }),
      admin.describeConfigs({ includeSynonyms: false, resources: names.map((name) => ({ type: ConfigResourceTypes.TOPIC, name })) }),
      admin.describeAcls({ resourceType: 1, resourcePatternType: 1, operation: 1, permissionType: 1 }),
    ]);
    const ms = since(t0);
    await admin.disconnect();
    return { ms, roundTrips: requests(), topics: meta.topics.length, configs: configs.resources.length, aclResources: acls.resources.length };
  },

  /** The raw calls storage needs: ListTopics, offsets (Metadata + 2 ListOffsets) and DescribeLogDirs per broker. */
  async 'floor-storage'() {
    const t0 = performance.now();
    const client = kafka('specmesh-bench-usage-floor');
    const { admin, requests } = await floorAdmin(client);
    const names = await admin.listTopics();
    const cluster = await lowCluster(client);
    const request = names.map((topic) => ({ topic, partitions: [0] }));
    const [offsets, dirs] = await Promise.all([
      offsetsOf(cluster, names),
      Promise.all(Object.keys(cluster.brokerPool.brokers).map(async (nodeId) => (await cluster.findBroker({ nodeId })).connectionPool.send(describeLogDirsRequest(request)))),
    ]);
    const ms = since(t0);
    const roundTrips = requests() + offsets.requests + dirs.length;
    await cluster.disconnect();
    await admin.disconnect();
    return { ms, roundTrips, partitions: offsets.latest.length, logDirs: dirs.flat().length };
  },

  /** The raw calls consumption needs: ListTopics, offsets, ListGroups, DescribeGroups and OffsetFetch per group. */
  async 'floor-consumption'() {
    const t0 = performance.now();
    const client = kafka('specmesh-bench-usage-floor');
    const { admin, requests } = await floorAdmin(client);
    const names = await admin.listTopics();
    const cluster = await lowCluster(client);
    const [offsets, committed] = await Promise.all([
      offsetsOf(cluster, names),
      (async () => {
        const { groups } = await admin.listGroups();
        const ids = groups.map((g) => g.groupId);
        await admin.describeGroups(ids);
        // One OffsetFetch per group for every topic (admin.fetchOffsets would look each topic up alone).
        await cluster.addMultipleTargetTopics(names);
        const topics = names.map((topic) => ({ topic, partitions: cluster.findTopicPartitionMetadata(topic).map((p) => ({ partition: p.partitionId })) }));
        return Promise.all(ids.map(async (groupId) => (await cluster.findGroupCoordinator({ groupId })).offsetFetch({ groupId, topics })));
      })(),
    ]);
    const ms = since(t0);
    const roundTrips = requests() + offsets.requests + 2 * committed.length;
    await cluster.disconnect();
    await admin.disconnect();
    return { ms, roundTrips, partitions: offsets.latest.length, groups: committed.length };
  },
};

const run = modes[mode];
if (!run) throw new Error(`unknown mode ${mode}; choose from ${Object.keys(modes).join(', ')}`);
process.stdout.write(`${JSON.stringify(await run())}\n`);
