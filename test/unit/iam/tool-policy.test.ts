import { describe, expect, it } from 'vitest';
import { buildToolPolicy } from '../../../src/iam/tool-policy.js';

const CLUSTER = 'arn:aws:kafka:eu-west-1:123456789012:cluster/prod/abcd-1';
const actions = (p: { Statement: { Action: string[] }[] }) => p.Statement.flatMap((s) => s.Action).sort();
const where = (p: { Statement: { Action: string[]; Resource: string[] }[] }, action: string): string[] | undefined => p.Statement.find((s) => s.Action.includes(action))?.Resource;

describe('the IAM policy specmesh itself needs', () => {
  it('to plan with the iam emitter managing policies: reads only, on the cluster, its topics and the /specmesh/ policies', () => {
    const p = buildToolPolicy({ emitters: ['iam'], command: 'plan', clusterArn: CLUSTER, iamManage: true });
    expect(actions(p)).toEqual([
      'iam:GetPolicy', 'iam:GetPolicyVersion', 'iam:GetRole', 'iam:ListEntitiesForPolicy', 'iam:ListPolicies',
      'kafka-cluster:Connect', 'kafka-cluster:DescribeTopic', 'kafka-cluster:DescribeTopicDynamicConfiguration', 'kafka:GetClusterPolicy', 'sts:GetCallerIdentity',
    ]);
    expect(where(p, 'kafka-cluster:DescribeTopic')).toEqual(['arn:aws:kafka:eu-west-1:123456789012:topic/prod/abcd-1/*']);
    expect(where(p, 'iam:GetPolicy')).toEqual(['arn:aws:iam::123456789012:policy/specmesh/*']);
    expect(where(p, 'kafka:GetClusterPolicy')).toEqual([CLUSTER]);
    expect(where(p, 'sts:GetCallerIdentity')).toEqual(['*']);
  });

  it('to provision: the writes too, deletes only with --clean-unspecified', () => {
    const p = actions(buildToolPolicy({ emitters: ['iam'], command: 'provision', clusterArn: CLUSTER, iamManage: true }));
    expect(p).toEqual(expect.arrayContaining(['iam:CreatePolicy', 'iam:AttachRolePolicy', 'kafka:PutClusterPolicy', 'kafka-cluster:CreateTopic', 'kafka-cluster:AlterTopicDynamicConfiguration']));
    expect(p).not.toContain('iam:DeletePolicy');
    expect(p).not.toContain('kafka-cluster:DeleteTopic');
    const clean = actions(buildToolPolicy({ emitters: ['iam'], command: 'provision', cleanUnspecified: true, iamManage: true }));
    expect(clean).toEqual(expect.arrayContaining(['iam:DeletePolicy', 'iam:DetachUserPolicy', 'kafka:DeleteClusterPolicy', 'kafka-cluster:DeleteTopic']));
  });

  it('adds what the ACL and SCRAM emitters call, and leaves out the kafka-cluster actions when specmesh does not connect with IAM', () => {
    expect(actions(buildToolPolicy({ emitters: ['acl'], command: 'provision' }))).toEqual([
      'kafka-cluster:AlterCluster', 'kafka-cluster:AlterTopic', 'kafka-cluster:AlterTopicDynamicConfiguration', 'kafka-cluster:Connect',
      'kafka-cluster:CreateTopic', 'kafka-cluster:DescribeCluster', 'kafka-cluster:DescribeTopic', 'kafka-cluster:DescribeTopicDynamicConfiguration',
    ]);
    const scram = buildToolPolicy({ emitters: ['scram'], command: 'provision', kafkaIam: false, createKmsKey: true });
    expect(actions(scram).filter((a) => a.startsWith('kafka-cluster:'))).toEqual([]);
    expect(actions(scram)).toEqual(expect.arrayContaining(['kafka:BatchAssociateScramSecret', 'secretsmanager:CreateSecret', 'kms:CreateKey', 'kms:CreateGrant']));
    // Only the secrets specmesh names, not every SCRAM secret of the account.
    expect(where(scram, 'secretsmanager:CreateSecret')).toEqual(['arn:aws:secretsmanager:*:*:secret:AmazonMSK_specmesh_*']);
    expect(where(scram, 'secretsmanager:GetSecretValue')).toEqual(['arn:aws:secretsmanager:*:*:secret:AmazonMSK_specmesh_*']);
  });

  it('without --iam-manage, the iam emitter only writes policy files: no IAM action', () => {
    const p = actions(buildToolPolicy({ emitters: ['iam'], command: 'provision', clusterArn: CLUSTER, cleanUnspecified: true }));
    expect(p.filter((a) => !a.startsWith('kafka-cluster:'))).toEqual([]);
  });

  it('attaches and detaches only specmesh\'s own policies, and only to the domain roles when the role template is given', () => {
    const p = buildToolPolicy({ emitters: ['iam'], command: 'provision', clusterArn: CLUSTER, iamManage: true, cleanUnspecified: true,
      roleTemplate: 'arn:aws:iam::123456789012:role/specmesh-{domain}' });
    const attach = p.Statement.find((s) => s.Action.includes('iam:AttachRolePolicy'));
    expect(attach).toMatchObject({ Action: ['iam:AttachRolePolicy', 'iam:DetachRolePolicy'], Resource: ['arn:aws:iam::123456789012:role/specmesh-*'],
      Condition: { ArnLike: { 'iam:PolicyARN': ['arn:aws:iam::123456789012:policy/specmesh/*'] } } });
    for (const action of ['iam:DetachUserPolicy', 'iam:DetachGroupPolicy']) {
      expect(p.Statement.find((s) => s.Action.includes(action))?.Condition).toEqual({ ArnLike: { 'iam:PolicyARN': ['arn:aws:iam::123456789012:policy/specmesh/*'] } });
    }
    // Reading a role has no policy to name: no condition, or IAM would refuse it.
    expect(p.Statement.find((s) => s.Action.includes('iam:GetRole'))).toMatchObject({ Resource: ['arn:aws:iam::123456789012:role/specmesh-*'] });
    expect(p.Statement.find((s) => s.Action.includes('iam:GetRole'))?.Condition).toBeUndefined();
    expect(where(buildToolPolicy({ emitters: ['iam'], command: 'provision', clusterArn: CLUSTER, iamManage: true }), 'iam:AttachRolePolicy')).toEqual(['arn:aws:iam::123456789012:role/*']);
  });

  it('never grants a wildcard action', () => {
    for (const emitters of [['acl'], ['scram'], ['iam'], ['acl', 'scram', 'iam']]) {
      const p = buildToolPolicy({ emitters, command: 'provision', cleanUnspecified: true, createKmsKey: true });
      expect(actions(p).filter((a) => a.includes('*'))).toEqual([]);
    }
  });
});
