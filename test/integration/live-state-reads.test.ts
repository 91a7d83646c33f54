// Reading live state costs a fixed number of round trips, however many topics the domains hold,
// and only the topics' own (dynamic) configs count: broker defaults are never diffs.
import { randomBytes } from 'node:crypto';
import { ConfigResourceTypes, Kafka, logLevel } from 'kafkajs';
import { describe, expect, inject, it } from 'vitest';
import { KafkajsAdmin } from '../../src/adapters/kafka/kafkajs-admin.js';
import { readLiveState } from '../../src/orchestrate/read-live-state.js';
import { kafkajsConfig } from '../servers/kafka-admin-tools.js';
import { createServedTopics } from './support/topics.js';

const kafka = inject('kafka');
const tag = `rt${randomBytes(3).toString('hex')}`;

async function createTopics(domain: string, count: number): Promise<void> {
  const admin = new Kafka({ ...kafkajsConfig(kafka), logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  await createServedTopics(admin, Array.from({ length: count }, (_, i) => ({ topic: `${domain}._public.t${i}`, numPartitions: 1 })));
  await admin.alterConfigs({ validateOnly: false, resources: [{ type: ConfigResourceTypes.TOPIC, name: `${domain}._public.t0`, configEntries: [{ name: 'retention.ms', value: '12345' }] }] });
  await admin.disconnect();
}

async function roundTripsToRead(domain: string): Promise<{ trips: number; topics: number; configs: Record<string, string> | undefined }> {
  const admin = new KafkajsAdmin(kafkajsConfig(kafka, { clientId: `reader-${domain}` }));
  await admin.connect();
  const before = admin.roundTrips();
  const state = await readLiveState(admin, [domain]);
  const trips = admin.roundTrips() - before;
  await admin.disconnect();
  return { trips, topics: state.topics?.length ?? 0, configs: state.topics?.find((t) => t.name === `${domain}._public.t0`)?.configs };
}

describe('reading live state', () => {
  it('takes the same number of round trips for 5 topics and for 200', async () => {
    await createTopics(`${tag}.small`, 5);
    await createTopics(`${tag}.large`, 200);
    const small = await roundTripsToRead(`${tag}.small`);
    const large = await roundTripsToRead(`${tag}.large`);
    expect([small.topics, large.topics]).toEqual([5, 200]);
    expect(large.trips).toBe(small.trips);
    // Metadata, topic metadata, configs and ACLs, plus the metadata refreshes kafkajs makes around them.
    expect(small.trips).toBeLessThanOrEqual(10);
  });

  it('keeps only configs set on the topic itself', async () => {
    await createTopics(`${tag}.configs`, 1);
    const { configs } = await roundTripsToRead(`${tag}.configs`);
    expect(configs).toEqual({ 'retention.ms': '12345' });
  });
});
