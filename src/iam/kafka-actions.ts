import type { KafkaResourceKind } from './cluster-arn.js';

/**
 * The `kafka-cluster:` actions this project grants or denies, with the resource each applies to.
 * Deliberately absent: Alter/DeleteTopic, the dynamic-configuration actions, DeleteGroup, AlterCluster.
 */
export const ACTION_RESOURCE = {
  Connect: 'cluster',
  DescribeCluster: 'cluster',
  WriteDataIdempotently: 'cluster',
  CreateTopic: 'topic',
  DescribeTopic: 'topic',
  WriteData: 'topic',
  ReadData: 'topic',
  DescribeGroup: 'group',
  AlterGroup: 'group',
  DescribeTransactionalId: 'transactional-id',
  AlterTransactionalId: 'transactional-id',
} as const satisfies Record<string, KafkaResourceKind>;

export type KafkaClusterAction = keyof typeof ACTION_RESOURCE;

/** MSK's "required actions": IAM actions never imply each other, so each needs these alongside. */
export const COMPANIONS: Record<KafkaClusterAction, readonly KafkaClusterAction[]> = {
  Connect: [],
  DescribeCluster: ['Connect'],
  WriteDataIdempotently: ['Connect', 'WriteData'],
  CreateTopic: ['Connect'],
  DescribeTopic: ['Connect'],
  WriteData: ['Connect', 'DescribeTopic'],
  ReadData: ['Connect', 'DescribeTopic', 'AlterGroup'],
  DescribeGroup: ['Connect'],
  AlterGroup: ['Connect', 'DescribeGroup'],
  DescribeTransactionalId: ['Connect'],
  AlterTransactionalId: ['Connect', 'DescribeTransactionalId', 'WriteData'],
};

/**
 * Actions MSK Serverless does not have. None of them is in ACTION_RESOURCE, so serverless and
 * provisioned clusters get the same policies; the list documents why and is checked by tests.
 */
export const SERVERLESS_UNSUPPORTED: readonly string[] = [
  'kafka-cluster:DescribeClusterDynamicConfiguration',
  'kafka-cluster:AlterClusterDynamicConfiguration',
];

export const kafkaAction = (a: KafkaClusterAction): string => `kafka-cluster:${a}`;

/** Control-plane actions a principal in another account needs on the cluster (multi-VPC connectivity). */
export const CROSS_ACCOUNT_CLUSTER_ACTIONS: readonly string[] = [
  'kafka:CreateVpcConnection',
  'kafka:DescribeCluster',
  'kafka:DescribeClusterV2',
  'kafka:GetBootstrapBrokers',
];
