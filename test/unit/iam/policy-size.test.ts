import { describe, expect, it } from 'vitest';
import { buildIamPolicies, MAX_MANAGED_POLICY_CHARS, policySize, splitStatements, type PolicyDocument } from '../../../src/iam/index.js';
import { parseClusterArn } from '../../../src/iam/cluster-arn.js';
import { buildDomainStatements } from '../../../src/iam/domain-statements.js';
import type { Domain } from '../../../src/spec/model.js';
import { domain } from '../../support/domain-builder.js';
import { CLUSTER_ARN, decide, roleOf, roleTemplate, topicArn } from './simulate.js';

const options = { clusterArn: CLUSTER_ARN, roleTemplate: roleTemplate() };
const partnerTopic = (i: number): string => `acme.partner${String(i).padStart(3, '0')}._public.events_with_a_descriptive_name`;
const bigConsumer = (n: number): Domain => domain('acme.analytics').owns('public', 'report')
  .consumes(...Array.from({ length: n }, (_, i) => partnerTopic(i))).build();

/** The same domain's statements before splitting, as one (oversized) document. */
function unsplit(d: Domain): PolicyDocument {
  const cluster = parseClusterArn(CLUSTER_ARN);
  if ('problem' in cluster) throw new Error(cluster.problem);
  const { statements } = buildDomainStatements(d, { cluster, owners: new Map([[d.id, d]]), widenPublicReads: false, publicOverlaps: [], nested: [] });
  return { Version: '2012-10-17', Statement: statements };
}

describe('policy size', () => {
  const analytics = bigConsumer(300);
  const { policies, diagnostics } = buildIamPolicies([analytics], options);

  it('splits a domain with 300 consumed topics into parts of at most 6,144 characters without whitespace', () => {
    expect(policies.length).toBeGreaterThan(1);
    for (const p of policies) {
      const text = JSON.stringify(p.document, null, 2).replace(/\s/g, '');
      expect(text.length).toBeLessThanOrEqual(MAX_MANAGED_POLICY_CHARS);
      expect(policySize(p.document)).toBe(text.length);
    }
    expect(policies.map((p) => [p.policyName, p.part, p.parts])).toEqual(
      policies.map((_, i) => [`specmesh-acme.analytics-${i + 1}`, i + 1, policies.length]));
    expect(diagnostics).toEqual([]);
  });

  it('splits the oversized statement into numbered statements, each in one part, with unique Sids', () => {
    const sids = policies.flatMap((p) => p.document.Statement.map((s) => s.Sid));
    expect(new Set(sids).size).toBe(sids.length);
    expect(sids.filter((s) => s.startsWith('ReadConsumedTopics'))).toEqual(
      sids.filter((s) => s.startsWith('ReadConsumedTopics')).map((_, i) => `ReadConsumedTopics${i + 1}`));
    const resources = policies.flatMap((p) => p.document.Statement.filter((s) => s.Sid.startsWith('ReadConsumedTopics')).flatMap((s) => s.Resource));
    expect(resources).toEqual(Array.from({ length: 300 }, (_, i) => topicArn(partnerTopic(i))));
  });

  it('grants together exactly what the unsplit policy grants', async () => {
    const whole = unsplit(analytics);
    expect(policySize(whole)).toBeGreaterThan(MAX_MANAGED_POLICY_CHARS);
    const parts = policies.map((p) => p.document);
    const requests: [string, string][] = [
      ...Array.from({ length: 300 }, (_, i): [string, string] => ['kafka-cluster:ReadData', topicArn(partnerTopic(i))]),
      ...[0, 150, 299].map((i): [string, string] => ['kafka-cluster:WriteData', topicArn(partnerTopic(i))]),
      ['kafka-cluster:ReadData', topicArn('acme.partner300._public.events_with_a_descriptive_name')],
      ['kafka-cluster:ReadData', topicArn('acme.partner000._protected.events_with_a_descriptive_name')],
      ['kafka-cluster:WriteData', topicArn('acme.analytics._public.report')],
      ['kafka-cluster:CreateTopic', topicArn('acme.analytics._private.x')],
      ['kafka-cluster:CreateTopic', topicArn('acme.analytics._public.x')],
      ['kafka-cluster:Connect', CLUSTER_ARN],
    ];
    let allowed = 0;
    for (const [action, resource] of requests) {
      const principal = roleOf('acme.analytics');
      const expected = await decide({ policies: [whole], principal, action, resource });
      expect(await decide({ policies: parts, principal, action, resource }), `${action} ${resource}`).toBe(expected);
      if (expected === 'Allowed') allowed += 1;
    }
    expect(allowed).toBe(300 + 3);
  });

  it('keeps a small policy in one part', () => {
    const small = buildIamPolicies([bigConsumer(3)], options);
    expect(small.policies.map((p) => [p.policyName, p.part, p.parts])).toEqual([['specmesh-acme.analytics', 1, 1]]);
  });

  it('warns with iam-too-many-policies past 10 policies for one role', () => {
    const huge = buildIamPolicies([bigConsumer(1200)], options);
    expect(huge.policies.length).toBeGreaterThan(10);
    expect(huge.diagnostics).toEqual([expect.objectContaining({ severity: 'warning', code: 'iam-too-many-policies', summary: expect.stringContaining(roleOf('acme.analytics')) })]);
    expect(huge.policies.every((p) => policySize(p.document) <= MAX_MANAGED_POLICY_CHARS)).toBe(true);
  });

  it('packs statements in order and never past the limit, whatever the limit', () => {
    const statements = unsplit(bigConsumer(40)).Statement;
    for (const limit of [700, 1000, 2500, MAX_MANAGED_POLICY_CHARS]) {
      const parts = splitStatements(statements, limit);
      for (const part of parts) expect(policySize({ Version: '2012-10-17', Statement: part })).toBeLessThanOrEqual(limit);
      expect(parts.flat().flatMap((s) => s.Resource).sort()).toEqual(statements.flatMap((s) => s.Resource).sort());
    }
  });
});
