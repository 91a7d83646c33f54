import { aclKey, type AclBinding } from '../acl/acl-binding.js';
import { resultOf, type ChangeApplier, type ChangeResult } from '../core/apply-plan.js';
import type { Change } from '../core/change.js';
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

const isDeny = (b: AclBinding): boolean => b.permission === 'DENY';

/**
 * ACL creates and deletes, batched. DENY bindings are created before the ALLOW bindings they
 * guard and deleted after them, so no moment exists in which an ALLOW holds without its DENY
 * (a parent domain reaching its nested domain's groups, say).
 */
export function aclApplier(admin: KafkaAdminPort): ChangeApplier {
  return {
    kinds: ['acl'],
    async apply(changes) {
      const creates = changes.filter((c) => c.action === 'create').map((c) => c.after as AclBinding);
      const deletes = changes.filter((c) => c.action === 'delete').map((c) => c.before as AclBinding);
      const denies = creates.filter(isDeny);
      const denyErrors = await admin.createAcls(denies);
      // A principal whose DENY did not land gets none of its ALLOWs until a re-run succeeds.
      const unguarded = new Set(denies.filter((b) => denyErrors.has(aclKey(b))).map((b) => b.principal));
      const allows = creates.filter((b) => !isDeny(b));
      const createErrors = new Map([
        ...denyErrors,
        ...await admin.createAcls(allows.filter((b) => !unguarded.has(b.principal))),
        ...allows.filter((b) => unguarded.has(b.principal)).map((b) =>
          [aclKey(b), `not created: a DENY binding of ${b.principal} failed, and this ALLOW would hold without it`] as const),
      ]);
      const allowDeletes = deletes.filter((b) => !isDeny(b));
      const allowDeleteErrors = await admin.deleteAcls(allowDeletes);
      // Likewise a DENY stays while an ALLOW of the same principal could not be removed.
      const stillAllowed = new Set(allowDeletes.filter((b) => allowDeleteErrors.has(aclKey(b))).map((b) => b.principal));
      const denyDeletes = deletes.filter(isDeny);
      const deleteErrors = new Map([
        ...allowDeleteErrors,
        ...await admin.deleteAcls(denyDeletes.filter((b) => !stillAllowed.has(b.principal))),
        ...denyDeletes.filter((b) => stillAllowed.has(b.principal)).map((b) =>
          [aclKey(b), `not deleted: an ALLOW binding of ${b.principal} could not be deleted, and this DENY still guards it`] as const),
      ]);
      return changes.map((c) => {
        if (c.action === 'create') return outcome(c, createErrors);
        if (c.action === 'delete') return outcome(c, deleteErrors);
        return resultOf(c, 'failed', `ACL bindings are created or deleted, never updated (${c.action}): this is a bug`);
      });
    },
  };
}
