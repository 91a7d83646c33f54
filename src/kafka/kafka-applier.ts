import type { AclBinding } from '../acl/acl-binding.js';
import { resultOf, type ChangeApplier, type ChangeResult } from '../plan/apply-plan.js';
import type { Change } from '../plan/change.js';
import type { LiveTopic } from '../plan/live-state.js';
import type { ItemErrors, KafkaAdminPort } from './kafka-admin-port.js';

const outcome = (c: Change, errors: ItemErrors, key = c.id): ChangeResult => {
  const e = errors.get(key);
  return e === undefined ? resultOf(c, 'ok') : resultOf(c, 'failed', e);
};

/** Topic changes, batched per operation. Config updates send the full merged set (AlterConfigs replaces it). */
export function topicApplier(admin: KafkaAdminPort): ChangeApplier {
  return {
    kinds: ['topic'],
    async apply(changes) {
      const creates = changes.filter((c) => c.action === 'create');
      const updates = changes.filter((c) => c.action === 'update');
      const deletes = changes.filter((c) => c.action === 'delete');
      const createErrors = await admin.createTopics(creates.map((c) => {
        const t = c.after as LiveTopic;
        return { name: t.name, partitions: t.partitions, configs: t.configs, ...(t.replicationFactor !== undefined ? { replicationFactor: t.replicationFactor } : {}) };
      }));
      const grow = updates.filter((c) => (c.after as LiveTopic).partitions > (c.before as LiveTopic).partitions);
      const partitionErrors = await admin.createPartitions(grow.map((c) => ({ name: c.id, count: (c.after as LiveTopic).partitions })));
      const reconfigure = updates.filter((c) => JSON.stringify((c.after as LiveTopic).configs) !== JSON.stringify((c.before as LiveTopic).configs));
      const configErrors = await admin.alterTopicConfigs(reconfigure.map((c) => ({ name: c.id, configs: (c.after as LiveTopic).configs })));
      const deleteErrors = await admin.deleteTopics(deletes.map((c) => c.id));
      return changes.map((c) => {
        if (c.action === 'create') return outcome(c, createErrors);
        if (c.action === 'delete') return outcome(c, deleteErrors);
        const e = [partitionErrors.get(c.id), configErrors.get(c.id)].filter(Boolean).join('; ');
        return e ? resultOf(c, 'failed', e) : resultOf(c, 'ok');
      });
    },
  };
}

/** ACL creates and deletes, one batched request each. */
export function aclApplier(admin: KafkaAdminPort): ChangeApplier {
  return {
    kinds: ['acl'],
    async apply(changes) {
      const creates = changes.filter((c) => c.action === 'create');
      const deletes = changes.filter((c) => c.action === 'delete');
      const createErrors = await admin.createAcls(creates.map((c) => c.after as AclBinding));
      const deleteErrors = await admin.deleteAcls(deletes.map((c) => c.before as AclBinding));
      return changes.map((c) => {
        if (c.action === 'create') return outcome(c, createErrors);
        if (c.action === 'delete') return outcome(c, deleteErrors);
        return resultOf(c, 'failed', `ACL bindings are created or deleted, never updated (${c.action}): this is a bug`);
      });
    },
  };
}
