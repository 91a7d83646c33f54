import { describe, expect, it } from 'vitest';
import type { AclBinding } from '../../../src/acl/acl-binding.js';
import { buildPlan, type PlanOptions } from '../../../src/plan/build-plan.js';
import type { Change } from '../../../src/core/change.js';
import type { LiveState } from '../../../src/state/live-state.js';
import type { Domain } from '../../../src/spec/model.js';
import { authorize, type AccessRequest } from '../../support/kafka-authorizer.js';
import { domain } from '../../support/domain-builder.js';
import type { PolicyDocument } from '../../../src/iam/index.js';
import { CLUSTER_ARN, decide, groupArn, roleOf, roleTemplate } from '../iam/simulate.js';

const top = domain('acme').owns('public', 'news').build();
const mid = domain('acme.retail').owns('public', 'store_opened').build();
const leaf = domain('acme.retail.orders').owns('public', 'order_placed').build();

const plan = (domains: Domain[], live: LiveState, extra: Partial<PlanOptions> = {}) =>
  buildPlan({ domains, files: [] }, { emitters: ['acl'], live, liveSource: 'live', ...extra });

/** The cluster after applying a plan: live bindings, less deletes, plus creates. */
function applied(live: AclBinding[], changes: Change[]): AclBinding[] {
  const key = (b: AclBinding) => JSON.stringify(b);
  const out = new Map(live.map((b) => [key(b), b]));
  for (const c of changes) {
    if (c.kind !== 'acl') continue;
    if (c.action === 'delete') out.delete(key(c.before as AclBinding));
    if (c.action === 'create') out.set(key(c.after as AclBinding), c.after as AclBinding);
  }
  return [...out.values()];
}

const whole = plan([top, mid, leaf], { topics: [], acls: [] }).plan;
const estateAcls = applied([], whole.changes);
const reads = (principal: string, group: string): AccessRequest => ({ principal, operation: 'READ', resourceType: 'GROUP', resourceName: group });

describe('planning part of a nested estate', () => {
  it('denies every enclosing domain, grandparents too, its nested domains\' groups', () => {
    expect(authorize(estateAcls, reads('User:acme', 'acme.retail.orders.fulfil'))).toBe(false);
    expect(authorize(estateAcls, reads('User:acme', 'acme.retail.pos'))).toBe(false);
    expect(authorize(estateAcls, reads('User:acme.retail', 'acme.retail.orders.fulfil'))).toBe(false);
    expect(authorize(estateAcls, reads('User:acme.retail.orders', 'acme.retail.orders.fulfil'))).toBe(true);
    expect(authorize(estateAcls, reads('User:acme', 'acme.billing'))).toBe(true);
  });

  it('keeps the parents\' DENY bindings when only the nested domain is planned, even with --clean-unspecified', () => {
    for (const alone of [leaf, mid]) {
      const { plan: p } = plan([alone], { topics: [], acls: estateAcls }, { cleanUnspecified: true });
      expect(p.changes.filter((c) => c.kind === 'acl' && c.action !== 'no-op')).toEqual([]);
    }
  });

  it('files a parent\'s DENY bindings under the parent domain', () => {
    const denies = whole.changes.filter((c) => c.kind === 'acl' && (c.after as AclBinding).permission === 'DENY');
    expect(denies.length).toBeGreaterThan(0);
    for (const c of denies) expect(`User:${c.domain}`).toBe((c.after as AclBinding).principal);
  });

  it('shields a planned nested domain from a parent known only by its live ACLs', () => {
    const parentOnly = applied([], plan([mid], { topics: [], acls: [] }).plan.changes);
    const { plan: p } = plan([leaf], { topics: [], acls: parentOnly });
    const after = applied(parentOnly, p.changes);
    expect(authorize(parentOnly, reads('User:acme.retail', 'acme.retail.orders.fulfil'))).toBe(true);
    expect(authorize(after, reads('User:acme.retail', 'acme.retail.orders.fulfil'))).toBe(false);
    expect(authorize(after, reads('User:acme.retail', 'acme.retail.pos'))).toBe(true);
  });

  it('denies a planned parent its nested domains known only by their live ACLs or topic names', () => {
    const childOnly = applied([], plan([leaf], { topics: [], acls: [] }).plan.changes);
    const byAcls = applied(childOnly, plan([mid], { topics: [], acls: childOnly }).plan.changes);
    expect(authorize(byAcls, reads('User:acme.retail', 'acme.retail.orders.fulfil'))).toBe(false);
    const byName = applied([], plan([mid], { topics: [], topicNames: ['acme.retail.analytics._public.kpis'], acls: [] }).plan.changes);
    expect(authorize(byName, reads('User:acme.retail', 'acme.retail.analytics.dash'))).toBe(false);
  });

  it('puts no DENY between domains that share a principal, and warns that the boundary cannot hold', () => {
    const principals = { 'acme.retail': 'retail-svc', 'acme.retail.orders': 'retail-svc' };
    const { plan: p, diagnostics } = plan([mid, leaf], { topics: [], acls: [] }, { principals });
    const after = applied([], p.changes);
    expect(authorize(after, reads('User:retail-svc', 'acme.retail.orders.fulfil'))).toBe(true);
    expect(authorize(after, { principal: 'User:retail-svc', operation: 'WRITE', resourceType: 'TRANSACTIONAL_ID', resourceName: 'acme.retail.orders.tx' })).toBe(true);
    expect(diagnostics.find((d) => d.code === 'principal-shared')).toMatchObject({ severity: 'warning', summary: expect.stringContaining('User:retail-svc') });
  });

  it('refuses a principal map that hands a domain to everyone', () => {
    for (const bad of ['*', 'User:*', ' ', 'User:']) {
      const { diagnostics } = plan([mid], { topics: [], acls: [] }, { principals: { 'acme.retail': bad } });
      expect(diagnostics.find((d) => d.code === 'principal-invalid'), bad).toMatchObject({ severity: 'error' });
    }
  });
});

describe('IAM policies of part of a nested estate', () => {
  const iam = { clusterArn: CLUSTER_ARN, roleTemplate: roleTemplate() };
  const documents = (changes: Change[], role: string): PolicyDocument[] => changes
    .filter((c) => c.kind === 'iam-policy' && (c.after as { principal: string }).principal === role)
    .map((c) => (c.after as { document: PolicyDocument }).document);
  const alterGroup = (policies: PolicyDocument[], principal: string, group: string) =>
    decide({ policies, principal, action: 'kafka-cluster:AlterGroup', resource: groupArn(group) });

  it('denies a planned parent the groups of a nested domain seen only on the cluster', async () => {
    const live = { topics: [], topicNames: ['acme.retail.orders._public.order_placed'], acls: [], iamPolicies: [] };
    const { plan: p } = plan([mid], live, { emitters: ['iam'], iam });
    const docs = documents(p.changes, roleOf('acme.retail'));
    expect(await alterGroup(docs, roleOf('acme.retail'), 'acme.retail.orders.fulfil')).toBe('ExplicitlyDenied');
    expect(await alterGroup(docs, roleOf('acme.retail'), 'acme.retail.pos')).toBe('Allowed');
  });

  it('puts no Deny between domains that share a role, so the nested one keeps its groups', async () => {
    const role = 'arn:aws:iam::111122223333:role/retail';
    const shared = { ...iam, roleMapping: { 'acme.retail': role, 'acme.retail.orders': role } };
    const { plan: p, diagnostics } = plan([mid, leaf], { topics: [], acls: [], iamPolicies: [] }, { emitters: ['iam'], iam: shared });
    const docs = documents(p.changes, role);
    expect(docs.length).toBeGreaterThan(1);
    expect(await alterGroup(docs, role, 'acme.retail.orders.fulfil')).toBe('Allowed');
    expect(diagnostics.some((d) => d.code === 'iam-role-shared')).toBe(true);
  });
});
