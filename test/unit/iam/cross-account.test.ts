import { describe, expect, it } from 'vitest';
import { buildIamPolicies } from '../../../src/iam/index.js';
import { domain } from '../../support/domain-builder.js';
import { CLUSTER_ARN, OTHER_ACCOUNT, decide, documentsOf, groupArn, roleOf, roleTemplate, topicArn } from './simulate.js';

const orders = domain('acme.orders').owns('public', 'placed').owns('protected', 'paid', ['acme.connect']).build();
const connector = domain('acme.connect').consumes('acme.orders._protected.paid', 'acme.orders._public.placed').build();
const remote = roleOf('acme.connect', OTHER_ACCOUNT);
const { policies, clusterPolicy, diagnostics } = buildIamPolicies([orders, connector], {
  clusterArn: CLUSTER_ARN, roleTemplate: roleTemplate(), roleMapping: { 'acme.connect': remote },
});

describe('cross-account principals', () => {
  const ask = (action: string, resource: string, withClusterPolicy = true) => decide({
    policies: documentsOf(policies, remote), principal: remote, action, resource,
    ...(withClusterPolicy && clusterPolicy ? { resourcePolicy: clusterPolicy.document } : {}),
  });

  it('builds the MSK cluster policy, naming only the principal in the other account', () => {
    expect(diagnostics).toEqual([]);
    expect(clusterPolicy).toBeDefined();
    const principals = new Set(clusterPolicy!.document.Statement.map((s) => s.Principal?.AWS));
    expect(principals).toEqual(new Set([remote]));
  });

  it('lets the remote role connect and read what its own spec consumes, with the cluster policy', async () => {
    expect(await ask('kafka-cluster:Connect', CLUSTER_ARN)).toBe('Allowed');
    expect(await ask('kafka-cluster:ReadData', topicArn('acme.orders._protected.paid'))).toBe('Allowed');
    expect(await ask('kafka-cluster:AlterGroup', groupArn('acme.connect.sink'))).toBe('Allowed');
  });

  it('refuses the same requests without the cluster policy', async () => {
    expect(await ask('kafka-cluster:Connect', CLUSTER_ARN, false)).not.toBe('Allowed');
    expect(await ask('kafka-cluster:ReadData', topicArn('acme.orders._protected.paid'), false)).not.toBe('Allowed');
  });

  it('allows the multi-VPC connectivity actions on the cluster', async () => {
    const connectivity = clusterPolicy!.document.Statement.find((s) => s.Action.includes('kafka:CreateVpcConnection'));
    expect(connectivity).toMatchObject({
      Principal: { AWS: remote }, Resource: [CLUSTER_ARN],
      Action: ['kafka:CreateVpcConnection', 'kafka:DescribeCluster', 'kafka:DescribeClusterV2', 'kafka:GetBootstrapBrokers'],
    });
    // AWS's action data gives GetBootstrapBrokers no resource type, so the simulator only takes it on
    // "*"; a cluster policy is attached to the cluster, which is why it names the cluster ARN there.
    for (const action of ['kafka:CreateVpcConnection', 'kafka:DescribeCluster', 'kafka:DescribeClusterV2']) {
      const result = await decide({ policies: [{ Version: '2012-10-17', Statement: [{ Sid: 'Client', Effect: 'Allow', Action: [action], Resource: [CLUSTER_ARN] }] }],
        principal: remote, action, resource: CLUSTER_ARN, resourcePolicy: clusterPolicy!.document });
      expect(result, action).toBe('Allowed');
    }
  });

  it('grants the remote role nothing on the cluster beyond its identity policy', async () => {
    expect(await ask('kafka-cluster:WriteData', topicArn('acme.orders._public.placed'))).not.toBe('Allowed');
    expect(await ask('kafka-cluster:ReadData', topicArn('acme.orders._private.state'))).not.toBe('Allowed');
    const clusterActions = clusterPolicy!.document.Statement.flatMap((s) => s.Action);
    expect(clusterActions.filter((a) => a.includes('*'))).toEqual([]);
  });

  it('reports a cluster policy past MSK\'s 20 KB, which cannot be split', () => {
    const wide = domain('acme.connect').consumes(...Array.from({ length: 250 }, (_, i) => `acme.p${i}._public.events`)).build();
    const big = buildIamPolicies([wide], { clusterArn: CLUSTER_ARN, roleTemplate: roleTemplate(OTHER_ACCOUNT) });
    expect(big.diagnostics).toEqual([expect.objectContaining({ severity: 'error', code: 'iam-cluster-policy-too-large' })]);
  });

  it('leaves the cluster policy out when every role is in the cluster\'s account', () => {
    const local = buildIamPolicies([orders, connector], { clusterArn: CLUSTER_ARN, roleTemplate: roleTemplate() });
    expect(local.clusterPolicy).toBeUndefined();
  });

  it('gives same-account roles their access from the identity policy alone', async () => {
    expect(await decide({ policies: documentsOf(policies, roleOf('acme.orders')), principal: roleOf('acme.orders'), action: 'kafka-cluster:WriteData', resource: topicArn('acme.orders._public.placed') })).toBe('Allowed');
  });
});
