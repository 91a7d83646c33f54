import { describe, expect, it } from 'vitest';
import { buildIamPolicies, parseClusterArn, parseRoleArn, roleArnFor } from '../../../src/iam/index.js';
import { domain } from '../../support/domain-builder.js';
import { CLUSTER_ARN, roleOf, roleTemplate } from './simulate.js';

describe('parseClusterArn', () => {
  it('takes an MSK cluster ARN apart', () => {
    expect(parseClusterArn('arn:aws:kafka:us-east-1:123456789012:cluster/MyCluster/a1b2c3d4-5678-90ab-cdef-11111EXAMPLE-1')).toEqual({
      arn: 'arn:aws:kafka:us-east-1:123456789012:cluster/MyCluster/a1b2c3d4-5678-90ab-cdef-11111EXAMPLE-1',
      partition: 'aws', region: 'us-east-1', account: '123456789012', name: 'MyCluster', uuid: 'a1b2c3d4-5678-90ab-cdef-11111EXAMPLE-1',
    });
    expect(parseClusterArn('arn:aws-us-gov:kafka:us-gov-west-1:123456789012:cluster/c/u-1')).toMatchObject({ partition: 'aws-us-gov', region: 'us-gov-west-1' });
  });

  it.each([
    ['a topic ARN', 'arn:aws:kafka:us-east-1:123456789012:topic/MyCluster/uuid-1/orders'],
    ['a short account', 'arn:aws:kafka:us-east-1:1234:cluster/MyCluster/uuid-1'],
    ['no uuid', 'arn:aws:kafka:us-east-1:123456789012:cluster/MyCluster'],
    ['a wildcard', 'arn:aws:kafka:us-east-1:123456789012:cluster/*/*'],
    ['another service', 'arn:aws:kinesis:us-east-1:123456789012:cluster/MyCluster/uuid-1'],
    ['no region', 'arn:aws:kafka::123456789012:cluster/MyCluster/uuid-1'],
  ])('rejects %s, naming the value', (_what, arn) => {
    expect(parseClusterArn(arn)).toEqual({ problem: expect.stringContaining(`"${arn}"`) });
  });
});

describe('parseRoleArn', () => {
  it('accepts roles with and without a path', () => {
    expect(parseRoleArn('arn:aws:iam::123456789012:role/specmesh-acme.retail')).toMatchObject({ account: '123456789012', name: 'specmesh-acme.retail' });
    expect(parseRoleArn('arn:aws:iam::123456789012:role/service/kafka/orders_app')).toMatchObject({ name: 'orders_app' });
  });

  it.each([
    ['a user', 'arn:aws:iam::123456789012:user/bob'],
    ['an 11-digit account', 'arn:aws:iam::12345678901:role/r'],
    ['a region', 'arn:aws:iam:eu-west-1:123456789012:role/r'],
    ['an empty name', 'arn:aws:iam::123456789012:role/'],
    ['a bare name', 'specmesh-orders'],
    ['a name past 64 characters', `arn:aws:iam::123456789012:role/${'r'.repeat(65)}`],
  ])('rejects %s', (_what, arn) => {
    expect(parseRoleArn(arn)).toHaveProperty('problem');
  });
});

describe('role of a domain', () => {
  it('fills {domain} in the template, and lets the mapping win', () => {
    const source = { roleTemplate: 'arn:aws:iam::123456789012:role/specmesh-{domain}', roleMapping: { 'acme.b': 'arn:aws:iam::123456789012:role/b-app' } };
    expect(roleArnFor('acme.a', source)).toBe('arn:aws:iam::123456789012:role/specmesh-acme.a');
    expect(roleArnFor('acme.b', source)).toBe('arn:aws:iam::123456789012:role/b-app');
    expect(roleArnFor('acme.a', {})).toBeUndefined();
  });

  it('reports a domain without a role as an error and builds no policy for it', () => {
    const result = buildIamPolicies([domain('acme.a').build(), domain('acme.b').build()], {
      clusterArn: CLUSTER_ARN, roleMapping: { 'acme.b': roleOf('acme.b') },
    });
    expect(result.policies.map((p) => p.domain)).toEqual(['acme.b']);
    expect(result.diagnostics).toEqual([expect.objectContaining({ severity: 'error', code: 'iam-role-missing', location: { file: 'specs/acme.a.yaml', line: 2 } })]);
  });

  it('reports a malformed role ARN as an error', () => {
    const result = buildIamPolicies([domain('acme.a').build()], { clusterArn: CLUSTER_ARN, roleTemplate: 'arn:aws:iam::123:role/{domain}' });
    expect(result.policies).toEqual([]);
    expect(result.diagnostics).toEqual([expect.objectContaining({ severity: 'error', code: 'iam-role-invalid', summary: expect.stringContaining('"arn:aws:iam::123:role/acme.a"') })]);
  });

  it('reports a role in another partition than the cluster', () => {
    const result = buildIamPolicies([domain('acme.a').build()], { clusterArn: CLUSTER_ARN, roleTemplate: 'arn:aws-cn:iam::123456789012:role/{domain}' });
    expect(result.diagnostics.map((d) => d.code)).toEqual(['iam-role-invalid']);
  });

  it('reports a malformed cluster ARN once and builds nothing', () => {
    const result = buildIamPolicies([domain('acme.a').build()], { clusterArn: 'orders-cluster', roleTemplate: roleTemplate() });
    expect(result).toEqual({ policies: [], diagnostics: [expect.objectContaining({ severity: 'error', code: 'iam-cluster-arn-invalid' })] });
  });

  it('warns when domains share a role, since that erases the boundary between them', () => {
    const result = buildIamPolicies([domain('acme.a').build(), domain('acme.b').build()], { clusterArn: CLUSTER_ARN, roleTemplate: 'arn:aws:iam::111122223333:role/everyone', sharedRole: true });
    expect(result.diagnostics).toEqual([expect.objectContaining({ severity: 'warning', code: 'iam-role-shared' })]);
  });

  it('refuses policy names that collide in one account', () => {
    // acme.a split in parts would be specmesh-acme.a-1; a domain "acme.a-1" is named the same.
    const many = domain('acme.a').consumes(...Array.from({ length: 100 }, (_, i) => `acme.p${i}._public.t`)).build();
    const result = buildIamPolicies([many, domain('acme.a-1').build()], { clusterArn: CLUSTER_ARN, roleTemplate: roleTemplate() });
    expect(result.diagnostics).toEqual([expect.objectContaining({ severity: 'error', code: 'iam-policy-name-collision', summary: expect.stringContaining('"specmesh-acme.a-1"') })]);
  });
});
