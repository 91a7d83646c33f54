import { aclKey, type AclBinding } from '../acl/acl-binding.js';
import { resultOf, type ChangeResult } from '../core/apply-plan.js';
import type { ChangeOfKind } from '../core/change.js';
import type { ItemErrors, KafkaAdminPort } from '../kafka/kafka-admin-port.js';
import type { KindApplier, ResourceKind } from './kind.js';

declare module '../core/change.js' {
  interface KindStates {
    /** Key: aclKey. Desired: src/acl/build-acls.ts; diff: src/acl/acl-diff.ts; live: the Kafka admin port. */
    acl: AclBinding;
  }
}

const isDeny = (b: AclBinding): boolean => b.permission === 'DENY';

const outcome = (c: ChangeOfKind<'acl'>, errors: ItemErrors): ChangeResult => {
  const e = errors.get(c.id);
  return e === undefined ? resultOf(c, 'ok') : resultOf(c, 'failed', e);
};

/**
 * ACL creates and deletes, batched. DENY bindings are created before the ALLOW bindings they
 * guard and deleted after them, so no moment exists in which an ALLOW holds without its DENY
 * (a parent domain reaching its nested domain's groups, say).
 */
export function aclApplier(admin: KafkaAdminPort): KindApplier<'acl'> {
  return {
    async apply(changes) {
      const creates = changes.flatMap((c) => (c.action === 'create' ? [c.after] : []));
      const deletes = changes.flatMap((c) => (c.action === 'delete' ? [c.before] : []));
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

export const describeAclBinding = (b: AclBinding): string =>
  `${b.permission} ${b.principal} ${b.operation} on ${b.resourceType} ${b.patternType} "${b.resourceName}"${b.host === '*' ? '' : ` from ${b.host}`}`;

/** Access comes after what it is about, and goes before it. */
export const aclKind: ResourceKind<'acl'> = {
  kind: 'acl',
  order: { create: 4, delete: 0 },
  subject: (c) => describeAclBinding(c.action === 'delete' ? c.before : c.after),
  detail: (c) => c.reason ?? '',
  applier: async (ports) => {
    const admin = await ports.kafkaAdmin();
    return admin && aclApplier(admin);
  },
};
