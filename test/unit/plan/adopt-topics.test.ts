import { describe, expect, it } from 'vitest';
import type { AclBinding } from '../../../src/acl/acl-binding.js';
import { buildDomainAcls } from '../../../src/acl/build-acls.js';
import { principalResolver } from '../../../src/acl/principals.js';
import { buildPlan, type PlanOptions } from '../../../src/plan/build-plan.js';
import { renderMarkdown } from '../../../src/render/render-markdown.js';
import { renderText } from '../../../src/render/render-text.js';
import type { LiveState, LiveTopic } from '../../../src/state/live-state.js';
import { domain } from '../../support/domain-builder.js';

const orders = domain('acme.orders')
  .owns('public', 'order_placed', { partitions: 3, configs: { 'retention.ms': '1000' } })
  .owns('private', 'state', { partitions: 3 })
  .owns('public', 'order_shipped', { partitions: 3 })
  .build();
const handMade: LiveTopic[] = [
  { name: 'acme.orders._public.order_placed', partitions: 3, replicationFactor: 3, configs: { 'retention.ms': '5' } },
  { name: 'acme.orders._private.state', partitions: 3, replicationFactor: 3, configs: {} },
];
const iam = { clusterArn: 'arn:aws:kafka:eu-west-1:111122223333:cluster/c/abcd-1', roleTemplate: 'arn:aws:iam::111122223333:role/{domain}' };
const plan = (live: LiveState, extra: Partial<PlanOptions> = {}) =>
  buildPlan({ domains: [orders], files: [{ file: 'orders.yaml', domain: orders.id }] }, { emitters: ['acl'], live, liveSource: 'live', ...extra }).plan;
const topics = (p: ReturnType<typeof plan>) => p.changes.filter((c) => c.kind === 'topic').map((c) => [c.action, c.id, c.adopt ?? false]);

describe('adopting topics that exist before their domain is governed', () => {
  it('marks the existing topics of a domain whose owner ACLs the plan creates, changed or not, and not the new ones', () => {
    const p = plan({ topics: handMade, acls: [] });
    expect(topics(p)).toEqual([
      ['no-op', 'acme.orders._private.state', true],
      ['update', 'acme.orders._public.order_placed', true],
      ['create', 'acme.orders._public.order_shipped', false],
    ]);
    expect(p.summary).toMatchObject({ update: 1, noop: 1, adopt: 2 });
    const text = renderText(p);
    expect(text).toContain('  = topic acme.orders._private.state  (adopt)\n');
    expect(text).toContain('  ~ topic acme.orders._public.order_placed  (adopt; retention.ms 5 → 1000)\n');
    expect(text).toContain(', 2 adopted.');
    const md = renderMarkdown(p);
    expect(md).toContain('| ⚪ = | topic | `acme.orders._private.state` | **adopt** |');
    expect(md).toContain('<b>acme.orders</b>: 18 to create, 1 to update, 2 adopted</summary>');
  });

  it('does not mark the topics of a domain whose owner ACLs exist, even when other bindings are added', () => {
    const owned = buildDomainAcls(orders, [orders.id], principalResolver());
    const ownerTopicBindings = owned.filter((b) => b.principal === 'User:acme.orders' && b.resourceType === 'TOPIC');
    const p = plan({ topics: handMade, acls: ownerTopicBindings });
    expect(topics(p).every(([, , adopt]) => adopt === false)).toBe(true);
    expect(p.summary.adopt).toBeUndefined();
    expect(renderText(p)).not.toContain('adopt');
    expect(JSON.stringify(p)).not.toContain('adopt');
  });

  it('follows the principal a domain is mapped to', () => {
    const mapped = (acls: AclBinding[]) => plan({ topics: handMade, acls }, { principals: { 'acme.orders': 'User:orders-svc' } });
    expect(mapped([]).summary.adopt).toBe(2);
    const owned = buildDomainAcls(orders, [orders.id], principalResolver({ 'acme.orders': 'User:orders-svc' }));
    expect(mapped(owned).summary.adopt).toBeUndefined();
  });

  it('with the iam emitter, marks them when the domain role has no policy yet, and not when IAM was not read', () => {
    const read = plan({ topics: handMade, acls: [], iamPolicies: [] }, { emitters: ['iam'], iam });
    expect(read.summary.adopt).toBe(2);
    const unread = plan({ topics: handMade, acls: [] }, { emitters: ['iam'], iam });
    expect(unread.summary.adopt).toBeUndefined();
    const policies = read.changes.flatMap((c) => (c.kind === 'iam-policy' && c.action === 'create' ? [c.after] : []));
    expect(plan({ topics: handMade, acls: [], iamPolicies: policies }, { emitters: ['iam'], iam }).summary.adopt).toBeUndefined();
  });
});
