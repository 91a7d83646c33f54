// A cluster provisioned by SpecMesh's Java CLI grants groups and transactional ids on the prefix
// `<d>` (no trailing dot). Migrating with --clean-unspecified replaces those bindings with bounded
// ones: a consumer whose group.id is `<d>-x` loses access, and the plan must say so beforehand;
// one whose group.id is exactly `<d>` keeps working. Shown with real consumers on the real broker.
import { randomBytes } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { AclBinding } from '../../src/acl/acl-binding.js';
import { KafkajsAdmin } from '../../src/adapters/kafka/kafkajs-admin.js';
import { planSpecs } from '../../src/orchestrate/plan-specs.js';
import { provisionSpecs } from '../../src/orchestrate/provision-specs.js';
import { readLiveState } from '../../src/orchestrate/read-live-state.js';
import { addScramUsers, kafkajsConfig } from '../servers/kafka-admin-tools.js';
import { writeTempFiles } from '../support/temp-specs.js';
import { PrincipalClient, type Outcome } from './support/access-probes.js';

const kafka = inject('kafka');
const d = `it${randomBytes(3).toString('hex')}.shop`;
const topic = `${d}._public.orders`;
const password = randomBytes(16).toString('hex');
const principal = `User:${d}`;
const dir = writeTempFiles({
  'shop-api.yaml': `asyncapi: '2.6.0'\nid: 'urn:${d}'\ninfo: { title: shop, version: '1' }\nchannels:\n  _public.orders:\n    bindings:\n      kafka: { partitions: 1 }\n    publish:\n      message: { payload: { type: object } }\n`,
});
const as = () => new PrincipalClient(kafkajsConfig(kafka, { clientId: `probe-${d}`, username: d, password }));

/** The bindings SpecMesh's Java CLI creates for an owner: every prefix is `<d>`, without the dot. */
const specmeshBindings: AclBinding[] = [
  ...(['DESCRIBE', 'READ', 'WRITE'] as const).map((operation) => ({ resourceType: 'TOPIC', resourceName: d, patternType: 'PREFIXED', operation } as const)),
  { resourceType: 'GROUP', resourceName: d, patternType: 'PREFIXED', operation: 'READ' } as const,
  ...(['DESCRIBE', 'WRITE'] as const).map((operation) => ({ resourceType: 'TRANSACTIONAL_ID', resourceName: d, patternType: 'PREFIXED', operation } as const)),
  { resourceType: 'CLUSTER', resourceName: 'kafka-cluster', patternType: 'PREFIXED', operation: 'IDEMPOTENT_WRITE' } as const,
].map((b) => ({ ...b, principal, host: '*', permission: 'ALLOW' as const }));

let admin: KafkajsAdmin;

async function seed(): Promise<void> {
  const producer = new Kafka({ ...kafkajsConfig(kafka), logLevel: logLevel.NOTHING }).producer();
  await producer.connect();
  await producer.send({ topic, messages: [{ value: `seed ${Date.now()}` }] });
  await producer.disconnect();
}

/** Retries while the broker has not yet applied a new binding. */
async function eventually(probe: () => Promise<Outcome>, want: Outcome): Promise<Outcome> {
  let last: Outcome = await probe();
  for (let i = 0; i < 10 && last !== want; i++) {
    await new Promise((r) => setTimeout(r, 500));
    last = await probe();
  }
  return last;
}

beforeAll(async () => {
  await addScramUsers(kafka, [{ name: d, password }]);
  admin = new KafkajsAdmin(kafkajsConfig(kafka, { clientId: 'specmesh-migration-it' }));
  // The cluster as SpecMesh left it: the topic, its bindings, a message to read.
  const raw = new Kafka({ ...kafkajsConfig(kafka), logLevel: logLevel.NOTHING });
  const rawAdmin = raw.admin();
  await rawAdmin.connect();
  await rawAdmin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
  await rawAdmin.disconnect();
  expect(await admin.createAcls(specmeshBindings)).toEqual(new Map());
  await seed();
  // Create __consumer_offsets before the probes, so group joins meet a ready coordinator.
  // On a fresh broker that topic takes a few seconds to get a leader.
  for (let i = 0; ; i++) {
    try {
      await new PrincipalClient(kafkajsConfig(kafka, { clientId: 'warm-up' })).consume(topic, 'warm-up');
      break;
    } catch (e) {
      if (i >= 30) throw e;
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
});

afterAll(async () => {
  await admin?.disconnect();
});

describe('migrating from SpecMesh\'s bindings without breaking clients', () => {
  it('before: SpecMesh\'s prefix lets group ids `<d>-x` and `<d>` read', async () => {
    expect(await eventually(() => as().consume(topic, `${d}-x`), 'allowed')).toBe('allowed');
    expect(await as().consume(topic, d)).toBe('allowed');
  });

  it('the plan names the group and transactional-id names that lose access', async () => {
    const planned = await planSpecs([dir], { emitters: ['acl'], cacheDir: false, cleanUnspecified: true, readLive: (ds) => readLiveState(admin, ds) });
    const deleted = planned.plan!.changes.filter((c) => c.kind === 'acl' && c.action === 'delete').map((c) => c.id);
    expect(deleted.length).toBe(7);
    const warnings = planned.plan!.warnings.filter((w) => w.code === 'acl-migration-clients').map((w) => w.message);
    expect(warnings).toContainEqual(expect.stringContaining(`consumer groups named \`${d}-…\` or \`${d}x…\``));
    expect(warnings).toContainEqual(expect.stringContaining(`rename them to \`${d}.…\` (a group named exactly \`${d}\` keeps READ)`));
    expect(warnings).toContainEqual(expect.stringContaining(`transactional ids named \`${d}\`, \`${d}-…\``));
  });

  it('after: `<d>-x` is refused, `<d>` and `<d>.x` keep reading', async () => {
    const result = await provisionSpecs([dir], { connect: async () => admin, emitters: ['acl'], cacheDir: false, cleanUnspecified: true });
    expect(result.report?.failed).toBe(0);
    expect(result.plan!.warnings.map((w) => w.code)).toContain('acl-migration-clients');
    expect(await eventually(() => as().consume(topic, `${d}-x`), 'denied')).toBe('denied');
    // The group `<d>` has read the seed already: a new message for it to read now.
    await seed();
    expect(await as().consume(topic, d)).toBe('allowed');
    expect(await as().consume(topic, `${d}.x`)).toBe('allowed');
  });
});
