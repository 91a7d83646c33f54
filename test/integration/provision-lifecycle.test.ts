// Changes over time against the real broker: partitions grow, configs change without losing those
// set outside the spec, decreases are refused, --clean-unspecified deletes only inside the planned
// domains, --dry-run changes nothing, and connection problems fail fast with a clear message.
// Each test works on a domain of its own, so none depends on what another one left behind.
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigResourceTypes, Kafka, logLevel, type Admin } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { AclBinding } from '../../src/acl/acl-binding.js';
import { KafkajsAdmin } from '../../src/adapters/kafka/kafkajs-admin.js';
import { readLiveState } from '../../src/orchestrate/read-live-state.js';
import { toAclEntry } from '../../src/adapters/kafka/acl-codec.js';
import { kafkajsConfig } from '../servers/kafka-admin-tools.js';
import { writeTempFiles } from '../support/temp-specs.js';
import { adminConnection, runCli } from './support/cli.js';

const kafka = inject('kafka');
const conn = adminConnection(kafka);

const ordersSpec = (orders: string, binding: string, extraChannels = '') => `asyncapi: '2.6.0'
id: 'urn:${orders}'
info: { title: Orders, version: '1' }
channels:
  _public.order_placed:
    bindings:
      kafka: ${binding}
    publish:
      message: { payload: { type: object } }
${extraChannels}`;

let raw: Admin;
let admin: KafkajsAdmin;

/**
 * A domain of one test's own (`<tag>.retail.orders` with one topic), so no test depends on what
 * another left behind: its spec file, CLI runs against it, and what the cluster holds of it.
 */
function ordersDomain(binding: string) {
  const tag = `lc${randomBytes(3).toString('hex')}`;
  const orders = `${tag}.retail.orders`;
  const topic = `${orders}._public.order_placed`;
  const specFile = path.join(writeTempFiles({ 'orders-api.yaml': ordersSpec(orders, binding) }), 'orders-api.yaml');
  const live = () => readLiveState(admin, [orders, `${tag}.retail`, `${tag}.retail.ordersx`]);
  return {
    tag, orders, topic, specFile, live,
    writeSpec: (b: string, extra = '') => writeFileSync(specFile, ordersSpec(orders, b, extra)),
    topicState: async (name = topic) => (await live()).topics?.find((t) => t.name === name),
    provision: (...extra: string[]) => runCli(['provision', '--spec', specFile, ...conn.args, '--auto-approve', ...extra], conn.env),
    plan: (...extra: string[]) => runCli(['plan', '--spec', specFile, ...conn.args, ...extra], conn.env),
  };
}

/** {@link ordersDomain}, provisioned with `binding` already. */
async function provisionedOrders(binding: string): Promise<ReturnType<typeof ordersDomain>> {
  const d = ordersDomain(binding);
  const r = await d.provision();
  expect(r.code, r.stderr).toBe(0);
  return d;
}

const GROWN = '{ partitions: 3, configs: { retention.ms: 172800000, cleanup.policy: delete } }';

beforeAll(async () => {
  raw = new Kafka({ ...kafkajsConfig(kafka), logLevel: logLevel.NOTHING }).admin();
  await raw.connect();
  admin = new KafkajsAdmin(kafkajsConfig(kafka, { clientId: 'lifecycle-reader' }));
});
afterAll(async () => {
  await raw?.disconnect();
  await admin?.disconnect();
});

describe('provisioning changes over time', () => {
  it('creates the topic, then plans no changes', async () => {
    const { provision, plan, topicState } = ordersDomain('{ partitions: 1, configs: { retention.ms: 86400000 } }');
    const first = await provision();
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/Apply: \d+ ok, 0 failed/);
    expect(await topicState()).toMatchObject({ partitions: 1, configs: { 'retention.ms': '86400000' } });
    const again = await plan('--detailed-exitcode');
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('No changes.');
  });

  it('grows partitions and changes configs, keeping configs set outside the spec', async () => {
    const { topic, writeSpec, provision, plan, topicState } = await provisionedOrders('{ partitions: 1, configs: { retention.ms: 86400000 } }');
    // Someone sets a config by hand (AlterConfigs replaces the whole set, so send both).
    await raw.alterConfigs({ validateOnly: false, resources: [{ type: ConfigResourceTypes.TOPIC, name: topic,
      configEntries: [{ name: 'retention.ms', value: '86400000' }, { name: 'max.message.bytes', value: '2000000' }] }] });
    writeSpec(GROWN);
    const planned = await plan('--format', 'json');
    const change = JSON.parse(planned.stdout).changes.find((c: { id: string }) => c.id === topic);
    expect(change).toMatchObject({ action: 'update', reason: 'partitions 1 → 3; retention.ms 86400000 → 172800000; set cleanup.policy=delete' });
    const applied = await provision();
    expect(applied.code, applied.stderr).toBe(0);
    expect(await topicState()).toMatchObject({
      partitions: 3,
      configs: { 'retention.ms': '172800000', 'cleanup.policy': 'delete', 'max.message.bytes': '2000000' },
    });
    expect((await plan('--detailed-exitcode')).code).toBe(0);
  });

  it('refuses to decrease partitions and changes nothing', async () => {
    const { topic, writeSpec, provision, topicState } = await provisionedOrders(GROWN);
    writeSpec('{ partitions: 2, configs: { retention.ms: 1000, cleanup.policy: delete } }');
    const r = await provision();
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`Topic "${topic}" has 3 partitions; the spec asks for 2, and Kafka cannot remove partitions`);
    expect(await topicState()).toMatchObject({ partitions: 3, configs: { 'retention.ms': '172800000' } });
  });

  it('reports a replication-factor change instead of skipping it silently', async () => {
    const { topic, writeSpec, plan } = await provisionedOrders(GROWN);
    writeSpec('{ partitions: 3, replicas: 2, configs: { retention.ms: 172800000, cleanup.policy: delete } }');
    const r = await plan();
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Topic "${topic}" has replication factor 1; the spec asks for 2`);
  });

  it('changes nothing with --dry-run', async () => {
    const { writeSpec, provision, topicState } = await provisionedOrders(GROWN);
    writeSpec('{ partitions: 4, configs: { retention.ms: 172800000, cleanup.policy: delete } }');
    const r = await provision('--dry-run');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Dry run: nothing was changed.');
    expect((await topicState())?.partitions).toBe(3);
  });

  it('deletes with --clean-unspecified only inside the planned domain, and lists each delete', async () => {
    const { tag, orders, topic, provision, plan, live } = await provisionedOrders(GROWN);
    const extra = `${orders}._public.retired`;
    const neighbour = `${tag}.retail.ordersx._public.n`;
    const parent = `${tag}.retail._public.p`;
    await raw.createTopics({ topics: [extra, neighbour, parent].map((t) => ({ topic: t, numPartitions: 1 })), waitForLeaders: true });
    const loose: AclBinding = { resourceType: 'TOPIC', resourceName: orders, patternType: 'PREFIXED', principal: `User:${orders}`, host: '*', operation: 'ALL', permission: 'ALLOW' };
    const neighbourAcl: AclBinding = { ...loose, resourceName: `${tag}.retail.ordersx.`, principal: `User:${tag}.retail.ordersx` };
    await raw.createAcls({ acl: [toAclEntry(loose), toAclEntry(neighbourAcl)] });

    const kept = await plan();
    expect(kept.stdout).toContain(extra);
    expect(kept.stdout).toContain('Run with --clean-unspecified to delete them.');

    const r = await provision('--clean-unspecified');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`- topic ${extra}`);
    expect(r.stdout).toContain(`- acl ALLOW User:${orders} ALL on TOPIC PREFIXED "${orders}"`);
    const after = await live();
    const names = after.topics?.map((t) => t.name) ?? [];
    expect(names).not.toContain(extra);
    expect(names).toEqual(expect.arrayContaining([topic, neighbour, parent]));
    expect(after.acls).not.toContainEqual(loose);
    expect(after.acls).toContainEqual(neighbourAcl);
  });
});

describe('connection problems fail fast with a clear message', () => {
  const { specFile } = ordersDomain('{ partitions: 1 }');

  it('names an authentication failure, without the password', async () => {
    const r = await runCli(['plan', '--spec', specFile, ...conn.args], { SPECMESH_SASL_PASSWORD: 'wrong-password-123' });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/authentication failed/i);
    expect(r.stderr).not.toContain('wrong-password-123');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('says when no broker listens', async () => {
    const r = await runCli(['plan', '--spec', specFile, '--bootstrap-server', '127.0.0.1:1', '--security-protocol', 'PLAINTEXT']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/cannot reach|could not connect|unreachable/i);
  });

  it('says when the listener does not accept the mechanism', async () => {
    const r = await runCli(['plan', '--spec', specFile, ...conn.args.map((a) => (a === 'SCRAM-SHA-512' ? 'SCRAM-SHA-256' : a))], conn.env);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/mechanism|authentication failed/i);
  });

  it('says when a plaintext client meets a SASL listener', async () => {
    const r = await runCli(['plan', '--spec', specFile, '--bootstrap-server', kafka.bootstrap, '--security-protocol', 'PLAINTEXT']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/the listener may expect TLS or SASL/);
  });
});
