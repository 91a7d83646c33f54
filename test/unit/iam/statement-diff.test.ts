import { describe, expect, it } from 'vitest';
import { describeStatementChanges, diffStatements, documentChangeReason, shortResource } from '../../../src/iam/statement-diff.js';

const CLUSTER = 'arn:aws:kafka:eu-west-1:123456789012:cluster/prod/abcd-1';
const topic = (t: string) => `arn:aws:kafka:eu-west-1:123456789012:topic/prod/abcd-1/${t}`;
const doc = (...Statement: object[]) => ({ Version: '2012-10-17', Statement });

describe('IAM policy changes, statement by statement', () => {
  it('names added and removed statements with their effect, actions and resources', () => {
    const before = doc({ Sid: 'Old', Effect: 'Allow', Action: 'kafka-cluster:Connect', Resource: CLUSTER });
    const after = doc({ Sid: 'Reads', Effect: 'Allow', Action: ['kafka-cluster:ReadData', 'kafka-cluster:DescribeTopic'], Resource: [topic('a._public.x')] });
    expect(describeStatementChanges(diffStatements(before, after), CLUSTER)).toEqual([
      '+ statement Reads (Allow kafka-cluster:DescribeTopic, kafka-cluster:ReadData on topic a._public.x)',
      '- statement Old (Allow kafka-cluster:Connect on cluster)',
    ]);
  });

  it('lists the actions, resources and effect a statement gains or loses', () => {
    const before = doc({ Sid: 'S', Effect: 'Allow', Action: ['kafka-cluster:ReadData'], Resource: [topic('a.*'), topic('b.*')] });
    const after = doc({ Sid: 'S', Effect: 'Deny', Action: ['kafka-cluster:ReadData', 'kafka-cluster:WriteData'], Resource: [topic('a.*'), 'arn:aws:kafka:eu-west-1:123456789012:group/prod/abcd-1/a.*'], Condition: { Bool: { 'aws:SecureTransport': 'true' } } });
    expect(describeStatementChanges(diffStatements(before, after), CLUSTER)).toEqual([
      '~ statement S: effect Allow → Deny, + kafka-cluster:WriteData, + group a.*, - topic b.*, condition changed',
    ]);
  });

  it('matches statements without a Sid by their place, takes Action and Resource as a string or a list, and sees no change in order alone', () => {
    const a = doc({ Effect: 'Allow', Action: 'kafka-cluster:Connect', Resource: CLUSTER }, { Sid: 'X', Effect: 'Allow', Action: ['b', 'a'], Resource: ['*'] });
    const b = doc({ Sid: 'X', Effect: 'Allow', Action: ['a', 'b'], Resource: '*' }, { Effect: 'Allow', Action: ['kafka-cluster:Connect'], Resource: [CLUSTER] });
    expect(diffStatements(a, b)).toEqual([]);
    expect(documentChangeReason(a, { ...b, Version: '2008-10-17' })).toBe('policy document differs (Version or layout)');
  });

  it('shortens only ARNs of the cluster', () => {
    expect(shortResource(topic('x'), CLUSTER)).toBe('topic x');
    expect(shortResource(CLUSTER, CLUSTER)).toBe('cluster');
    expect(shortResource('arn:aws:kafka:eu-west-1:123456789012:topic/other/abcd-1/x', CLUSTER)).toBe('arn:aws:kafka:eu-west-1:123456789012:topic/other/abcd-1/x');
    expect(shortResource(topic('x'), undefined)).toBe(topic('x'));
  });
});
