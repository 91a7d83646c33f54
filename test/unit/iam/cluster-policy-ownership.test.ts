import { describe, expect, it } from 'vitest';
import { isPlannedStatement } from '../../../src/iam/cluster-policy-ownership.js';
import { planIam } from '../../../src/iam/iam-plan.js';
import { domain } from '../../support/domain-builder.js';
import { CLUSTER_ARN, OTHER_ACCOUNT } from './simulate.js';

const st = (Sid: string) => ({ Sid, Effect: 'Allow' as const, Principal: { AWS: 'arn:aws:iam::444455556666:role/r' }, Action: ['kafka:DescribeCluster'], Resource: [CLUSTER_ARN] });

describe('which cluster-policy statements a plan decides', () => {
  const scope = { domains: ['acme.retail'], roleNames: ['specmesh-acme.retail'] };

  it('takes specmesh\'s statements of planned domains and their roles, by Sid', () => {
    expect(isPlannedStatement(st('SpecmeshAcmeRetailOwnTopics'), scope)).toBe(true);
    expect(isPlannedStatement(st('SpecmeshAcmeRetailReadConsumedTopics2'), scope)).toBe(true);
    expect(isPlannedStatement(st('SpecmeshSpecmeshAcmeRetailConnectivity'), scope)).toBe(true);
  });

  it('leaves a nested domain\'s statements, other domains\' and others\' alone', () => {
    expect(isPlannedStatement(st('SpecmeshAcmeRetailOrdersOwnTopics'), scope)).toBe(false);
    expect(isPlannedStatement(st('SpecmeshAcmePaymentsCluster'), scope)).toBe(false);
    expect(isPlannedStatement(st('AcmeRetailOwnTopics'), scope)).toBe(false);
    expect(isPlannedStatement(st('AuditorDescribe'), scope)).toBe(false);
  });
});

describe('planning the cluster policy', () => {
  const connector = domain('acme.connector').consumes('acme.orders._public.placed').build();
  const options = { clusterArn: CLUSTER_ARN, roleTemplate: `arn:aws:iam::${OTHER_ACCOUNT}:role/specmesh-{domain}` };
  const theirs = { Sid: 'AuditorDescribe', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${OTHER_ACCOUNT}:role/auditor` }, Action: ['kafka:DescribeCluster'], Resource: [CLUSTER_ARN] };

  it('writes specmesh\'s statements beside the ones already there, keeping their document\'s own fields', () => {
    const before = { document: { Version: '2012-10-17', Id: 'kept', Statement: [theirs] }, version: '3' };
    const { changes } = planIam([connector], { iamPolicies: [], mskClusterPolicy: before }, options, false);
    const change = changes.find((c) => c.kind === 'msk-cluster-policy')!;
    expect(change.action).toBe('update');
    const doc = (change.after as { document: { Id: string; Statement: { Sid: string }[] }; version: string });
    expect(doc.version).toBe('3');
    expect(doc.document.Id).toBe('kept');
    expect(doc.document.Statement[0]).toEqual(theirs);
    expect(doc.document.Statement.slice(1).every((s) => s.Sid.startsWith('SpecmeshAcmeConnector') || s.Sid.startsWith('SpecmeshSpecmeshAcmeConnector'))).toBe(true);
  });

  it('refuses a merged policy over MSK\'s 20 KB', () => {
    const bulky = Array.from({ length: 200 }, (_, i) => ({ ...theirs, Sid: `Other${i}`, Resource: [`${CLUSTER_ARN}/${'x'.repeat(80)}${i}`] }));
    const { diagnostics } = planIam([connector], { iamPolicies: [], mskClusterPolicy: { document: { Version: '2012-10-17', Statement: bulky } } }, options, false);
    expect(diagnostics.find((d) => d.code === 'iam-cluster-policy-too-large')).toMatchObject({ severity: 'error' });
  });
});
