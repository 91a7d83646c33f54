import type { ScramSecretState } from '../../../src/scram/scram-change.js';
import { describe, expect, it } from 'vitest';
import type { AclBinding } from '../../../src/acl/acl-binding.js';
import { buildPlan, type PlanOptions } from '../../../src/plan/build-plan.js';
import type { LiveState } from '../../../src/state/live-state.js';
import { renderJson } from '../../../src/render/render-json.js';
import { renderText } from '../../../src/render/render-text.js';
import { domain } from '../../support/domain-builder.js';

const orders = domain('acme.retail.orders')
  .owns('public', 'order_placed', { partitions: 6, configs: { 'retention.ms': '1000' } })
  .owns('private', 'state')
  .build();
const input = { domains: [orders], files: [{ file: 'orders.yaml', domain: orders.id }] };
const plan = (live: LiveState, extra: Partial<PlanOptions> = {}) =>
  buildPlan(input, { emitters: ['acl'], live, liveSource: 'state-file', ...extra });

const acl = (over: Partial<AclBinding>): AclBinding => ({
  resourceType: 'TOPIC', resourceName: 'x', patternType: 'LITERAL', principal: 'User:x', host: '*', operation: 'READ', permission: 'ALLOW', ...over,
});

describe('buildPlan', () => {
  it('creates everything on an empty cluster and says the cluster was empty', () => {
    const { plan: p, diagnostics } = buildPlan(input, { emitters: ['acl'], live: { topics: [], acls: [] }, liveSource: 'empty' });
    expect(p.changes.filter((c) => c.kind === 'topic').map((c) => [c.action, c.id])).toEqual([
      ['create', 'acme.retail.orders._private.state'], ['create', 'acme.retail.orders._public.order_placed'],
    ]);
    expect(p.summary.create).toBe(p.changes.length);
    expect(diagnostics.some((d) => d.code === 'no-cluster')).toBe(true);
    expect(renderText(p)).toContain('against an empty cluster');
  });

  it('puts topics before ACLs and ACL deletes before topic deletes', () => {
    const live: LiveState = {
      topics: [{ name: 'acme.retail.orders._public.old', partitions: 1, replicationFactor: 1, configs: {} }],
      acls: [acl({ resourceName: 'acme.retail.orders._public.old', principal: 'User:*' })],
    };
    const kinds = plan(live, { cleanUnspecified: true }).plan.changes.map((c) => `${c.action === 'delete' ? 'delete' : 'upsert'}:${c.kind}`);
    const firstAcl = kinds.indexOf('upsert:acl');
    expect(kinds.lastIndexOf('upsert:topic')).toBeLessThan(firstAcl);
    expect(kinds.indexOf('delete:acl')).toBeLessThan(kinds.indexOf('delete:topic'));
    expect(kinds.slice(-2)).toEqual(['delete:acl', 'delete:topic']);
  });

  it('increases partitions and merges configs, keeping those set outside the spec', () => {
    const live: LiveState = { topics: [{ name: 'acme.retail.orders._public.order_placed', partitions: 3, replicationFactor: 3, configs: { 'retention.ms': '5', 'min.insync.replicas': '2' } }], acls: [] };
    const change = plan(live).plan.changes.find((c) => c.id === 'acme.retail.orders._public.order_placed');
    expect(change).toMatchObject({
      action: 'update',
      before: { partitions: 3, configs: { 'retention.ms': '5', 'min.insync.replicas': '2' } },
      after: { partitions: 6, replicationFactor: 3, configs: { 'retention.ms': '1000', 'min.insync.replicas': '2' } },
      reason: 'partitions 3 → 6; retention.ms 5 → 1000',
    });
  });

  it('refuses to plan a partition decrease', () => {
    const live: LiveState = { topics: [{ name: 'acme.retail.orders._public.order_placed', partitions: 12, replicationFactor: 1, configs: {} }], acls: [] };
    const { diagnostics } = plan(live);
    expect(diagnostics.find((d) => d.code === 'partitions-decrease')).toMatchObject({ severity: 'error', summary: expect.stringContaining('12 partitions') });
  });

  it('reports a replication-factor change instead of skipping it silently', () => {
    const withRf = domain('acme.a').owns('public', 'x').build();
    withRf.produces[0]!.replicationFactor = 3;
    const { plan: p } = buildPlan({ domains: [withRf], files: [] }, { emitters: [], live: { topics: [{ name: 'acme.a._public.x', partitions: 1, replicationFactor: 1, configs: {} }] }, liveSource: 'state-file' });
    expect(p.warnings.map((w) => w.code)).toContain('replication-factor-change');
  });

  it('is a no-op when the cluster already matches', () => {
    const first = plan({ topics: [], acls: [] }).plan;
    const live: LiveState = {
      topics: first.changes.filter((c) => c.kind === 'topic').map((c) => ({ ...(c.after as object), replicationFactor: 1 }) as never),
      acls: first.changes.filter((c) => c.kind === 'acl').map((c) => c.after as AclBinding),
    };
    const again = plan(live).plan;
    expect(again.summary).toEqual({ create: 0, update: 0, delete: 0, noop: first.changes.length });
  });

  it('deletes only with --clean-unspecified and only inside the planned domains, by exact boundary', () => {
    const live: LiveState = {
      topics: [
        { name: 'acme.retail.orders._public.gone', partitions: 1, replicationFactor: 1, configs: {} },
        { name: 'acme.retail.ordersx._public.other', partitions: 1, replicationFactor: 1, configs: {} },
        { name: 'acme.retail._public.parent', partitions: 1, replicationFactor: 1, configs: {} },
        { name: 'acme.retail.orders.sub._public.child', partitions: 1, replicationFactor: 1, configs: {} },
        { name: 'acme.retail.orders._private.app-store-changelog', partitions: 1, replicationFactor: 1, configs: {} },
      ],
      acls: [
        acl({ resourceName: 'acme.retail.orders.', resourceType: 'GROUP', patternType: 'PREFIXED', principal: 'User:acme.retail.orders', operation: 'DELETE' }),
        acl({ resourceName: 'acme.retail.ordersx.', resourceType: 'GROUP', patternType: 'PREFIXED', principal: 'User:acme.retail.ordersx' }),
        acl({ resourceName: 'acme.retail', patternType: 'PREFIXED', principal: 'User:acme.retail' }),
      ],
    };
    const kept = plan(live).plan;
    expect(kept.changes.filter((c) => c.action === 'delete')).toEqual([]);
    expect(kept.warnings.find((w) => w.code === 'unspecified-kept')?.message).toContain('acme.retail.orders._public.gone');

    const cleaned = plan(live, { cleanUnspecified: true }).plan;
    expect(cleaned.changes.filter((c) => c.action === 'delete').map((c) => c.id)).toEqual([
      'User:acme.retail.orders|ALLOW|DELETE|GROUP|PREFIXED|acme.retail.orders.|*',
      'acme.retail.orders._public.gone',
    ]);
  });

  it('shows the migration from SpecMesh\'s looser prefixed ACLs', () => {
    const live: LiveState = { topics: [], acls: [acl({ resourceName: 'acme.retail.orders', patternType: 'PREFIXED', principal: 'User:acme.retail.orders', operation: 'ALL' })] };
    const migrated = plan(live, { cleanUnspecified: true }).plan;
    const del = migrated.changes.filter((c) => c.action === 'delete');
    expect(del).toHaveLength(1);
    expect(renderText(migrated)).toMatch(/- acl ALLOW User:acme\.retail\.orders ALL on TOPIC PREFIXED "acme\.retail\.orders"/);
  });

  it('masks secrets in every rendering', () => {
    const p = plan({ topics: [], acls: [] }).plan;
    p.changes.push({ kind: 'scram-secret', id: 'AmazonMSK_acme', action: 'create', after: { username: 'acme', password: 'hunter2-very-secret' } as unknown as ScramSecretState });
    expect(renderJson(p)).not.toContain('hunter2');
    expect(renderJson(p)).toContain('"password": "(sensitive)"');
    expect(renderText(p)).not.toContain('hunter2');
  });
});
