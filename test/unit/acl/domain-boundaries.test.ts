import { describe, expect, it } from 'vitest';
import type { AclBinding, AclOperation, ResourceType } from '../../../src/acl/acl-binding.js';
import { buildDomainAcls } from '../../../src/acl/build-acls.js';
import { principalResolver } from '../../../src/acl/principals.js';
import { authorize } from '../../support/kafka-authorizer.js';
import { domain } from '../../support/domain-builder.js';

const estate = [
  domain('acme.retail').owns('public', 'store_opened').consumes('acme.retail.orders._public.order_placed').build(),
  domain('acme.retail.orders')
    .owns('public', 'order_placed')
    .owns('protected', 'order_paid', { grants: ['acme.retail.payments'] })
    .owns('private', 'order_state')
    .build(),
  domain('acme.retail.payments').owns('public', 'payment_settled').consumes('acme.retail.orders._protected.order_paid').build(),
  domain('acme.user').owns('public', 'signed_up').owns('private', 'sessions').build(),
  domain('acme.userprops').owns('public', 'profile').owns('protected', 'prefs', { grants: ['acme.user'] }).build(),
];
const ids = estate.map((d) => d.id);
const bindings = estate.flatMap((d) => buildDomainAcls(d, ids, principalResolver()));

type Row = [principal: string, operation: AclOperation, type: ResourceType, name: string];
const u = (d: string): string => `User:${d}`;

const allowed: Row[] = [
  [u('acme.retail.orders'), 'WRITE', 'TOPIC', 'acme.retail.orders._public.order_placed'],
  [u('acme.retail.orders'), 'READ', 'TOPIC', 'acme.retail.orders._protected.order_paid'],
  [u('acme.retail.orders'), 'READ', 'TOPIC', 'acme.retail.orders._private.order_state'],
  [u('acme.retail.orders'), 'DESCRIBE', 'TOPIC', 'acme.retail.orders._private.order_state'],
  [u('acme.retail.orders'), 'CREATE', 'TOPIC', 'acme.retail.orders._private.app-store-changelog'],
  [u('acme.retail.orders'), 'READ', 'GROUP', 'acme.retail.orders.fulfilment'],
  [u('acme.retail.orders'), 'DESCRIBE', 'GROUP', 'acme.retail.orders.fulfilment'],
  [u('acme.retail.orders'), 'WRITE', 'TRANSACTIONAL_ID', 'acme.retail.orders.tx-1'],
  [u('acme.retail.orders'), 'DESCRIBE', 'TRANSACTIONAL_ID', 'acme.retail.orders.tx-1'],
  [u('acme.retail.orders'), 'IDEMPOTENT_WRITE', 'CLUSTER', 'kafka-cluster'],
  [u('acme.retail.payments'), 'READ', 'TOPIC', 'acme.retail.orders._protected.order_paid'],
  [u('acme.retail.payments'), 'READ', 'TOPIC', 'acme.retail.orders._public.order_placed'],
  [u('acme.retail'), 'READ', 'TOPIC', 'acme.retail.orders._public.order_placed'],
  [u('acme.retail'), 'READ', 'GROUP', 'acme.retail.store-reader'],
  [u('acme.retail'), 'WRITE', 'TRANSACTIONAL_ID', 'acme.retail.tx'],
  [u('acme.user'), 'READ', 'TOPIC', 'acme.userprops._protected.prefs'],
  [u('acme.user'), 'READ', 'TOPIC', 'acme.userprops._public.profile'],
  [u('acme.user'), 'READ', 'GROUP', 'acme.user.signup-mailer'],
  // A group named exactly the domain id, as SpecMesh's functional tests name theirs.
  [u('acme.user'), 'READ', 'GROUP', 'acme.user'],
  [u('acme.retail.orders'), 'READ', 'GROUP', 'acme.retail.orders'],
  [u('acme.retail'), 'READ', 'GROUP', 'acme.retail'],
  [u('someone.else'), 'READ', 'TOPIC', 'acme.user._public.signed_up'],
];

const refused: Row[] = [
  // Consumers never write, nor read what was not granted.
  [u('acme.retail.payments'), 'WRITE', 'TOPIC', 'acme.retail.orders._public.order_placed'],
  [u('acme.retail.payments'), 'READ', 'TOPIC', 'acme.retail.orders._private.order_state'],
  [u('acme.retail.payments'), 'READ', 'GROUP', 'acme.retail.orders.fulfilment'],
  [u('someone.else'), 'READ', 'TOPIC', 'acme.retail.orders._protected.order_paid'],
  [u('someone.else'), 'WRITE', 'TOPIC', 'acme.user._public.signed_up'],
  // A parent domain gets nothing of its child's but what the child makes public.
  [u('acme.retail'), 'READ', 'TOPIC', 'acme.retail.orders._protected.order_paid'],
  [u('acme.retail'), 'READ', 'TOPIC', 'acme.retail.orders._private.order_state'],
  [u('acme.retail'), 'WRITE', 'TOPIC', 'acme.retail.orders._public.order_placed'],
  [u('acme.retail'), 'CREATE', 'TOPIC', 'acme.retail.orders._private.x'],
  [u('acme.retail'), 'READ', 'GROUP', 'acme.retail.orders.fulfilment'],
  [u('acme.retail'), 'DESCRIBE', 'GROUP', 'acme.retail.orders.fulfilment'],
  [u('acme.retail'), 'WRITE', 'TRANSACTIONAL_ID', 'acme.retail.orders.tx-1'],
  [u('acme.retail'), 'DESCRIBE', 'TRANSACTIONAL_ID', 'acme.retail.payments.tx-1'],
  // The child's exact group id matches the parent's `acme.retail.` prefix: a LITERAL DENY closes it.
  [u('acme.retail'), 'READ', 'GROUP', 'acme.retail.orders'],
  [u('acme.retail'), 'DESCRIBE', 'GROUP', 'acme.retail.orders'],
  // So does the child's exact transactional id, which is granted to nobody (only `<d>.` is granted).
  [u('acme.retail'), 'WRITE', 'TRANSACTIONAL_ID', 'acme.retail.orders'],
  [u('acme.retail'), 'DESCRIBE', 'TRANSACTIONAL_ID', 'acme.retail.orders'],
  [u('acme.retail.orders'), 'WRITE', 'TRANSACTIONAL_ID', 'acme.retail.orders'],
  // The exact group id is LITERAL: `<d>-x`, `<d>x` and other domains' ids are not covered by it.
  [u('acme.user'), 'READ', 'GROUP', 'acme.user-x'],
  [u('acme.user'), 'READ', 'GROUP', 'acme.userprops'],
  [u('acme.retail.orders'), 'READ', 'GROUP', 'acme.retail'],
  // ...and a child gets nothing of its parent's.
  [u('acme.retail.orders'), 'READ', 'GROUP', 'acme.retail.store-reader'],
  [u('acme.retail.orders'), 'WRITE', 'TOPIC', 'acme.retail._public.store_opened'],
  // Prefix-sharing ids stay apart, both ways.
  [u('acme.user'), 'READ', 'GROUP', 'acme.userprops.svc'],
  [u('acme.user'), 'WRITE', 'TRANSACTIONAL_ID', 'acme.userprops.tx'],
  [u('acme.user'), 'WRITE', 'TOPIC', 'acme.userprops._public.profile'],
  [u('acme.user'), 'READ', 'TOPIC', 'acme.userprops._private.x'],
  [u('acme.user'), 'CREATE', 'TOPIC', 'acme.userprops._private.x'],
  [u('acme.userprops'), 'READ', 'GROUP', 'acme.user.signup-mailer'],
  [u('acme.userprops'), 'READ', 'TOPIC', 'acme.user._private.sessions'],
  [u('acme.userprops'), 'WRITE', 'TRANSACTIONAL_ID', 'acme.user.tx'],
  // No DELETE, ALTER, ALTER_CONFIGS, or creation outside _private for applications.
  [u('acme.retail.orders'), 'DELETE', 'TOPIC', 'acme.retail.orders._public.order_placed'],
  [u('acme.retail.orders'), 'ALTER_CONFIGS', 'TOPIC', 'acme.retail.orders._public.order_placed'],
  [u('acme.retail.orders'), 'ALTER', 'TOPIC', 'acme.retail.orders._private.order_state'],
  [u('acme.retail.orders'), 'CREATE', 'TOPIC', 'acme.retail.orders._public.new_topic'],
  [u('acme.retail.orders'), 'CREATE', 'CLUSTER', 'kafka-cluster'],
];

const ask = ([principal, operation, resourceType, resourceName]: Row) =>
  authorize(bindings, { principal, operation, resourceType, resourceName });

describe('Kafka ACLs keep every domain boundary', () => {
  it.each(allowed)('allows %s %s on %s %s', (...row) => {
    expect(ask(row as Row)).toBe(true);
  });

  it.each(refused)('refuses %s %s on %s %s', (...row) => {
    expect(ask(row as Row)).toBe(false);
  });

  it('denies a parent domain its child\'s groups and transactional ids with DENY bindings', () => {
    const deny = bindings.filter((b) => b.permission === 'DENY');
    expect(deny).toEqual(expect.arrayContaining([
      expect.objectContaining({ principal: 'User:acme.retail', resourceType: 'GROUP', resourceName: 'acme.retail.orders.', operation: 'READ' }),
      expect.objectContaining({ principal: 'User:acme.retail', resourceType: 'TRANSACTIONAL_ID', resourceName: 'acme.retail.payments.', operation: 'WRITE' }),
      expect.objectContaining({ principal: 'User:acme.retail', resourceType: 'GROUP', patternType: 'LITERAL', resourceName: 'acme.retail.orders', operation: 'READ' }),
      expect.objectContaining({ principal: 'User:acme.retail', resourceType: 'TRANSACTIONAL_ID', patternType: 'LITERAL', resourceName: 'acme.retail.orders', operation: 'WRITE' }),
    ]));
    expect(deny.every((b) => b.principal === 'User:acme.retail')).toBe(true);
  });

  it('uses a principal mapping for owners and grantees', () => {
    const mapped = estate.flatMap((d) => buildDomainAcls(d, ids, principalResolver({ 'acme.retail.payments': 'payments-svc' })));
    expect(authorize(mapped, { principal: 'User:payments-svc', operation: 'READ', resourceType: 'TOPIC', resourceName: 'acme.retail.orders._protected.order_paid' })).toBe(true);
    expect(authorize(mapped, { principal: 'User:acme.retail.payments', operation: 'READ', resourceType: 'TOPIC', resourceName: 'acme.retail.orders._protected.order_paid' })).toBe(false);
  });
});

describe('the evaluator is strict enough to catch SpecMesh issue #564', () => {
  // SpecMesh's plain `PREFIXED <domain>` bindings: the model this project replaces.
  const naive = (d: string): AclBinding[] => (['TOPIC', 'GROUP', 'TRANSACTIONAL_ID'] as const).flatMap((resourceType) =>
    (['READ', 'WRITE', 'DESCRIBE'] as const).map((operation) => ({ resourceType, resourceName: d, patternType: 'PREFIXED' as const, principal: `User:${d}`, host: '*', operation, permission: 'ALLOW' as const })));
  const loose = [...naive('acme.user'), ...naive('acme.userprops'), ...naive('acme.retail'), ...naive('acme.retail.orders')];

  it('shows that bare prefixes leak across prefix-sharing and nested domains', () => {
    expect(authorize(loose, { principal: 'User:acme.user', operation: 'READ', resourceType: 'GROUP', resourceName: 'acme.userprops.svc' })).toBe(true);
    expect(authorize(loose, { principal: 'User:acme.retail', operation: 'READ', resourceType: 'TOPIC', resourceName: 'acme.retail.orders._private.order_state' })).toBe(true);
  });
});
