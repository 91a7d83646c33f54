import { describe, expect, it } from 'vitest';
import { buildIamPolicies } from '../../../src/iam/index.js';
import { domain } from '../../support/domain-builder.js';
import { CLUSTER_ARN } from './simulate.js';

const orders = domain('acme.orders').owns('public', 'placed').build();
const payments = domain('acme.payments').owns('public', 'settled').build();
const codes = (r: ReturnType<typeof buildIamPolicies>) => r.diagnostics.map((d) => `${d.severity} ${d.code}`);

describe('IAM input that would give away access or cannot work', () => {
  it('refuses a role template without {domain}: every domain would share one role, and name the fix', () => {
    const r = buildIamPolicies([orders, payments], { clusterArn: CLUSTER_ARN, roleTemplate: 'arn:aws:iam::123456789012:role/specmesh' });
    expect(r.policies).toEqual([]);
    expect(r.diagnostics).toEqual([expect.objectContaining({
      severity: 'error', code: 'iam-role-template-shared',
      summary: '--iam-role-template "arn:aws:iam::123456789012:role/specmesh" has no {domain}: every domain (acme.orders, acme.payments) would share that one role, and with it every other domain\'s access',
      fix: expect.stringContaining('--iam-shared-role'),
    })]);
  });

  it('takes such a template when the role is shared on purpose (--iam-shared-role), warning that the domains share it', () => {
    const r = buildIamPolicies([orders, payments], { clusterArn: CLUSTER_ARN, roleTemplate: 'arn:aws:iam::123456789012:role/specmesh', sharedRole: true });
    expect(r.policies.map((p) => p.principal)).toEqual(['arn:aws:iam::123456789012:role/specmesh', 'arn:aws:iam::123456789012:role/specmesh']);
    expect(codes(r).every((c) => c.startsWith('warning'))).toBe(true);
  });

  it('does not mind the template when every domain is mapped to a role', () => {
    const r = buildIamPolicies([orders], { clusterArn: CLUSTER_ARN, roleTemplate: 'arn:aws:iam::123456789012:role/specmesh', roleMapping: { 'acme.orders': 'arn:aws:iam::123456789012:role/orders' } });
    expect(codes(r)).toEqual([]);
  });

  it.each([
    ['a region AWS does not have', 'arn:aws:kafka:eu-wset-1:123456789012:cluster/c/u-1', '(--msk-cluster-arn): "eu-wset-1" is not an AWS region (did you mean eu-west-1?)'],
    ['a region of another partition', 'arn:aws:kafka:cn-north-1:123456789012:cluster/c/u-1', 'region cn-north-1 is in partition aws-cn, but the ARN says aws'],
    ['a malformed ARN', 'arn:aws:kafka:eu-west-1:123456789012:cluster/c', 'The cluster ARN (--msk-cluster-arn): "arn:aws:kafka:eu-west-1:123456789012:cluster/c" is not an MSK cluster ARN'],
  ])('refuses a cluster ARN with %s', (_what, clusterArn, problem) => {
    const r = buildIamPolicies([orders], { clusterArn, roleTemplate: 'arn:aws:iam::123456789012:role/specmesh-{domain}' });
    expect(r.policies).toEqual([]);
    expect(r.diagnostics).toEqual([expect.objectContaining({ severity: 'error', code: 'iam-cluster-arn-invalid', summary: expect.stringContaining(problem), fix: expect.stringContaining('list-clusters-v2') })]);
  });

  it('refuses a role in another partition than the cluster, saying how to write it', () => {
    const r = buildIamPolicies([orders], { clusterArn: 'arn:aws-cn:kafka:cn-north-1:123456789012:cluster/c/u-1', roleTemplate: 'arn:aws:iam::123456789012:role/specmesh-{domain}' });
    expect(r.diagnostics).toEqual([expect.objectContaining({ code: 'iam-role-invalid', fix: 'Roles must be in the cluster\'s partition: write the role template or map entry as arn:aws-cn:iam::<account>:role/….' })]);
  });

  it('accepts a region this release does not know when told AWS has it', () => {
    const r = buildIamPolicies([orders], { clusterArn: 'arn:aws:kafka:eu-west-9:123456789012:cluster/c/u-1', roleTemplate: 'arn:aws:iam::123456789012:role/specmesh-{domain}', allowUnknownRegions: true });
    expect(r.policies).toHaveLength(1);
  });
});
