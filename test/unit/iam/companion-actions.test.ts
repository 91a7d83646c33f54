import { describe, expect, it } from 'vitest';
import { buildIamPolicies, companionGaps, SERVERLESS_UNSUPPORTED, type PolicyStatement } from '../../../src/iam/index.js';
import { domain } from '../../support/domain-builder.js';
import { CLUSTER_ARN, decide, decideFor, groupArn, roleTemplate, topicArn, txnArn } from './simulate.js';

// DESIGN.md §3, copied here so the test does not grade the code against its own table.
const REQUIRED: Record<string, { needs: string[]; sameResource?: string[] }> = {
  DescribeCluster: { needs: ['Connect'] },
  WriteDataIdempotently: { needs: ['Connect', 'WriteData'] },
  CreateTopic: { needs: ['Connect'] },
  DescribeTopic: { needs: ['Connect'] },
  WriteData: { needs: ['Connect'], sameResource: ['DescribeTopic'] },
  ReadData: { needs: ['Connect', 'AlterGroup'], sameResource: ['DescribeTopic'] },
  DescribeGroup: { needs: ['Connect'] },
  AlterGroup: { needs: ['Connect'], sameResource: ['DescribeGroup'] },
  DescribeTransactionalId: { needs: ['Connect'] },
  AlterTransactionalId: { needs: ['Connect', 'WriteData'], sameResource: ['DescribeTransactionalId'] },
};

const estate = [
  domain('acme.retail').owns('public', 'opened').consumes('acme.retail.orders._public.placed', 'acme.retail.orders._protected.paid').build(),
  domain('acme.retail.orders').owns('public', 'placed').owns('protected', 'paid', ['acme.retail']).owns('private', 'state').build(),
  domain('acme.user').consumes('acme.retail.orders._public.placed').build(),
];
const built = buildIamPolicies(estate, { clusterArn: CLUSTER_ARN, roleTemplate: roleTemplate() });

/** Where a companion is asked for when it is not on the same resource: the domain's own names. */
const companionResource = (d: string, action: string): string => {
  if (['Connect', 'DescribeCluster', 'WriteDataIdempotently'].includes(action)) return CLUSTER_ARN;
  if (action === 'WriteData') return topicArn(`${d}._public.out`);
  if (action === 'AlterGroup') return groupArn(`${d}.app`);
  throw new Error(`no companion resource for ${action}`);
};

const candidates = (d: string): [string, string][] => {
  const topics = [`${d}._public.a`, `${d}._protected.a`, `${d}._private.a`, 'acme.retail.orders._public.placed', 'acme.retail.orders._protected.paid'];
  return [
    ...['Connect', 'DescribeCluster', 'WriteDataIdempotently'].map((a): [string, string] => [a, CLUSTER_ARN]),
    ...topics.flatMap((t) => ['CreateTopic', 'DescribeTopic', 'WriteData', 'ReadData'].map((a): [string, string] => [a, topicArn(t)])),
    ...['DescribeGroup', 'AlterGroup'].map((a): [string, string] => [a, groupArn(`${d}.app`)]),
    ...['DescribeTransactionalId', 'AlterTransactionalId'].map((a): [string, string] => [a, txnArn(`${d}.tx`)]),
  ];
};

describe('companion actions', () => {
  it.each(estate.map((d) => d.id))('grants %s every action an allowed action requires', async (d) => {
    let checked = 0;
    for (const [action, resource] of candidates(d)) {
      if (await decideFor(built.policies, d, action, resource) !== 'Allowed') continue;
      checked += 1;
      const rule = REQUIRED[action] ?? { needs: [] };
      for (const needed of rule.sameResource ?? []) {
        expect(await decideFor(built.policies, d, needed, resource), `${action} on ${resource} needs ${needed}`).toBe('Allowed');
      }
      for (const needed of rule.needs) {
        expect(await decideFor(built.policies, d, needed, companionResource(d, needed)), `${action} needs ${needed}`).toBe('Allowed');
      }
    }
    expect(checked).toBeGreaterThan(10);
  });

  it('lists every action by name: no kafka-cluster:*, no wildcard in any action', () => {
    const actions = built.policies.flatMap((p) => p.document.Statement.flatMap((s) => s.Action));
    expect(actions.length).toBeGreaterThan(0);
    expect(actions.filter((a) => a.includes('*') || a.includes('?'))).toEqual([]);
    expect(new Set(actions.map((a) => a.split(':')[0]))).toEqual(new Set(['kafka-cluster']));
  });

  it('names only resources of the kind each action applies to, as AWS\'s action data says', async () => {
    const principal = built.policies[0]!.principal;
    const pairs = built.policies.filter((p) => p.principal === principal)
      .flatMap((p) => p.document.Statement.flatMap((s) => s.Action.flatMap((a) => s.Resource.map((r) => [a, r.replaceAll('*', 'x')] as const))));
    expect(pairs.length).toBeGreaterThan(10);
    // decide() throws when the simulator rejects an action name or its resource type.
    for (const [action, resource] of pairs) await decide({ policies: [], principal, action, resource });
  });

  it('finds a missing companion in hand-written statements', () => {
    const s = (Sid: string, Action: string[], Resource: string[]): PolicyStatement => ({ Sid, Effect: 'Allow', Action, Resource });
    expect(companionGaps([
      s('Cluster', ['kafka-cluster:Connect'], [CLUSTER_ARN]),
      s('Topics', ['kafka-cluster:ReadData'], [topicArn('a._public.*')]),
    ])).toEqual([
      'statement Topics: kafka-cluster:ReadData needs kafka-cluster:DescribeTopic',
      'statement Topics: kafka-cluster:ReadData needs kafka-cluster:AlterGroup',
    ]);
  });

  it('emits no action MSK Serverless lacks, and the same policies for serverless clusters', () => {
    const serverless = buildIamPolicies(estate, { clusterArn: CLUSTER_ARN, roleTemplate: roleTemplate(), serverless: true });
    expect(serverless).toEqual(built);
    const actions = serverless.policies.flatMap((p) => p.document.Statement.flatMap((s) => s.Action));
    expect(actions.filter((a) => SERVERLESS_UNSUPPORTED.includes(a) || /Configuration|AlterCluster/.test(a))).toEqual([]);
  });
});
