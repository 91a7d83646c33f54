// Smoke test of the real broker started by test/servers/global-setup.ts: SCRAM-SHA-512 login,
// admin calls, and the StandardAuthorizer refusing a user that has no ACLs.
import { randomBytes } from 'node:crypto';
import {
  AclOperationTypes, AclPermissionTypes, AclResourceTypes, Kafka, logLevel, ResourcePatternTypes, type Admin, type Producer,
} from 'kafkajs';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { addScramUsers, kafkajsConfig, listScramUsers } from '../servers/kafka-admin-tools.js';
import { createServedTopics } from './support/topics.js';

const kafka = inject('kafka');
const suffix = randomBytes(4).toString('hex');

const client = (opts: { username?: string; password?: string } = {}) =>
  new Kafka({ ...kafkajsConfig(kafka, { clientId: `smoke-${suffix}`, ...opts }), logLevel: logLevel.NOTHING });

describe(`real Kafka ${kafka.version} broker`, () => {
  let admin: Admin;

  beforeAll(async () => {
    admin = client().admin();
    await admin.connect();
  });
  /** A new topic of one test's own (`smoke-<name>-<suffix>`), so no test reads what another wrote. */
  const newTopic = async (name: string): Promise<string> => {
    const topic = `smoke-${name}-${suffix}`;
    expect(await createServedTopics(admin, [{ topic, numPartitions: 1, replicationFactor: 1 }])).toBe(true);
    return topic;
  };
  afterAll(async () => {
    await admin?.disconnect();
  });

  it('lets the admin create and list a topic over SASL_PLAINTEXT/SCRAM-SHA-512', async () => {
    expect(kafka.bootstrap).toMatch(/^127\.0\.0\.1:\d+$/);
    const created = await newTopic('created');
    expect(await admin.listTopics()).toContain(created);
  });

  it('produces and consumes as the admin', async () => {
    const topic = await newTopic('produced');
    const k = client();
    const producer = k.producer();
    await producer.connect();
    await producer.send({ topic, messages: [{ key: 'k', value: 'hello' }] });
    await producer.disconnect();

    const consumer = k.consumer({ groupId: `smoke-group-${suffix}` });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const got = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no message within 30 s')), 30_000);
      // A retriable error (e.g. COORDINATOR_LOAD_IN_PROGRESS while __consumer_offsets is created)
      // crashes the consumer and kafkajs restarts it; only a final crash fails the test.
      consumer.on(consumer.events.CRASH, (e) => {
        if (e.payload.restart) return;
        clearTimeout(timer);
        reject(e.payload.error);
      });
      void consumer.run({
        eachMessage: async ({ message }) => {
          clearTimeout(timer);
          resolve(message.value?.toString() ?? '');
        },
      });
    });
    await consumer.disconnect();
    expect(got).toBe('hello');
  });

  it('refuses a SCRAM user without ACLs (authorizer on), and a wrong password (authentication)', async () => {
    const topic = await newTopic('refused');
    const user = `smoke-user-${suffix}`;
    const password = randomBytes(12).toString('hex');
    await addScramUsers(kafka, [{ name: user, password }]);
    expect((await listScramUsers(kafka)).get(user)).toEqual(['SCRAM-SHA-512']);

    // Authenticates, but has no ACL to write.
    const producer: Producer = client({ username: user, password }).producer({ retry: { retries: 0 } });
    await producer.connect();
    try {
      const err = await producer.send({ topic, messages: [{ value: 'x' }] }).then(() => undefined, (e: unknown) => e);
      expect(err).toBeInstanceOf(Error);
      expect(String((err as Error & { type?: string }).type ?? '') + (err as Error).message)
        .toMatch(/TOPIC_AUTHORIZATION_FAILED|not authorized/i);
    } finally {
      await producer.disconnect();
    }

    // Same user, wrong password: the SASL handshake fails.
    const bad = client({ username: user, password: `${password}-wrong` }).producer({ retry: { retries: 0 } });
    const authErr = await bad.connect().then(() => undefined, (e: unknown) => e);
    expect(authErr).toBeInstanceOf(Error);
    expect((authErr as Error).name).toBe('KafkaJSSASLAuthenticationError');
    await bad.disconnect();
  });

  it('creates, describes and deletes ACLs that the authorizer then enforces', async () => {
    const topic = await newTopic('acl');
    const user = `smoke-acl-${suffix}`;
    const password = randomBytes(12).toString('hex');
    await addScramUsers(kafka, [{ name: user, password }]);
    const acl = {
      resourceType: AclResourceTypes.TOPIC,
      resourceName: topic,
      resourcePatternType: ResourcePatternTypes.LITERAL,
      principal: `User:${user}`,
      host: '*',
      operation: AclOperationTypes.WRITE,
      permissionType: AclPermissionTypes.ALLOW,
    };
    await admin.createAcls({ acl: [acl] });
    // The broker serves a new binding a moment after the controller commits it.
    await vi.waitFor(async () => {
      const described = await admin.describeAcls({
        resourceType: AclResourceTypes.TOPIC, resourceName: topic, resourcePatternType: ResourcePatternTypes.LITERAL,
        principal: `User:${user}`, host: '*', operation: AclOperationTypes.ANY, permissionType: AclPermissionTypes.ANY,
      });
      expect(described.resources.flatMap((r) => r.acls.map((a) => a.operation))).toEqual([AclOperationTypes.WRITE]);
    }, { timeout: 10_000, interval: 100 });

    // The broker applies ACLs from the metadata log a moment after the controller commits them.
    const producer = client({ username: user, password }).producer();
    await producer.connect();
    try {
      const deadline = Date.now() + 10_000;
      for (;;) {
        try {
          await producer.send({ topic, messages: [{ value: 'allowed' }] });
          break;
        } catch (e) {
          if (Date.now() > deadline) throw e;
          await new Promise((r) => setTimeout(r, 100));
        }
      }
    } finally {
      await producer.disconnect();
    }

    const deleted = await admin.deleteAcls({ filters: [acl] });
    expect(deleted.filterResponses[0]?.matchingAcls).toHaveLength(1);
  });
});
