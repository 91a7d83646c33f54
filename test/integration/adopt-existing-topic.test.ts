// A topic made by hand before specmesh provisions its domain is taken over, not recreated: the plan
// marks it adopted and updates only the configs that differ from the spec, the records it holds
// stay, and configs the spec does not name are left as they are. Once provisioned, the domain is
// governed and the next plan no longer says adopt.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { Kafka, logLevel, type Admin, type Producer } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { KafkajsAdmin } from '../../src/adapters/kafka/kafkajs-admin.js';
import { kafkajsConfig } from '../servers/kafka-admin-tools.js';
import { writeTempFiles } from '../support/temp-specs.js';
import { adminConnection, runCli } from './support/cli.js';

const kafka = inject('kafka');
const conn = adminConnection(kafka);
const domain = `ad${randomBytes(3).toString('hex')}.orders`;
const topic = `${domain}._public.order_placed`;
const specFile = path.join(writeTempFiles({
  'orders-api.yaml': `asyncapi: '2.6.0'
id: 'urn:${domain}'
info: { title: Orders, version: '1' }
channels:
  _public.order_placed:
    bindings:
      kafka: { partitions: 2, topicConfiguration: { retention.ms: 604800000 } }
    publish: {}
`,
}), 'orders-api.yaml');

type PlanJson = { changes: { kind: string; id: string; action: string; adopt?: true }[]; summary: { update: number; adopt?: number } };

let raw: Admin;
let producer: Producer;
let admin: KafkajsAdmin;

beforeAll(async () => {
  const client = new Kafka({ ...kafkajsConfig(kafka), logLevel: logLevel.NOTHING });
  raw = client.admin();
  producer = client.producer();
  await Promise.all([raw.connect(), producer.connect()]);
  admin = new KafkajsAdmin(kafkajsConfig(kafka, { clientId: 'adopt-reader' }));
});
afterAll(async () => {
  await Promise.all([raw?.disconnect(), producer?.disconnect(), admin?.disconnect()]);
});

describe('adopting a topic made by hand', () => {
  it('marks it adopted and updates only its differing configs, keeping its records and the configs the spec does not name; once provisioned it is no longer adopted', async () => {
    await raw.createTopics({
      waitForLeaders: true,
      topics: [{ topic, numPartitions: 2, replicationFactor: 1, configEntries: [{ name: 'retention.ms', value: '86400000' }, { name: 'max.message.bytes', value: '2097152' }] }],
    });
    await producer.send({ topic, messages: [{ key: 'k', value: 'kept' }] });
    const before = await raw.fetchTopicOffsets(topic);
    const written = before.reduce((n, p) => n + Number(p.high), 0);
    expect(written).toBe(1);

    const plan = await runCli(['plan', '--spec', specFile, ...conn.args], conn.env);
    expect(plan.code, plan.stderr).toBe(0);
    expect(plan.stdout).toContain(`~ topic ${topic}  (adopt; retention.ms 86400000 → 604800000)`);
    expect(plan.stdout).toMatch(/Plan: \d+ to create, 1 to update, 0 to delete, 0 unchanged, 1 adopted\./);
    expect(plan.stdout).not.toContain(`+ topic ${topic}`);
    expect(plan.stdout).not.toContain(`- topic ${topic}`);
    const json = JSON.parse((await runCli(['plan', '--spec', specFile, ...conn.args, '--format', 'json'], conn.env)).stdout) as PlanJson;
    expect(json.changes.filter((c) => c.kind === 'topic')).toEqual([expect.objectContaining({ id: topic, action: 'update', adopt: true })]);
    expect(json.summary).toMatchObject({ update: 1, adopt: 1 });

    const applied = await runCli(['provision', '--spec', specFile, ...conn.args, '--auto-approve'], conn.env);
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stdout).toContain(`ok      update topic ${topic}`);
    expect(applied.stdout).not.toContain(`create topic ${topic}`);

    // Not recreated: the record is still there, from the same offsets.
    const after = await raw.fetchTopicOffsets(topic);
    expect(after.map((p) => [p.partition, p.low, p.high]).sort()).toEqual(before.map((p) => [p.partition, p.low, p.high]).sort());
    const [live] = await admin.describeTopics([topic]);
    expect(live).toMatchObject({ partitions: 2, configs: { 'retention.ms': '604800000', 'max.message.bytes': '2097152' } });
    const again = await runCli(['plan', '--spec', specFile, ...conn.args, '--detailed-exitcode', '--verbose'], conn.env);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).not.toContain('adopt');
    expect(again.stdout).toContain(`topic ${topic}`);
    const governed = JSON.parse((await runCli(['plan', '--spec', specFile, ...conn.args, '--format', 'json'], conn.env)).stdout) as PlanJson;
    expect(governed.changes.find((c) => c.id === topic)).toEqual(expect.not.objectContaining({ adopt: expect.anything() }));
    expect(governed.changes.find((c) => c.id === topic)?.action).toBe('no-op');
    expect(governed.summary.adopt).toBeUndefined();
  });
});
