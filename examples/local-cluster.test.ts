// How another team's vitest suite tests against governed Kafka: `startLocalCluster` from
// 'specmesh/local' starts a broker of its own (SASL/SCRAM, no ACL means deny), provisions the specs
// and hands back each domain's credentials; the tests then connect as those domains. It needs
// Java 17+ (and Maven, until Kafka's jars are cached in ~/.cache/specmesh).
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Kafka, logLevel } from 'kafkajs';
import { type LocalCluster, startLocalCluster } from 'specmesh/local';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const specs = path.join(path.dirname(fileURLToPath(import.meta.url)), '../specs');
let dir: string;
let cluster: LocalCluster;

beforeAll(async () => {
  // A folder of the suite's own: never the developer's `specmesh local` cluster.
  dir = mkdtempSync(path.join(os.tmpdir(), 'orders-kafka-'));
  cluster = await startLocalCluster({ specs: [specs], dir });
}, 120_000);

afterAll(async () => {
  await cluster?.stop({ purge: true });
  rmSync(dir, { recursive: true, force: true });
});

/** A kafkajs client that connects as one domain, with that domain's SCRAM user. */
function kafkaAs(domain: string): Kafka {
  const access = cluster.domains[domain];
  if (!access) throw new Error(`${domain} is not in the specs`);
  return new Kafka({ clientId: `${domain}-test`, ...access.kafkajs, retry: { retries: 1 }, logLevel: logLevel.NOTHING });
}

describe('orders on a governed Kafka', () => {
  it('publishes an order as the orders domain', async () => {
    const producer = kafkaAs('acme.retail.orders').producer({ allowAutoTopicCreation: false });
    await producer.connect();
    try {
      const [sent] = await producer.send({ topic: 'acme.retail.orders._public.order_placed', messages: [{ key: 'o-1', value: '{"orderId":"o-1"}' }] });
      expect(sent?.errorCode).toBe(0);
    } finally {
      await producer.disconnect();
    }
  });

  it("refuses the payments domain orders' private topic", async () => {
    const consumer = kafkaAs('acme.retail.payments').consumer({ groupId: 'acme.retail.payments.order-state-reader', retry: { retries: 0 } });
    await consumer.connect();
    try {
      await expect(
        consumer.subscribe({ topic: 'acme.retail.orders._private.order_state', fromBeginning: true }).then(() => consumer.run({ eachMessage: async () => {} })),
      ).rejects.toMatchObject({
        type: 'TOPIC_AUTHORIZATION_FAILED',
      });
    } finally {
      await consumer.disconnect();
    }
  });
});
