import { describe, expect, it } from 'vitest';
import type { AccessEntry, AccessSummary } from '../../../src/core/access-summary.js';
import { renderAccessDiagram } from '../../../src/render/access-diagram.js';

const entry = (e: Partial<AccessEntry> & Pick<AccessEntry, 'principal' | 'resource'>): AccessEntry =>
  ({ via: 'acl', resourceType: 'topic', gained: [], lost: [], flags: [], ...e });
const summary = (entries: AccessEntry[], owners: AccessSummary['owners'] = []): AccessSummary =>
  ({ entries, owners, deletions: [], counts: { widenings: 0, lost: 0, deletions: 0 } });

describe('the access diagram of a plan', () => {
  it('draws a granted read from the owner to the reader, thick for a widening, and a lost write dashed the other way', () => {
    const lines = renderAccessDiagram(summary([
      entry({ principal: 'User:acme.pay', principalDomain: 'acme.pay', owner: 'acme.orders', resource: 'acme.orders._protected.paid', gained: ['read'], flags: ['protected-read', 'cross-domain'] }),
      entry({ principal: 'User:acme.pay', principalDomain: 'acme.pay', owner: 'acme.orders', resource: 'acme.orders._public.x', lost: ['write'], flags: ['lost'] }),
    ], [{ principal: 'User:acme.orders', domain: 'acme.orders', via: 'acl', resources: [] }]));
    expect(lines).toEqual([
      '```mermaid',
      'flowchart LR',
      '  d_acme_orders["acme.orders"]',
      '  d_acme_pay["acme.pay"]',
      '  d_acme_orders ==>|"+ grant"| d_acme_pay',
      '  d_acme_pay -.->|"− produce"| d_acme_orders',
      '  linkStyle 0 stroke:#bf8700,stroke-width:3px',
      '  linkStyle 1 stroke:#cf222e,stroke-width:2px,stroke-dasharray:5 5',
      '  classDef owner stroke:#1a7f37,stroke-width:3px',
      '  class d_acme_orders owner',
      '```',
      '',
      '_Arrows follow the data (a topic\'s owner → its reader, a writer → the topic\'s owner); thick amber: a widening; dashed red: access lost; green-bordered domains gain owner access to their own resources._',
      '',
    ]);
  });

  it('gives ids that sanitize alike distinct ids, and escapes what a label cannot hold', () => {
    const text = renderAccessDiagram(summary([
      entry({ principal: 'User:"x"<y>#1', owner: 'a.b', resource: 'a.b._public.t', gained: ['read'] }),
      entry({ principal: 'User:a_b', principalDomain: 'a_b', owner: 'a.b', resource: 'a.b._public.t', gained: ['read'] }),
    ])).join('\n');
    expect(text).toContain('d_a_b["a.b"]');
    expect(text).toContain('d_a_b_2["a_b"]');
    expect(text).toContain('p_User__x__y__1("User:#quot;x#quot;#lt;y#gt;#35;1")');
    expect(text).toContain('d_a_b -->|"+ consume"| d_a_b_2');
  });

  it('is one line saying it is left out when the edges are too many, and nothing when access does not change', () => {
    const many = Array.from({ length: 5 }, (_, i) => entry({ principal: `User:d${i}`, principalDomain: `d${i}`, owner: 'o', resource: 'o._public.t', gained: ['read'] }));
    expect(renderAccessDiagram(summary(many), 4)).toEqual(['_The access diagram is left out: these access changes make more than 4 edges between domains, more than one diagram shows clearly._', '']);
    expect(renderAccessDiagram(summary([]))).toEqual([]);
  });
});
