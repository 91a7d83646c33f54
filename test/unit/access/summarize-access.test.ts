import { describe, expect, it } from 'vitest';
import type { AclBinding, AclOperation, ResourceType } from '../../../src/acl/acl-binding.js';
import { aclKey } from '../../../src/acl/acl-binding.js';
import { aclAuthorizer, OPERATIONS } from '../../../src/access/acl-authorizer.js';
import { summarizeAccess } from '../../../src/access/summarize-access.js';
import { summarize, type Change, type Plan } from '../../../src/core/change.js';
import { renderMarkdown } from '../../../src/render/render-markdown.js';
import { renderText } from '../../../src/render/render-text.js';
import { authorize } from '../../support/kafka-authorizer.js';

const acl = (principal: string, operation: AclOperation, resourceType: ResourceType, patternType: 'LITERAL' | 'PREFIXED', resourceName: string, permission: 'ALLOW' | 'DENY' = 'ALLOW'): AclBinding =>
  ({ principal, operation, resourceType, patternType, resourceName, permission, host: '*' });
const create = (b: AclBinding, domain?: string): Change => ({ kind: 'acl', action: 'create', id: aclKey(b), after: b, ...(domain ? { domain } : {}) });
const remove = (b: AclBinding, domain?: string): Change => ({ kind: 'acl', action: 'delete', id: aclKey(b), before: b, ...(domain ? { domain } : {}) });
const keep = (b: AclBinding, domain?: string): Change => ({ kind: 'acl', action: 'no-op', id: aclKey(b), before: b, after: b, ...(domain ? { domain } : {}) });
const owner = (d: string): AclBinding[] => [
  ...['_public.', '_protected.', '_private.'].flatMap((v) => (['DESCRIBE', 'READ', 'WRITE'] as const).map((op) => acl(`User:${d}`, op, 'TOPIC', 'PREFIXED', `${d}.${v}`))),
  acl(`User:${d}`, 'READ', 'GROUP', 'PREFIXED', `${d}.`),
  acl(`User:${d}`, 'WRITE', 'TRANSACTIONAL_ID', 'PREFIXED', `${d}.`),
];
const planOf = (changes: Change[], domains: string[]): Plan => ({
  formatVersion: 1, specs: domains.map((d) => ({ file: `${d}.yaml`, domain: d })), liveSource: 'live', changes, warnings: [], summary: summarize(changes),
});

describe('the access authorizer', () => {
  it('decides as Kafka\'s StandardAuthorizer does: DENY wins, READ and WRITE imply DESCRIBE, prefixes and * match', () => {
    let seed = 7;
    const rnd = (n: number): number => { seed = (seed * 1103515245 + 12345) % 2 ** 31; return seed % n; };
    const principals = ['User:a', 'User:b', 'User:*'];
    const names = ['a.', 'a.x', 'a.x.y', 'b.', 'b.z', '*'];
    const types: ResourceType[] = ['TOPIC', 'GROUP', 'TRANSACTIONAL_ID'];
    const ops: AclOperation[] = ['ALL', 'READ', 'WRITE', 'DESCRIBE', 'DELETE', 'ALTER', 'CREATE', 'ALTER_CONFIGS', 'DESCRIBE_CONFIGS'];
    for (let round = 0; round < 200; round++) {
      const bindings = Array.from({ length: 1 + rnd(8) }, () => acl(principals[rnd(3)]!, ops[rnd(ops.length)]!, types[rnd(3)]!,
        rnd(2) ? 'PREFIXED' : 'LITERAL', names[rnd(names.length)]!, rnd(4) ? 'ALLOW' : 'DENY'));
      const mine = aclAuthorizer(bindings);
      for (const principal of ['User:a', 'User:b']) for (const type of types) for (const name of ['a.x', 'a.x.y', 'b.z', 'c']) {
        const allowed = mine.allowed(principal, type, name);
        for (const op of OPERATIONS[type]) {
          expect(allowed.has(op), `${principal} ${op} ${type} ${name} with ${JSON.stringify(bindings)}`)
            .toBe(authorize(bindings, { principal, operation: op, resourceType: type, resourceName: name, host: '*' }));
        }
      }
    }
  });
});

describe('the access summary', () => {
  it('flags a new reader of a protected topic, a new User:* grant and a cross-domain read, and collapses owner bindings into one line', () => {
    const changes = [
      ...owner('acme.orders').map((b) => create(b, 'acme.orders')),
      create(acl('User:*', 'READ', 'TOPIC', 'PREFIXED', 'acme.orders._public.'), 'acme.orders'),
      create(acl('User:acme.pay', 'READ', 'TOPIC', 'LITERAL', 'acme.orders._protected.paid'), 'acme.orders'),
      ...owner('acme.pay').map((b) => keep(b, 'acme.pay')),
    ];
    const a = summarizeAccess(changes, ['acme.orders', 'acme.pay']);
    expect(a.owners).toHaveLength(1);
    expect(a.owners[0]).toMatchObject({ principal: 'User:acme.orders', domain: 'acme.orders' });
    expect(a.entries.map((e) => [e.principal, e.resource, e.gained, e.flags])).toEqual([
      ['User:*', 'acme.orders._public.*', ['read'], ['everyone']],
      ['User:acme.pay', 'acme.orders._protected.paid', ['read'], ['protected-read', 'cross-domain']],
    ]);
    expect(a.counts).toEqual({ widenings: 2, lost: 0, deletions: 0 });
  });

  it('evaluates DENY bindings: a new DENY takes access away, and an ALLOW under an existing DENY grants nothing', () => {
    const changes = [
      keep(acl('User:acme', 'READ', 'GROUP', 'PREFIXED', 'acme.'), 'acme'),
      create(acl('User:acme', 'READ', 'GROUP', 'PREFIXED', 'acme.child.', 'DENY'), 'acme'),
      keep(acl('User:x', 'ALL', 'TOPIC', 'PREFIXED', 'acme.child._private.', 'DENY'), 'acme.child'),
      create(acl('User:x', 'READ', 'TOPIC', 'LITERAL', 'acme.child._private.t'), 'acme.child'),
    ];
    const a = summarizeAccess(changes, ['acme', 'acme.child']);
    expect(a.entries.map((e) => [e.principal, e.resourceType, e.resource, e.lost, e.flags])).toEqual([
      ['User:acme', 'group', 'acme.child.*', ['read'], ['lost']],
    ]);
  });

  it('lists deletions other than bindings, and a deleted binding as lost access', () => {
    const b = acl('User:*', 'READ', 'TOPIC', 'PREFIXED', 'acme._public.');
    const changes: Change[] = [remove(b, 'acme'),
      { kind: 'topic', action: 'delete', id: 'acme._public.old', domain: 'acme', before: { name: 'acme._public.old', partitions: 1, replicationFactor: 1, configs: {} } } as Change];
    const a = summarizeAccess(changes, ['acme']);
    expect(a.deletions).toEqual([{ kind: 'topic', id: 'acme._public.old', domain: 'acme' }]);
    expect(a.entries[0]).toMatchObject({ principal: 'User:*', lost: ['read'], flags: ['lost'] });
  });

  it('compares IAM policies by effective actions: a statement moving between parts is no change, a removed ReadData is lost', () => {
    const arn = (t: string): string => `arn:aws:kafka:eu-west-1:1:topic/c/u/${t}`;
    const doc = (...st: { Action: string[]; Resource: string[]; Effect?: string }[]) => ({ Version: '2012-10-17', Statement: st.map((s) => ({ Effect: 'Allow', ...s })) });
    const role = 'arn:aws:iam::1:role/acme';
    const policy = (name: string, document: unknown) => ({ principal: role, policyName: name, document });
    const changes: Change[] = [
      { kind: 'iam-policy', action: 'update', id: `${role}#p1`, domain: 'acme',
        before: policy('p1', doc({ Action: ['kafka-cluster:ReadData'], Resource: [arn('acme._public.*')] }, { Action: ['kafka-cluster:ReadData'], Resource: [arn('other._public.t')] })),
        after: policy('p1', doc({ Action: ['kafka-cluster:ReadData'], Resource: [arn('acme._public.*')] })) },
      { kind: 'iam-policy', action: 'create', id: `${role}#p2`, domain: 'acme',
        after: policy('p2', doc({ Action: ['kafka-cluster:WriteData'], Resource: [arn('acme._public.*')] }, { Action: ['kafka-cluster:ReadData'], Resource: [arn('other._public.x')] }, { Effect: 'Deny', Action: ['kafka-cluster:ReadData'], Resource: [arn('other._public.x')] })) },
    ];
    const a = summarizeAccess(changes, ['acme', 'other']);
    expect(a.entries.map((e) => [e.resource, e.gained, e.lost, e.flags])).toEqual([['other._public.t', [], ['ReadData'], ['lost']]]);
    expect(a.owners[0]?.resources).toEqual([{ resourceType: 'topic', resource: 'acme._public.*', gained: ['WriteData'] }]);
  });
});

describe('the rendered access summary', () => {
  it('opens the text and markdown plans, before the bindings', () => {
    const plan = planOf([create(acl('User:*', 'READ', 'TOPIC', 'PREFIXED', 'acme._public.'), 'acme')], ['acme']);
    const text = renderText(plan);
    expect(text.indexOf('! everyone (User:*) gains read on topic acme._public.*  [everyone]')).toBeLessThan(text.indexOf('+ acl ALLOW'));
    const md = renderMarkdown(plan);
    expect(md.indexOf('**Widenings**')).toBeLessThan(md.indexOf('<details>'));
  });

  it('keeps a large plan\'s comment under the limit by cutting details, never the widenings, deletions or summary, and says so', () => {
    const domains = Array.from({ length: 400 }, (_, i) => `acme.d${String(i).padStart(3, '0')}`);
    const changes: Change[] = domains.flatMap((d, i) => [
      ...owner(d).map((b) => create(b, d)),
      create(acl(`User:${domains[(i + 1) % domains.length]}`, 'READ', 'TOPIC', 'LITERAL', `${d}._protected.t`), d),
      { kind: 'topic', action: 'delete', id: `${d}._public.old`, domain: d, before: { name: `${d}._public.old`, partitions: 1, replicationFactor: 1, configs: {} } } as Change,
    ]);
    const md = renderMarkdown(planOf(changes, domains));
    expect(md.length).toBeLessThanOrEqual(65_536);
    for (const d of domains) {
      expect(md).toContain(`on topic \`${d}._protected.t\``);
      expect(md).toContain(`topic \`${d}._public.old\``);
    }
    expect(md).toContain('**400 widenings, 0 losses of access, 400 deletions**');
    expect(md).toMatch(/This comment is cut to GitHub's limit of 65,536 characters: it leaves out the changes of \d+ of 400 domains/);
    expect(renderMarkdown(planOf(changes.slice(0, 20), domains.slice(0, 2)))).not.toContain('This comment is cut');
  });
});
