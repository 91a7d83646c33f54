import { describe, expect, it } from 'vitest';
import type { AclBinding } from '../../../src/acl/acl-binding.js';
import { accessLostBy } from '../../../src/acl/migration-losses.js';
import { buildPlan } from '../../../src/plan/build-plan.js';
import { domain } from '../../support/domain-builder.js';

const specmesh = (d: string): AclBinding[] => [
  ...(['READ', 'WRITE', 'DESCRIBE'] as const).map((operation) => ({ resourceType: 'TOPIC', resourceName: d, patternType: 'PREFIXED', operation } as const)),
  { resourceType: 'GROUP', resourceName: d, patternType: 'PREFIXED', operation: 'READ' } as const,
  ...(['WRITE', 'DESCRIBE'] as const).map((operation) => ({ resourceType: 'TRANSACTIONAL_ID', resourceName: d, patternType: 'PREFIXED', operation } as const)),
  { resourceType: 'TOPIC', resourceName: `${d}._public`, patternType: 'PREFIXED', operation: 'READ', principal: 'User:*' } as const,
].map((b) => ({ principal: `User:${d}`, ...b, host: '*', permission: 'ALLOW' as const }));

describe('migrating SpecMesh\'s bindings names the clients that lose access', () => {
  it('names the group and transactional-id names that lose access, and the rename', () => {
    const lost = accessLostBy(specmesh('acme.shop'));
    expect(lost).toHaveLength(3);
    expect(lost).toContainEqual(expect.stringMatching(/^consumer groups named `acme\.shop-…` or `acme\.shopx…`.* lose READ for User:acme\.shop: rename them to `acme\.shop\.…` \(a group named exactly `acme\.shop` keeps READ\)$/));
    expect(lost).toContainEqual(expect.stringMatching(/^transactional ids named `acme\.shop`, `acme\.shop-…` or `acme\.shopx…`.* lose DESCRIBE, WRITE for User:acme\.shop: rename them to `acme\.shop\.…`$/));
  });

  it('says nothing for bindings the bounded ones cover', () => {
    expect(accessLostBy([{ resourceType: 'GROUP', resourceName: 'acme.shop.', patternType: 'PREFIXED', principal: 'User:acme.shop', host: '*', operation: 'READ', permission: 'ALLOW' }])).toEqual([]);
  });

  it('warns in a plan that deletes them with --clean-unspecified, and points at it from one that does not', () => {
    const shop = domain('acme.shop').owns('public', 'orders').build();
    const plan = (cleanUnspecified: boolean) => buildPlan({ domains: [shop], files: [] }, {
      emitters: ['acl'], cleanUnspecified, live: { topics: [], acls: specmesh('acme.shop') }, liveSource: 'state-file',
    }).plan;
    const cleaning = plan(true);
    expect(cleaning.changes.filter((c) => c.kind === 'acl' && c.action === 'delete')).toHaveLength(7);
    expect(cleaning.warnings.filter((w) => w.code === 'acl-migration-clients').map((w) => w.message).join('\n')).toContain('consumer groups named `acme.shop-…`');
    expect(cleaning.changes).toContainEqual(expect.objectContaining({ kind: 'acl', action: 'create', id: 'User:acme.shop|ALLOW|READ|GROUP|LITERAL|acme.shop|*' }));
    const keeping = plan(false);
    expect(keeping.warnings.map((w) => w.code)).toEqual(expect.arrayContaining(['acl-loose-prefix']));
    expect(keeping.warnings.map((w) => w.code)).not.toContain('acl-migration-clients');
  });
});
