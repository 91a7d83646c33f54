import { describe, expect, it } from 'vitest';
import { buildToolPolicy } from '../../../src/iam/tool-policy.js';

const CLUSTER = 'arn:aws:kafka:eu-west-1:123456789012:cluster/prod/abcd-1';
const actions = (p: { Statement: { Action: string[] }[] }) => p.Statement.flatMap((s) => s.Action).sort();
const where = (p: { Statement: { Action: string[]; Resource: string[] }[] }, action: string) => p.Statement.find((s) => s.Action.includes(action))?.Resource;

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
    const p = actions(buildToolPolicy({ emitters: ['iam'], command: 'provision', clusterArn: CLUSTER }));
    expect(p).toEqual(expect.arrayContaining(['iam:CreatePolicy', 'iam:AttachRolePolicy', 'kafka:PutClusterPolicy', 'kafka-cluster:CreateTopic', 'kafka-cluster:AlterTopicDynamicConfiguration']));
    expect(p).not.toContain('iam:DeletePolicy');
    expect(p).not.toContain('kafka-cluster:DeleteTopic');
    const clean = actions(buildToolPolicy({ emitters: ['iam'], command: 'provision', cleanUnspecified: true }));
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
    expect(where(scram, 'secretsmanager:CreateSecret')).toEqual(['arn:aws:secretsmanager:*:*:secret:AmazonMSK_*']);
  });

  it('never grants a wildcard action', () => {
    for (const emitters of [['acl'], ['scram'], ['iam'], ['acl', 'scram', 'iam']]) {
      const p = buildToolPolicy({ emitters, command: 'provision', cleanUnspecified: true, createKmsKey: true });
      expect(actions(p).filter((a) => a.includes('*'))).toEqual([]);
    }
  });
});
