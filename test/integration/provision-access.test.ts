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
import { PrincipalClient, type Outcome } from './support/access-probes.js';
import { writeEstate } from './support/estate.js';

const kafka = inject('kafka');
const tag = `it${randomBytes(3).toString('hex')}`;
const { dir, domains } = writeEstate(tag);
const [retail, orders, payments, user, userprops] = domains as [string, string, string, string, string];
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
    const t = (d: string, rest: string) => `${d}.${rest}`;
    const probes: [string, Outcome, () => Promise<Outcome>][] = [
      // Owners write all their own topics; nobody else writes them.
      ['orders produces to its public topic', 'allowed', () => as(orders).produce(t(orders, '_public.order_placed'))],
      ['orders produces to its protected topic', 'allowed', () => as(orders).produce(t(orders, '_protected.order_paid'))],
      ['orders produces to its private topic', 'allowed', () => as(orders).produce(t(orders, '_private.order_state'))],
      ['payments produces to orders\' public topic', 'denied', () => as(payments).produce(t(orders, '_public.order_placed'))],
      ['the parent retail produces to its child\'s topic', 'denied', () => as(retail).produce(t(orders, '_public.order_placed'))],
      ['userprops produces to user\'s topic', 'denied', () => as(userprops).produce(t(user, '_public.signed_up'))],
      ['user produces to userprops\' topic', 'denied', () => as(user).produce(t(userprops, '_public.profile'))],
      ['an outsider produces to a public topic', 'denied', () => as(outsider).produce(t(orders, '_public.order_placed'))],
      // Reads: public to all, protected to grantees, private to the owner; groups only under one's own prefix.
      ['payments consumes the protected topic granted to it', 'allowed', () => as(payments).consume(t(orders, '_protected.order_paid'), t(payments, 'paid-reader'))],
      ['retail consumes its child\'s public topic with its own group', 'allowed', () => as(retail).consume(t(orders, '_public.order_placed'), t(retail, 'order-reader'))],
      ['user consumes userprops\' protected topic granted to it', 'allowed', () => as(user).consume(t(userprops, '_protected.prefs'), t(user, 'prefs-reader'))],
      ['orders consumes its private topic', 'allowed', () => as(orders).consume(t(orders, '_private.order_state'), t(orders, 'state-reader'))],
      ['the parent retail consumes its child\'s protected topic', 'denied', () => as(retail).consume(t(orders, '_protected.order_paid'), t(retail, 'paid-reader'))],
      ['payments consumes orders\' private topic', 'denied', () => as(payments).consume(t(orders, '_private.order_state'), t(payments, 'state-reader'))],
      ['the parent retail uses its child\'s consumer group', 'denied', () => as(retail).consume(t(retail, '_public.store_opened'), t(orders, 'svc'))],
      ['user uses userprops\' consumer group', 'denied', () => as(user).consume(t(user, '_public.signed_up'), t(userprops, 'svc'))],
      ['userprops consumes user\'s private topic', 'denied', () => as(userprops).consume(t(user, '_private.sessions'), t(userprops, 'sessions'))],
      ['an outsider consumes a public topic without a group of its own', 'denied', () => as(outsider).consume(t(user, '_public.signed_up'), 'outsider-group')],
      // Transactions under one's own prefix only.
      ['orders commits a transaction with its own transactional id', 'allowed', () => as(orders).transact(t(orders, 'tx-1'), t(orders, '_public.order_placed'))],
      ['the parent retail uses its child\'s transactional id', 'denied', () => as(retail).transact(t(orders, 'tx-parent'), t(retail, '_public.store_opened'))],
      ['user uses userprops\' transactional id', 'denied', () => as(user).transact(t(userprops, 'tx-1'), t(user, '_public.signed_up'))],
      // Topic creation: only _private, only one's own (Kafka Streams internal topics).
      ['orders creates a _private topic', 'allowed', () => as(orders).createTopic(t(orders, '_private.app-store-changelog'))],
      ['orders creates a _public topic', 'denied', () => as(orders).createTopic(t(orders, '_public.unplanned'))],
      ['the parent retail creates a _private topic of its child', 'denied', () => as(retail).createTopic(t(orders, '_private.sneaky'))],
      ['user creates a _private topic of userprops', 'denied', () => as(user).createTopic(t(userprops, '_private.sneaky'))],
    ];
    const actual = Object.fromEntries(await Promise.all(probes.map(async ([name, , probe]) => [name, await probe()] as const)));
    const expected = Object.fromEntries(probes.map(([name, outcome]) => [name, outcome]));
    expect(actual).toEqual(expected);
  });
});
