import { describe, expect, it } from 'vitest';
import { buildIamPolicies } from '../../../src/iam/index.js';
import { domain } from '../../support/domain-builder.js';
import { CLUSTER_ARN, decideFor, groupArn, roleTemplate, topicArn } from './simulate.js';

const options = { clusterArn: CLUSTER_ARN, roleTemplate: roleTemplate() };

const orders = domain('acme.orders')
  .owns('public', 'placed').owns('public', 'cancelled')
  .owns('protected', 'paid', ['acme.billing'])
  .owns('protected', 'refunded', ['_public'])
  .owns('protected', 'audited', ['acme.audit'])
  .owns('private', 'state')
  .build();
const billing = domain('acme.billing')
  .consumes('acme.orders._public.placed', 'acme.orders._protected.paid', 'acme.orders._protected.refunded', 'acme.orders._protected.audited', 'acme.orders._private.state')
  .build();

describe('consumption, least privilege', () => {
  const { policies, diagnostics } = buildIamPolicies([orders, billing], options);
  const read = (topic: string) => decideFor(policies, 'acme.billing', 'ReadData', topicArn(topic));

  it('allows reading a declared public topic', async () => {
    expect(await read('acme.orders._public.placed')).toBe('Allowed');
    expect(await decideFor(policies, 'acme.billing', 'DescribeTopic', topicArn('acme.orders._public.placed'))).toBe('Allowed');
  });

  it('refuses an undeclared public topic of the same owner', async () => {
    expect(await read('acme.orders._public.cancelled')).toBe('ImplicitlyDenied');
    expect(await decideFor(policies, 'acme.billing', 'DescribeTopic', topicArn('acme.orders._public.cancelled'))).toBe('ImplicitlyDenied');
  });

  it('allows a protected topic whose owner grants the consumer by name or by _public', async () => {
    expect(await read('acme.orders._protected.paid')).toBe('Allowed');
    expect(await read('acme.orders._protected.refunded')).toBe('Allowed');
  });

  it('refuses a protected topic granted to another domain, with an iam-grant-missing warning', async () => {
    expect(await read('acme.orders._protected.audited')).toBe('ImplicitlyDenied');
    expect(diagnostics).toContainEqual(expect.objectContaining({ severity: 'warning', code: 'iam-grant-missing', location: { file: 'specs/acme.billing.yaml', line: 53 } }));
  });

  it('never grants a private topic, and warns with iam-private-consume', async () => {
    expect(await read('acme.orders._private.state')).toBe('ImplicitlyDenied');
    expect(diagnostics).toContainEqual(expect.objectContaining({ severity: 'warning', code: 'iam-private-consume' }));
  });

  it('never lets a consumer write, create, or use the owner\'s groups', async () => {
    expect(await decideFor(policies, 'acme.billing', 'WriteData', topicArn('acme.orders._public.placed'))).toBe('ImplicitlyDenied');
    expect(await decideFor(policies, 'acme.billing', 'CreateTopic', topicArn('acme.orders._private.x'))).toBe('ImplicitlyDenied');
    expect(await decideFor(policies, 'acme.billing', 'AlterGroup', groupArn('acme.orders.fulfilment'))).toBe('ImplicitlyDenied');
  });

  it('gives the consumer its own consumer groups, which ReadData needs', async () => {
    expect(await decideFor(policies, 'acme.billing', 'AlterGroup', groupArn('acme.billing.orders-reader'))).toBe('Allowed');
    expect(await decideFor(policies, 'acme.billing', 'DescribeGroup', groupArn('acme.billing.orders-reader'))).toBe('Allowed');
  });

  it('reports exactly the two refused consumptions', () => {
    expect(diagnostics.map((d) => d.code).sort()).toEqual(['iam-grant-missing', 'iam-private-consume']);
  });
});

describe('a protected topic whose owner spec is absent', () => {
  const { policies, diagnostics } = buildIamPolicies([billing], options);

  it('is not granted and raises iam-protected-owner-unknown', async () => {
    expect(await decideFor(policies, 'acme.billing', 'ReadData', topicArn('acme.orders._protected.paid'))).toBe('ImplicitlyDenied');
    expect(diagnostics.filter((d) => d.code === 'iam-protected-owner-unknown').map((d) => d.summary)).toEqual([
      expect.stringContaining('"acme.orders._protected.paid"'),
      expect.stringContaining('"acme.orders._protected.refunded"'),
      expect.stringContaining('"acme.orders._protected.audited"'),
    ]);
  });

  it('still grants a public topic: the owner made it public', async () => {
    expect(await decideFor(policies, 'acme.billing', 'ReadData', topicArn('acme.orders._public.placed'))).toBe('Allowed');
  });
});

describe('a protected topic the owner spec does not declare', () => {
  const stale = domain('acme.billing').consumes('acme.orders._protected.renamed').build();
  const { policies, diagnostics } = buildIamPolicies([orders, stale], options);

  it('is not granted and raises iam-consumed-topic-unknown', async () => {
    expect(await decideFor(policies, 'acme.billing', 'ReadData', topicArn('acme.orders._protected.renamed'))).toBe('ImplicitlyDenied');
    expect(diagnostics.map((d) => d.code)).toEqual(['iam-consumed-topic-unknown']);
  });
});

describe('widened public reads', () => {
  const reader = domain('acme.reports').consumes('acme.orders._protected.paid').build();
  const odd = domain('acme.odd').owns('private', 'x._public.y').owns('public', 'z').build();
  const { policies, diagnostics } = buildIamPolicies([orders, reader, odd], { ...options, widenPublicReads: true });
  const decideReports = (action: string, topic: string) => decideFor(policies, 'acme.reports', action, topicArn(topic));

  it('allows reading any public topic, declared or not', async () => {
    expect(await decideReports('ReadData', 'acme.orders._public.cancelled')).toBe('Allowed');
    expect(await decideReports('DescribeTopic', 'someone.else._public.events')).toBe('Allowed');
  });

  it('still refuses protected topics not granted and private topics', async () => {
    expect(await decideReports('ReadData', 'acme.orders._protected.paid')).toBe('ImplicitlyDenied');
    expect(await decideReports('ReadData', 'acme.orders._private.state')).toBe('ImplicitlyDenied');
    expect(await decideReports('WriteData', 'acme.orders._public.placed')).toBe('ImplicitlyDenied');
  });

  it('uses one pattern instead of listing public topics', () => {
    const reads = policies.filter((p) => p.domain === 'acme.billing' || p.domain === 'acme.reports')
      .flatMap((p) => p.document.Statement).filter((s) => s.Sid === 'ReadPublicTopics');
    expect(reads.map((s) => s.Resource)).toEqual([[topicArn('*._public.*')]]);
  });

  it('denies explicitly a private topic whose name the public pattern also matches, and warns', async () => {
    expect(await decideReports('ReadData', 'acme.odd._private.x._public.y')).toBe('ExplicitlyDenied');
    expect(await decideFor(policies, 'acme.odd', 'ReadData', topicArn('acme.odd._private.x._public.y'))).toBe('Allowed');
    expect(diagnostics).toContainEqual(expect.objectContaining({ code: 'iam-public-pattern-overlap', summary: expect.stringContaining('acme.odd._private.x._public.y') }));
  });
});
