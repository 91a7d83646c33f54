import { describe, expect, it } from 'vitest';
import { buildIamPolicies } from '../../../src/iam/index.js';
import { domain } from '../../support/domain-builder.js';
import { CLUSTER_ARN, decideFor, groupArn, roleTemplate, topicArn, txnArn } from './simulate.js';

const orders = domain('acme.orders').owns('public', 'placed').owns('protected', 'paid', ['acme.billing']).owns('private', 'state').build();
const { policies } = buildIamPolicies([orders], { clusterArn: CLUSTER_ARN, roleTemplate: roleTemplate() });

type Row = [action: string, resource: string];

const allowed: Row[] = [
  ['Connect', CLUSTER_ARN],
  ['DescribeCluster', CLUSTER_ARN],
  ['WriteDataIdempotently', CLUSTER_ARN],
  ...['acme.orders._public.placed', 'acme.orders._protected.paid', 'acme.orders._private.state', 'acme.orders._public.not_in_spec_yet']
    .flatMap((t): Row[] => [['WriteData', topicArn(t)], ['ReadData', topicArn(t)], ['DescribeTopic', topicArn(t)]]),
  // Kafka Streams' internal topics.
  ['CreateTopic', topicArn('acme.orders._private.app-KSTREAM-AGGREGATE-STATE-STORE-0000000001-changelog')],
  ['CreateTopic', topicArn('acme.orders._private.app-repartition')],
  ['AlterGroup', groupArn('acme.orders.fulfilment')],
  ['DescribeGroup', groupArn('acme.orders.fulfilment')],
  // A group named exactly the domain id, as the ACL model grants it.
  ['AlterGroup', groupArn('acme.orders')],
  ['DescribeGroup', groupArn('acme.orders')],
  ['AlterTransactionalId', txnArn('acme.orders.app-0_1')],
  ['DescribeTransactionalId', txnArn('acme.orders.app-0_1')],
];

const refused: Row[] = [
  ['CreateTopic', topicArn('acme.orders._public.new_topic')],
  ['CreateTopic', topicArn('acme.orders._protected.new_topic')],
  ['CreateTopic', topicArn('acme.orders.unclassified')],
  ['WriteData', topicArn('acme.orders.unclassified')],
  ['DeleteTopic', topicArn('acme.orders._private.state')],
  ['AlterTopic', topicArn('acme.orders._private.state')],
  ['AlterTopicDynamicConfiguration', topicArn('acme.orders._public.placed')],
  ['DescribeTopicDynamicConfiguration', topicArn('acme.orders._public.placed')],
  ['DeleteGroup', groupArn('acme.orders.fulfilment')],
  ['AlterCluster', CLUSTER_ARN],
  ['AlterClusterDynamicConfiguration', CLUSTER_ARN],
  ['DescribeClusterDynamicConfiguration', CLUSTER_ARN],
  // Nothing outside its own names.
  ['AlterGroup', groupArn('other.group')],
  ['AlterGroup', groupArn('acme.orders-x')],
  ['AlterGroup', groupArn('acme.ordersx')],
  // Transactional ids are granted under `acme.orders.` only, as by the ACL model.
  ['AlterTransactionalId', txnArn('acme.orders')],
  ['AlterTransactionalId', txnArn('other.tx')],
  ['ReadData', topicArn('acme.billing._public.invoiced')],
  ['CreateTopic', topicArn('acme.billing._private.x')],
];

describe('an owner domain\'s IAM policy', () => {
  it.each(allowed)('allows the owner %s on %s', async (action, resource) => {
    expect(await decideFor(policies, 'acme.orders', action, resource)).toBe('Allowed');
  });

  it.each(refused)('refuses the owner %s on %s', async (action, resource) => {
    expect(await decideFor(policies, 'acme.orders', action, resource)).toBe('ImplicitlyDenied');
  });

  it('names the policy after the domain and attaches it to the templated role', () => {
    expect(policies.map((p) => [p.policyName, p.principal, p.part, p.parts])).toEqual([
      ['specmesh-acme.orders', 'arn:aws:iam::111122223333:role/specmesh-acme.orders', 1, 1],
    ]);
  });
});
