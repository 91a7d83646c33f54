// Provisions a multi-domain estate into the real broker, then proves access as each domain's own
// SCRAM principal: produce, consume with a group, transactions, creating _private topics. Each
// succeeds exactly where the specs allow it and is refused by the authorizer everywhere else.
import { randomBytes } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { KafkajsAdmin } from '../../src/adapters/kafka/kafkajs-admin.js';
import { planSpecs } from '../../src/orchestrate/plan-specs.js';
import { provisionSpecs, type ProvisionResult } from '../../src/orchestrate/provision-specs.js';
import { readLiveState } from '../../src/orchestrate/read-live-state.js';
import { addScramUsers, kafkajsConfig } from '../servers/kafka-admin-tools.js';
import { PrincipalClient } from './support/access-probes.js';
import { estateProbes, probeEstate } from './support/estate-access.js';
import { writeEstate } from './support/estate.js';

const kafka = inject('kafka');
const tag = `it${randomBytes(3).toString('hex')}`;
const { dir, domains } = writeEstate(tag);
const orders = domains[1]!;
const outsider = `${tag}.outsider`;
const passwords = new Map([...domains, outsider].map((d) => [d, randomBytes(16).toString('hex')]));
const as = (d: string) => new PrincipalClient(kafkajsConfig(kafka, { clientId: `probe-${d}`, username: d, password: passwords.get(d)! }));

let admin: KafkajsAdmin;
let first: ProvisionResult;

beforeAll(async () => {
  await addScramUsers(kafka, [...passwords].map(([name, password]) => ({ name, password })));
  admin = new KafkajsAdmin(kafkajsConfig(kafka, { clientId: 'specmesh-it' }));
  first = await provisionSpecs([dir], { connect: async () => admin, emitters: ['acl'], cacheDir: false });
  // Seed every topic with a message so consumers have something to read.
  const producer = new Kafka({ ...kafkajsConfig(kafka), logLevel: logLevel.NOTHING }).producer();
  await producer.connect();
  for (const c of first.plan!.changes.filter((x) => x.kind === 'topic')) await producer.send({ topic: c.id, messages: [{ value: 'seed' }] });
  await producer.disconnect();
  // Create __consumer_offsets before the probes, so group joins meet a ready coordinator.
  await new PrincipalClient(kafkajsConfig(kafka, { clientId: 'warm-up' })).consume(`${orders}._public.order_placed`, 'warm-up');
});

afterAll(async () => {
  await admin?.disconnect();
});

describe(`provisioning an estate into Kafka ${kafka.version}`, () => {
  it('applies every change and reports one result per change', () => {
    expect(first.plan?.liveSource).toBe('live');
    expect(first.report?.failed).toBe(0);
    expect(first.report?.results).toHaveLength(first.plan!.changes.length);
    expect(first.plan!.changes.filter((c) => c.kind === 'topic' && c.action === 'create')).toHaveLength(10);
  });

  it('plans nothing the second time', async () => {
    const again = await planSpecs([dir], { emitters: ['acl'], cacheDir: false, readLive: (ds) => readLiveState(admin, ds) });
    expect(again.plan?.summary).toMatchObject({ create: 0, update: 0, delete: 0 });
    expect(again.plan?.summary.noop).toBe(first.plan!.changes.length);
  });

  it('allows each principal exactly what the specs say, on the real broker', async () => {
    const { actual, expected } = await probeEstate(estateProbes(domains, outsider), 'acl', as);
    expect(actual).toEqual(expected);
  });
});
