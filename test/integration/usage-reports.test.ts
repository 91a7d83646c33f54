// `specmesh storage` and `specmesh consumption` against the real broker: a provisioned domain with
// messages produced and partly consumed by a group that commits, read back through the CLI.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { AclOperationTypes, AclPermissionTypes, AclResourceTypes, Kafka, logLevel, ResourcePatternTypes, type Consumer } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { addScramUsers, deleteScramUsers, kafkajsConfig } from '../servers/kafka-admin-tools.js';
import { writeTempFiles } from '../support/temp-specs.js';
import { adminConnection, runCli } from './support/cli.js';

const kafka = inject('kafka');
const conn = adminConnection(kafka);
const tag = `us${randomBytes(3).toString('hex')}`;
const orders = `${tag}.retail.orders`;
const placed = `${orders}._public.order_placed`;
const cancelled = `${orders}._public.order_cancelled`;
const N = 50;
const CONSUMED = 20;
const group = `${tag}.payments.listener`;
const otherGroup = `other-${tag}.listener`;
const spec = `asyncapi: '2.6.0'
id: 'urn:${orders}'
info: { title: Orders, version: '1' }
channels:
  _public.order_placed:
    bindings: { kafka: { partitions: 3 } }
    publish: { message: { payload: { type: object } } }
  _public.order_cancelled:
    bindings: { kafka: { partitions: 1 } }
    publish: { message: { payload: { type: object } } }
`;
const specFile = path.join(writeTempFiles({ 'orders-api.yaml': spec }), 'orders-api.yaml');
const client = new Kafka({ ...kafkajsConfig(kafka, { clientId: 'usage-it' }), logLevel: logLevel.NOTHING });
let consumer: Consumer | undefined;
const reader = { name: `${tag}-reader`, password: randomBytes(12).toString('hex') };
// May describe the cluster and the groups, and of the two topics (public: everyone may describe them) only one.
const narrow = { name: `${tag}-narrow`, password: randomBytes(12).toString('hex') };
const narrowAcls = ([
  [AclResourceTypes.CLUSTER, 'kafka-cluster', ResourcePatternTypes.LITERAL, AclPermissionTypes.ALLOW],
  [AclResourceTypes.GROUP, tag, ResourcePatternTypes.PREFIXED, AclPermissionTypes.ALLOW],
  [AclResourceTypes.TOPIC, cancelled, ResourcePatternTypes.LITERAL, AclPermissionTypes.DENY],
] as const).map(([resourceType, resourceName, resourcePatternType, permissionType]) => ({
  resourceType, resourceName, resourcePatternType, principal: `User:${narrow.name}`, host: '*', operation: AclOperationTypes.DESCRIBE, permissionType,
}));
const asNarrow = (command: string, ...extra: string[]) => runCli([command, '--spec', specFile, '--bootstrap-server', kafka.bootstrap, '--security-protocol', 'SASL_PLAINTEXT',
  '--sasl-mechanism', 'SCRAM-SHA-512', '--sasl-username', narrow.name, ...extra], { SPECMESH_SASL_PASSWORD: narrow.password });

const report = (command: string, ...extra: string[]) => runCli([command, '--spec', specFile, ...conn.args, ...extra], conn.env);

beforeAll(async () => {
  const provisioned = await runCli(['provision', '--spec', specFile, ...conn.args, '--auto-approve'], conn.env);
  expect(provisioned.code, provisioned.stderr).toBe(0);
  const producer = client.producer();
  await producer.connect();
  await producer.send({ topic: placed, messages: Array.from({ length: N }, (_, i) => ({ key: `k${i}`, value: JSON.stringify({ order: i }) })) });
  await producer.disconnect();
  // A member that commits each of the first CONSUMED messages, then stays in the group uncommitted.
  consumer = client.consumer({ groupId: group });
  await consumer.connect();
  await consumer.subscribe({ topic: placed, fromBeginning: true });
  let committed = 0;
  await new Promise<void>((resolve) => {
    void consumer!.run({ autoCommit: false, eachMessage: async ({ topic, partition, message }) => {
      if (committed < CONSUMED) {
        committed++;
        await consumer!.commitOffsets([{ topic, partition, offset: String(Number(message.offset) + 1) }]);
      }
      if (committed >= CONSUMED) resolve();
    } });
  });
}, 120_000);

afterAll(async () => {
  await consumer?.disconnect();
  const admin = client.admin();
  await admin.connect();
  await admin.deleteGroups([group, otherGroup]).catch(() => undefined);
  await admin.deleteTopics({ topics: [placed, cancelled] }).catch(() => undefined);
  await admin.deleteAcls({ filters: [{ resourceType: AclResourceTypes.TOPIC, resourceName: tag, resourcePatternType: ResourcePatternTypes.PREFIXED,
    principal: `User:${reader.name}`, host: '*', operation: AclOperationTypes.ANY, permissionType: AclPermissionTypes.ANY },
  ...narrowAcls.map((acl) => ({ ...acl, operation: AclOperationTypes.ANY, permissionType: AclPermissionTypes.ANY }))] }).catch(() => undefined);
  await admin.disconnect();
  await deleteScramUsers(kafka, [{ name: reader.name }, { name: narrow.name }]).catch(() => undefined);
});

describe('specmesh storage', () => {
  it('counts the messages and bytes on disk of each owned topic, with the domain and grand totals', async () => {
    const r = await report('storage', '--format', 'json');
    expect(r.code, r.stderr).toBe(0);
    const json = JSON.parse(r.stdout);
    const byTopic = new Map(json.topics.map((t: { topic: string }) => [t.topic, t]));
    expect(byTopic.get(placed)).toMatchObject({ domain: orders, partitions: 3, messages: N });
    expect((byTopic.get(placed) as { bytes: number }).bytes).toBeGreaterThan(0);
    // One broker, replication factor 1: the leaders are all the replicas.
    expect((byTopic.get(placed) as { replicaBytes: number }).replicaBytes).toBe((byTopic.get(placed) as { bytes: number }).bytes);
    expect(byTopic.get(cancelled)).toMatchObject({ domain: orders, partitions: 1, messages: 0, bytes: 0 });
    const placedBytes = (byTopic.get(placed) as { bytes: number }).bytes;
    expect(json.domains).toEqual([{ domain: orders, topics: 2, messages: N, bytes: placedBytes, replicaBytes: placedBytes }]);
    expect(json.total).toEqual({ topics: 2, messages: N, bytes: placedBytes, replicaBytes: placedBytes });
  });

  it('prints a table with a total per domain and a grand total, and csv with a fixed header', async () => {
    const text = await report('storage');
    expect(text.code, text.stderr).toBe(0);
    const lines = text.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^DOMAIN\s+TOPIC\s+PARTITIONS\s+MESSAGES\s+BYTES \(LEADERS\)\s+BYTES \(ALL REPLICAS\)$/);
    expect(lines[1]).toMatch(new RegExp(`^${orders}\\s+${cancelled}\\s+1\\s+0\\s+0 B\\s+0 B$`));
    expect(lines[2]).toMatch(new RegExp(`^${orders}\\s+${placed}\\s+3\\s+${N}\\s+\\d`));
    expect(lines[3]).toMatch(new RegExp(`^${orders}\\s+\\(total, 2 topics\\)\\s+${N}\\s`));
    expect(lines[4]).toMatch(new RegExp(`^TOTAL\\s+2 topics\\s+${N}\\s`));
    const csv = await report('storage', '--format', 'csv');
    const rows = csv.stdout.trimEnd().split('\n');
    expect(rows[0]).toBe('domain,topic,partitions,messages,bytes,replica_bytes');
    expect(rows[2]).toMatch(new RegExp(`^${orders},${placed},3,${N},\\d+,\\d+$`));
  });

  it('tells a principal without DESCRIBE on the cluster which ACL to grant', async () => {
    await addScramUsers(kafka, [reader]);
    const admin = client.admin();
    await admin.connect();
    await admin.createAcls({ acl: [{ resourceType: AclResourceTypes.TOPIC, resourceName: tag, resourcePatternType: ResourcePatternTypes.PREFIXED,
      principal: `User:${reader.name}`, host: '*', operation: AclOperationTypes.DESCRIBE, permissionType: AclPermissionTypes.ALLOW }] });
    await admin.disconnect();
    const r = await runCli(['storage', '--spec', specFile, '--bootstrap-server', kafka.bootstrap, '--security-protocol', 'SASL_PLAINTEXT',
      '--sasl-mechanism', 'SCRAM-SHA-512', '--sasl-username', reader.name], { SPECMESH_SASL_PASSWORD: reader.password });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`User:${reader.name} is not authorized to describeLogDirs`);
    expect(r.stderr).toContain(`fix: grant User:${reader.name} DESCRIBE on the cluster`);
    expect(r.stderr).not.toMatch(/unexpected|\n\s+at /);
  });
});

describe('specmesh consumption', () => {
  it('shows the group consuming a topic, its members and its lag', async () => {
    const r = await report('consumption', '--format', 'json');
    expect(r.code, r.stderr).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.rows).toEqual([
      { domain: orders, topic: cancelled },
      { domain: orders, topic: placed, groupId: group, state: 'Stable', members: 1, lag: N - CONSUMED, committedPartitions: expect.any(Number) },
    ]);
  });

  it('prints a table and csv with fixed headers', async () => {
    const text = await report('consumption');
    expect(text.code, text.stderr).toBe(0);
    const lines = text.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^DOMAIN\s+TOPIC\s+GROUP\s+STATE\s+MEMBERS\s+LAG\s+COMMITTED PARTITIONS$/);
    expect(lines[1]).toMatch(new RegExp(`^${orders}\\s+${cancelled}\\s+\\(no consumer group\\)$`));
    expect(lines[2]).toMatch(new RegExp(`^${orders}\\s+${placed}\\s+${group}\\s+Stable\\s+1\\s+${N - CONSUMED}\\s+\\d$`));
    const csv = await report('consumption', '--format', 'csv');
    expect(csv.stdout.split('\n')[0]).toBe('domain,topic,group,state,members,lag,committed_partitions');
    expect(csv.stdout).toContain(`${orders},${placed},${group},Stable,1,${N - CONSUMED},`);
  });
});

describe('a principal that may describe only some of the specs\' topics', () => {
  beforeAll(async () => {
    await addScramUsers(kafka, [narrow]);
    const admin = client.admin();
    await admin.connect();
    await admin.createAcls({ acl: narrowAcls });
    // A group this principal may not describe, on the same topic: with DESCRIBE on the cluster it is
    // listed, but its coordinator, members and offsets are refused.
    await admin.setOffsets({ groupId: otherGroup, topic: placed, partitions: [{ partition: 0, offset: '1' }] });
    await admin.disconnect();
  }, 60_000);

  it('storage reports the topic it sees and names the one it does not, in text, json and (on stderr) csv', async () => {
    const text = await asNarrow('storage');
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(new RegExp(`^${orders}\\s+${placed}\\s+3\\s+${N}\\s`, 'm'));
    expect(text.stdout).toContain(`Not in this report: 1 topic of the specs that the cluster did not list to this principal (not created yet, or no DESCRIBE on it):\n  ${cancelled}\n`);
    const json = await asNarrow('storage', '--format', 'json');
    expect(JSON.parse(json.stdout)).toMatchObject({ total: { topics: 1 }, notVisible: [cancelled] });
    const csv = await asNarrow('storage', '--format', 'csv');
    expect(csv.code, csv.stderr).toBe(0);
    expect(csv.stdout).not.toContain(cancelled);
    expect(csv.stderr).toContain(`Not in this report: 1 topic`);
    expect(csv.stderr).toContain(cancelled);
  });

  it('consumption does the same', async () => {
    const text = await asNarrow('consumption');
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(new RegExp(`^${orders}\\s+${placed}\\s+${group}\\s`, 'm'));
    expect(text.stdout).toContain(`no DESCRIBE on it):\n  ${cancelled}\n`);
    // The group it may not describe is named, not fatal: the report still shows the one it may.
    // (Other suites' groups on the shared broker may be listed beside it: the text names ten at most, json all.)
    expect(text.stdout).toMatch(/\nNot in this report: \d+ consumer groups? that this principal may not describe \(no DESCRIBE on (it|them)\)/);
    const json = await asNarrow('consumption', '--format', 'json');
    expect(JSON.parse(json.stdout)).toMatchObject({ notVisible: [cancelled] });
    expect(JSON.parse(json.stdout).groupsNotDescribed).toContain(otherGroup);
    expect(JSON.parse(json.stdout).rows.map((r: { topic: string }) => r.topic)).toEqual([placed]);
  });
});
