import { describe, expect, it } from 'vitest';
import { buildIamPolicies, type IamPolicy } from '../../../src/iam/index.js';
import { domain } from '../../support/domain-builder.js';
import { CLUSTER_ARN, decide, decideFor, groupArn, roleOf, roleTemplate, topicArn, txnArn } from './simulate.js';

const estate = [
  domain('acme.retail').owns('public', 'store_opened').consumes('acme.retail.orders._public.order_placed').build(),
  domain('acme.retail.orders').owns('public', 'order_placed').owns('protected', 'order_paid', ['acme.retail.payments']).owns('private', 'order_state').build(),
  domain('acme.retail.payments').owns('public', 'payment_settled').consumes('acme.retail.orders._protected.order_paid').build(),
  domain('acme.user').owns('public', 'signed_up').owns('private', 'sessions').build(),
  domain('acme.userprops').owns('public', 'profile').owns('private', 'cache').build(),
];
const { policies, diagnostics } = buildIamPolicies(estate, { clusterArn: CLUSTER_ARN, roleTemplate: roleTemplate() });

type Row = [domain: string, action: string, resource: string];

const explicitlyDenied: Row[] = [
  ['acme.retail', 'AlterGroup', groupArn('acme.retail.orders.fulfilment')],
  ['acme.retail', 'DescribeGroup', groupArn('acme.retail.orders.fulfilment')],
  ['acme.retail', 'AlterGroup', groupArn('acme.retail.payments.settler')],
  ['acme.retail', 'AlterTransactionalId', txnArn('acme.retail.orders.tx-1')],
  ['acme.retail', 'DescribeTransactionalId', txnArn('acme.retail.payments.tx-1')],
  // The child's exact id matches the parent's `acme.retail.*` too, as a group and as a transactional id.
  ['acme.retail', 'AlterGroup', groupArn('acme.retail.orders')],
  ['acme.retail', 'DescribeGroup', groupArn('acme.retail.orders')],
  ['acme.retail', 'AlterTransactionalId', txnArn('acme.retail.orders')],
  ['acme.retail', 'DescribeTransactionalId', txnArn('acme.retail.payments')],
];

const refused: Row[] = [
  // A parent gets nothing of its child's but what the child makes public and it consumes.
  ['acme.retail', 'ReadData', topicArn('acme.retail.orders._protected.order_paid')],
  ['acme.retail', 'ReadData', topicArn('acme.retail.orders._private.order_state')],
  ['acme.retail', 'WriteData', topicArn('acme.retail.orders._public.order_placed')],
  ['acme.retail', 'CreateTopic', topicArn('acme.retail.orders._private.x')],
  ...explicitlyDenied,
  // ...and a child nothing of its parent's or its sibling's.
  ['acme.retail.orders', 'AlterGroup', groupArn('acme.retail.store-reader')],
  ['acme.retail.orders', 'WriteData', topicArn('acme.retail._public.store_opened')],
  ['acme.retail.orders', 'AlterTransactionalId', txnArn('acme.retail.tx')],
  ['acme.retail.orders', 'AlterGroup', groupArn('acme.retail.payments.settler')],
  ['acme.retail.orders', 'AlterGroup', groupArn('acme.retail')],
  // The exact group id is granted as the ACL model grants it; the exact transactional id is not.
  ['acme.retail.orders', 'AlterTransactionalId', txnArn('acme.retail.orders')],
  ['acme.retail.orders', 'DescribeTransactionalId', txnArn('acme.retail.orders')],
  ['acme.user', 'AlterGroup', groupArn('acme.user-x')],
  ['acme.user', 'AlterGroup', groupArn('acme.userprops')],
  // Prefix-sharing ids stay apart, both ways.
  ['acme.user', 'AlterGroup', groupArn('acme.userprops.svc')],
  ['acme.user', 'DescribeGroup', groupArn('acme.userprops.svc')],
  ['acme.user', 'AlterTransactionalId', txnArn('acme.userprops.tx')],
  ['acme.user', 'WriteData', topicArn('acme.userprops._public.profile')],
  ['acme.user', 'ReadData', topicArn('acme.userprops._private.cache')],
  ['acme.user', 'DescribeTopic', topicArn('acme.userprops._private.cache')],
  ['acme.user', 'CreateTopic', topicArn('acme.userprops._private.x')],
  ['acme.userprops', 'AlterGroup', groupArn('acme.user.signup-mailer')],
  ['acme.userprops', 'ReadData', topicArn('acme.user._private.sessions')],
  ['acme.userprops', 'WriteData', topicArn('acme.user._public.signed_up')],
  ['acme.userprops', 'AlterTransactionalId', txnArn('acme.user.tx')],
];

const allowed: Row[] = [
  ['acme.retail', 'AlterGroup', groupArn('acme.retail.store-reader')],
  ['acme.retail', 'AlterGroup', groupArn('acme.retail.orders-reader')],
  ['acme.retail', 'AlterTransactionalId', txnArn('acme.retail.tx')],
  ['acme.retail', 'ReadData', topicArn('acme.retail.orders._public.order_placed')],
  ['acme.retail.orders', 'AlterGroup', groupArn('acme.retail.orders.fulfilment')],
  ['acme.retail.orders', 'AlterTransactionalId', txnArn('acme.retail.orders.tx-1')],
  // A group named exactly the domain id, as under the ACL model (SpecMesh's functional tests name theirs so).
  ['acme.retail.orders', 'AlterGroup', groupArn('acme.retail.orders')],
  ['acme.retail.orders', 'DescribeGroup', groupArn('acme.retail.orders')],
  ['acme.retail', 'AlterGroup', groupArn('acme.retail')],
  ['acme.user', 'AlterGroup', groupArn('acme.user')],
  ['acme.user', 'AlterGroup', groupArn('acme.user.signup-mailer')],
  ['acme.user', 'WriteData', topicArn('acme.user._public.signed_up')],
  ['acme.userprops', 'AlterGroup', groupArn('acme.userprops.svc')],
  ['acme.userprops', 'ReadData', topicArn('acme.userprops._private.cache')],
];

describe('MSK IAM policies keep every domain boundary', () => {
  it('builds them without diagnostics', () => {
    expect(diagnostics).toEqual([]);
  });

  it.each(allowed)('allows %s %s on %s', async (d, action, resource) => {
    expect(await decideFor(policies, d, action, resource)).toBe('Allowed');
  });

  it.each(refused)('refuses %s %s on %s', async (d, action, resource) => {
    expect(await decideFor(policies, d, action, resource)).not.toBe('Allowed');
  });

  it.each(explicitlyDenied)('denies a parent domain its child\'s groups and transactional ids explicitly: %s %s on %s', async (d, action, resource) => {
    expect(await decideFor(policies, d, action, resource)).toBe('ExplicitlyDenied');
  });

  it('adds Deny statements only to parents, naming each nested domain in the input', () => {
    const denies = policies.flatMap((p) => p.document.Statement.filter((s) => s.Effect === 'Deny').map((s) => [p.domain, s.Sid, s.Resource] as const));
    expect(denies).toEqual([
      ['acme.retail', 'DenyNestedDomainGroups',
        [groupArn('acme.retail.orders'), groupArn('acme.retail.orders.*'), groupArn('acme.retail.payments'), groupArn('acme.retail.payments.*')]],
      ['acme.retail', 'DenyNestedDomainTransactionalIds',
        [txnArn('acme.retail.orders'), txnArn('acme.retail.orders.*'), txnArn('acme.retail.payments'), txnArn('acme.retail.payments.*')]],
    ]);
  });

  it('allows groups on exactly "<d>" and "<d>.*", and transactional ids on "<d>.*" only, as the ACL model does', () => {
    const resources = (d: string, sid: string) => policies.filter((p) => p.domain === d)
      .flatMap((p) => p.document.Statement.filter((s) => s.Sid === sid).flatMap((s) => s.Resource));
    expect(resources('acme.retail.orders', 'OwnGroups')).toEqual([groupArn('acme.retail.orders'), groupArn('acme.retail.orders.*')]);
    expect(resources('acme.retail.orders', 'OwnTransactionalIds')).toEqual([txnArn('acme.retail.orders.*')]);
  });

  it('ends every pattern in "." before "*", so no pattern of acme.user reaches acme.userprops', () => {
    const patterns = policies.flatMap((p) => p.document.Statement.flatMap((s) => s.Resource)).filter((r) => r.endsWith('*'));
    expect(patterns.length).toBeGreaterThan(0);
    expect(patterns.filter((r) => !r.endsWith('.*'))).toEqual([]);
    const userPatterns = policies.filter((p) => p.domain === 'acme.user').flatMap((p) => p.document.Statement.flatMap((s) => s.Resource));
    expect(userPatterns.filter((r) => r.includes('acme.userprops'))).toEqual([]);
  });
});

describe('the simulator is strict enough to catch the leaks these policies avoid', () => {
  // Bare prefixes, as SpecMesh's ACLs use them (issue #564), written as IAM patterns.
  const naive = (d: string): IamPolicy => ({
    domain: d, principal: roleOf(d), policyName: `naive-${d}`, part: 1, parts: 1,
    document: { Version: '2012-10-17', Statement: [
      { Sid: 'Connect', Effect: 'Allow', Action: ['kafka-cluster:Connect'], Resource: [CLUSTER_ARN] },
      { Sid: 'Groups', Effect: 'Allow', Action: ['kafka-cluster:AlterGroup', 'kafka-cluster:DescribeGroup'], Resource: [groupArn(`${d}*`)] },
      { Sid: 'Topics', Effect: 'Allow', Action: ['kafka-cluster:ReadData', 'kafka-cluster:DescribeTopic'], Resource: [topicArn(`${d}*`)] },
    ] },
  });
  const loose = ['acme.user', 'acme.retail'].map(naive);

  it('shows that bare prefixes leak across prefix-sharing and nested domains', async () => {
    expect(await decideFor(loose, 'acme.user', 'AlterGroup', groupArn('acme.userprops.svc'))).toBe('Allowed');
    expect(await decideFor(loose, 'acme.retail', 'ReadData', topicArn('acme.retail.orders._private.order_state'))).toBe('Allowed');
  });

  it('shows that a pattern ending in "." still reaches a nested domain without the Deny', async () => {
    const parent = policies.filter((p) => p.domain === 'acme.retail').map((p) => p.document);
    const withoutDeny = parent.map((doc) => ({ ...doc, Statement: doc.Statement.filter((s) => s.Effect === 'Allow') }));
    expect(await decide({ policies: withoutDeny, principal: roleOf('acme.retail'), action: 'kafka-cluster:AlterGroup', resource: groupArn('acme.retail.orders.fulfilment') })).toBe('Allowed');
  });
});
