import { describe, expect, it } from 'vitest';
import { applyPlan } from '../../../src/core/apply-plan.js';
import type { Change, ChangeKind } from '../../../src/core/change.js';
import type { KindPlanner } from '../../../src/emitters/emitter.js';
import type { Ports } from '../../../src/kinds/kind.js';
import { appliersFor, kindRegistry, type KindModule } from '../../../src/kinds/registry.js';
import { buildPlan } from '../../../src/plan/build-plan.js';
import { renderJson } from '../../../src/render/render-json.js';
import { renderMarkdown } from '../../../src/render/render-markdown.js';
import { renderText } from '../../../src/render/render-text.js';
import { domain } from '../../support/domain-builder.js';

// A kind that exists only in this test: a client quota per domain. It is one module (below) and
// one registry entry (`kindRegistry([quotaKind])`); the planner, renderers and apply take it as is.
interface Quota { principal: string; producerByteRate: number }
const QUOTA = 'quota' as ChangeKind; // not in KindStates: the compiler knows only the built-in kinds
const quotaOf = (c: Change): Quota => (c.action === 'delete' ? c.before : c.after) as unknown as Quota;

const applied: string[][] = [];
const quotaKind: KindModule = {
  kind: QUOTA,
  // Access to a domain's topics is granted (acl: 4) before its quota is set, and a quota goes before the access (acl: 0) on delete.
  order: { create: 4.5, delete: -1 },
  subject: (c) => quotaOf(c).principal,
  detail: (c) => `producer ${quotaOf(c).producerByteRate} B/s`,
  applier: async () => ({
    kinds: [QUOTA],
    apply: async (changes) => {
      applied.push(changes.map((c) => c.id));
      return changes.map((c) => ({ kind: c.kind, id: c.id, action: c.action, status: 'ok' as const }));
    },
  }),
};
const quotaPlanner: KindPlanner = {
  name: 'quotas',
  plan: (context) => ({
    changes: context.domains.map((d) => ({ kind: QUOTA, id: `quota:${d.id}`, domain: d.id, action: 'create', after: { principal: `User:${d.id}`, producerByteRate: 1_048_576 } }) as unknown as Change),
    diagnostics: [],
  }),
};

const kinds = kindRegistry([quotaKind]);
const noPorts: Ports = {
  kafkaAdmin: async () => undefined, schemaRegistry: async () => undefined, scram: async () => undefined, iam: async () => undefined, readText: async () => undefined,
};

describe('a resource kind added as one module and one registry entry', () => {
  const orders = domain('acme.retail.orders').owns('public', 'order_placed').build();
  const { plan } = buildPlan({ domains: [orders], files: [] }, { emitters: ['acl'], live: { topics: [], acls: [] }, liveSource: 'live', kinds, planners: [quotaPlanner] });

  it('is planned in its place in the apply order, after the ACLs it follows', () => {
    const order = plan.changes.map((c) => c.kind);
    expect(order.indexOf('quota' as ChangeKind)).toBeGreaterThan(order.lastIndexOf('acl'));
    expect(order.indexOf('quota' as ChangeKind)).toBeGreaterThan(order.lastIndexOf('topic'));
    expect(plan.summary.create).toBe(plan.changes.length);
  });

  it('is rendered by the text, markdown and JSON renderers through its own description', () => {
    expect(renderText(plan, { kinds })).toContain('+ quota User:acme.retail.orders  (producer 1048576 B/s)');
    expect(renderMarkdown(plan, { kinds })).toContain('| 🟢 + | quota | `User:acme.retail.orders` | producer 1048576 B/s |');
    expect(JSON.parse(renderJson(plan)).changes).toContainEqual(expect.objectContaining({ kind: 'quota', id: 'quota:acme.retail.orders', action: 'create' }));
  });

  it('is applied by its own applier, which gets only its changes, with one result each', async () => {
    applied.length = 0;
    const appliers = await appliersFor(noPorts, kinds);
    expect(appliers.flatMap((a) => a.kinds)).toEqual(['quota']); // no built-in kind can apply without a cluster
    const report = await applyPlan(plan, appliers);
    expect(applied).toEqual([['quota:acme.retail.orders']]);
    expect(report.results).toHaveLength(plan.changes.length);
    expect(report.ok).toBe(1);
    expect(report.results.filter((r) => r.status === 'skipped').every((r) => r.error === `no emitter applies ${r.kind} changes here`)).toBe(true);
  });

  it('is unknown to a registry that does not list it: using it there is a bug, not a silent default', () => {
    expect(() => renderText(plan)).toThrow(/No module for resource kind "quota": this is a bug/);
  });
});
