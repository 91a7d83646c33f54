import { describe, expect, it } from 'vitest';
import { aclKey, type AclBinding } from '../../../src/acl/acl-binding.js';
import type { ItemErrors, KafkaAdminPort } from '../../../src/kafka/kafka-admin-port.js';
import { aclApplier } from '../../../src/kinds/acl.js';
import { buildPlan } from '../../../src/plan/build-plan.js';
import { isKind, type Change, type ChangeOfKind } from '../../../src/core/change.js';
import { emptyLiveState } from '../../../src/state/live-state.js';
import { authorize } from '../../support/kafka-authorizer.js';
import { domain } from '../../support/domain-builder.js';

/** An in-memory cluster's ACLs; `refuse` makes creates or deletes of matching bindings fail. */
function aclCluster(initial: AclBinding[] = [], refuse: (b: AclBinding, op: 'create' | 'delete') => boolean = () => false) {
  const bindings = new Map(initial.map((b) => [aclKey(b), b]));
  const snapshots: AclBinding[][] = [];
  const apply = (op: 'create' | 'delete') => async (items: readonly AclBinding[]): Promise<ItemErrors> => {
    const errors: ItemErrors = new Map();
    for (const b of items) {
      if (refuse(b, op)) errors.set(aclKey(b), 'CLUSTER_AUTHORIZATION_FAILED');
      else if (op === 'create') bindings.set(aclKey(b), b);
      else bindings.delete(aclKey(b));
    }
    snapshots.push([...bindings.values()]);
    return errors;
  };
  const unused = () => { throw new Error('not used by the ACL applier'); };
  const port: KafkaAdminPort = {
    listTopics: unused, describeTopics: unused, describeAcls: async () => [...bindings.values()],
    createTopics: unused, createPartitions: unused, alterTopicConfigs: unused, deleteTopics: unused,
    createAcls: apply('create'), deleteAcls: apply('delete'),
    roundTrips: () => 0, disconnect: async () => undefined,
  };
  return { port, snapshots, bindings };
}

const parent = domain('acme.retail').owns('public', 'store_opened').build();
const child = domain('acme.retail.orders').owns('public', 'order_placed').build();
const parentReadsChildGroup = { principal: 'User:acme.retail', operation: 'READ', resourceType: 'GROUP', resourceName: 'acme.retail.orders.fulfil' } as const;

const aclChanges = (changes: Change[]): ChangeOfKind<'acl'>[] => changes.filter((c) => isKind(c, 'acl'));
const planFor = (live: AclBinding[] = []) => buildPlan({ domains: [parent, child], files: [] },
  { emitters: ['acl'], live: { ...emptyLiveState(), acls: live }, liveSource: 'live', cleanUnspecified: true }).plan;

describe('applying ACL changes', () => {
  it('never lets a parent domain reach its nested domain\'s groups, at any moment of the apply', async () => {
    const cluster = aclCluster();
    const changes = aclChanges(planFor().changes);
    const results = await aclApplier(cluster.port).apply(changes);
    expect(results.map((r) => r.status)).toEqual(changes.map(() => 'ok'));
    expect(cluster.snapshots.length).toBeGreaterThan(1);
    for (const state of cluster.snapshots) expect(authorize(state, parentReadsChildGroup)).toBe(false);
    // …and the parent does get its own groups by the end.
    expect(authorize([...cluster.bindings.values()], { ...parentReadsChildGroup, resourceName: 'acme.retail.pos' })).toBe(true);
  });

  it('holds back a principal\'s ALLOWs when one of its DENY bindings fails, and says why', async () => {
    const cluster = aclCluster([], (b, op) => op === 'create' && b.permission === 'DENY' && b.resourceType === 'GROUP');
    const changes = aclChanges(planFor().changes);
    const results = await aclApplier(cluster.port).apply(changes);
    expect(results).toHaveLength(changes.length);
    const parentAllows = results.filter((_r, i) => (changes[i]!.after as AclBinding).principal === 'User:acme.retail' && (changes[i]!.after as AclBinding).permission === 'ALLOW');
    expect(parentAllows.length).toBeGreaterThan(0);
    for (const r of parentAllows) {
      expect(r.status).toBe('failed');
      expect(r.error).toMatch(/DENY binding of User:acme\.retail failed/);
    }
    expect(authorize([...cluster.bindings.values()], parentReadsChildGroup)).toBe(false);
    // The child's own bindings are not held back.
    const childResults = results.filter((_, i) => (changes[i]!.after as AclBinding).principal === 'User:acme.retail.orders');
    expect(childResults.every((r) => r.status === 'ok')).toBe(true);
  });

  it('deletes DENY bindings only after the ALLOWs they guard, and keeps them when those stay', async () => {
    const live = aclChanges(planFor().changes).map((c) => c.after as AclBinding);
    const cluster = aclCluster(live, (b, op) => op === 'delete' && b.permission === 'ALLOW' && b.resourceType === 'GROUP' && b.principal === 'User:acme.retail');
    // The parent domain moves to a principal of its own: its old principal's bindings go.
    const renamed = buildPlan({ domains: [parent, child], files: [] },
      { emitters: ['acl'], live: { ...emptyLiveState(), acls: live }, liveSource: 'live', cleanUnspecified: true, principals: { 'acme.retail': 'retail-svc' } }).plan;
    const deletes = aclChanges(renamed.changes).filter((c) => c.action === 'delete');
    expect(deletes.some((c) => (c.before as AclBinding).permission === 'DENY')).toBe(true);
    expect(deletes.every((c) => (c.before as AclBinding).principal === 'User:acme.retail')).toBe(true);
    const results = await aclApplier(cluster.port).apply(deletes);
    for (const state of cluster.snapshots) expect(authorize(state, parentReadsChildGroup)).toBe(false);
    const denyResults = results.filter((_, i) => (deletes[i]!.before as AclBinding).permission === 'DENY');
    expect(denyResults.every((r) => r.status === 'failed' && /still guards it/.test(r.error ?? ''))).toBe(true);
  });
});
