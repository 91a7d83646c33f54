import type { Admin, ITopicConfig } from 'kafkajs';
import { vi } from 'vitest';

/**
 * Creates topics and waits until the broker serves each one with a leader; returns what
 * createTopics returned (false: they all existed). Not kafkajs' own waitForLeaders: it gives up
 * when the broker does not know a topic yet (UNKNOWN_TOPIC_OR_PARTITION, "This server does not
 * host this topic-partition"), which a KRaft broker answers for a moment after the controller
 * committed the topic, most often on a busy machine.
 */
export async function createServedTopics(admin: Admin, topics: ITopicConfig[]): Promise<boolean> {
  const created = await admin.createTopics({ topics, waitForLeaders: false });
  const names = topics.map((t) => t.topic);
  await vi.waitFor(async () => {
    const { topics: served } = await admin.fetchTopicMetadata({ topics: names });
    const waiting = names.filter((n) => !served.some((t) => t.name === n && t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0)));
    if (waiting.length) throw new Error(`The broker does not serve ${waiting.join(', ')} yet`);
  }, { timeout: 30_000, interval: 100 });
  return created;
}
