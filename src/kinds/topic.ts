import { resultOf, type ChangeResult } from '../core/apply-plan.js';
import type { ChangeOfKind } from '../core/change.js';
import type { ItemErrors, KafkaAdminPort } from '../kafka/kafka-admin-port.js';
import type { TopicState } from '../kafka/topic-state.js';
import type { KindApplier, ResourceKind } from './kind.js';

declare module '../core/change.js' {
  interface KindStates {
    /** Key: the topic name. Desired: src/plan/desired-state.ts; diff: src/kafka/topic-diff.ts; live: the Kafka admin port. */
    topic: TopicState;
  }
}

type TopicChange = ChangeOfKind<'topic'>;

const outcome = (c: TopicChange, errors: ItemErrors): ChangeResult => {
  const e = errors.get(c.id);
  return e === undefined ? resultOf(c, 'ok') : resultOf(c, 'failed', e);
};

/** Topic changes, batched per operation. Config updates send the full merged set (AlterConfigs replaces it). */
export function topicApplier(admin: KafkaAdminPort): KindApplier<'topic'> {
  return {
    async apply(changes) {
      const creates = changes.flatMap((c) => (c.action === 'create' ? [c.after] : []));
      const updates = changes.flatMap((c) => (c.action === 'update' ? [c] : []));
      const deletes = changes.flatMap((c) => (c.action === 'delete' ? [c.id] : []));
      const createErrors = await admin.createTopics(creates.map((t) => ({
        name: t.name, partitions: t.partitions, configs: t.configs, ...(t.replicationFactor !== undefined ? { replicationFactor: t.replicationFactor } : {}),
      })));
      const grow = updates.filter((c) => c.after.partitions > c.before.partitions);
      const partitionErrors = await admin.createPartitions(grow.map((c) => ({ name: c.id, count: c.after.partitions })));
      const reconfigure = updates.filter((c) => JSON.stringify(c.after.configs) !== JSON.stringify(c.before.configs));
      const configErrors = await admin.alterTopicConfigs(reconfigure.map((c) => ({ name: c.id, configs: c.after.configs })));
      const deleteErrors = await admin.deleteTopics(deletes);
      return changes.map((c) => {
        if (c.action === 'create') return outcome(c, createErrors);
        if (c.action === 'delete') return outcome(c, deleteErrors);
        const e = [partitionErrors.get(c.id), configErrors.get(c.id)].filter(Boolean).join('; ');
        return e ? resultOf(c, 'failed', e) : resultOf(c, 'ok');
      });
    },
  };
}

const settings = (t: TopicState): string => {
  const rf = t.replicationFactor === undefined || t.replicationFactor < 0 ? 'broker default' : String(t.replicationFactor);
  const configs = Object.entries(t.configs).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => `${k}=${v}`).join(', ');
  return `partitions ${t.partitions}, replication ${rf}${configs ? `, ${configs}` : ''}`;
};

/** Topics exist before anything that refers to them, and go last. */
export const topicKind: ResourceKind<'topic'> = {
  kind: 'topic',
  order: { create: 0, delete: 6 },
  subject: (c) => c.id,
  detail: (c) => (c.reason && c.action !== 'create' ? c.reason : settings(c.action === 'delete' ? c.before : c.after)),
  applier: async (ports) => {
    const admin = await ports.kafkaAdmin();
    return admin && topicApplier(admin);
  },
};
