import { X509Certificate } from 'node:crypto';
import type { ResolvedConnection } from './resolved-connection.js';

export interface Permission {
  acl: string;
  iam?: string;
}

/** What each kafkajs admin call needs: a Kafka ACL, or the MSK IAM action. */
const OPERATION_PERMISSIONS: Record<string, Permission> = {
  createTopics: { acl: 'CREATE on the topic (or on the cluster)', iam: 'kafka-cluster:CreateTopic' },
  createPartitions: { acl: 'ALTER on the topic', iam: 'kafka-cluster:AlterTopic' },
  deleteTopics: { acl: 'DELETE on the topic', iam: 'kafka-cluster:DeleteTopic' },
  describeConfigs: { acl: 'DESCRIBE_CONFIGS on the topic', iam: 'kafka-cluster:DescribeTopicDynamicConfiguration' },
  alterConfigs: { acl: 'ALTER_CONFIGS on the topic', iam: 'kafka-cluster:AlterTopicDynamicConfiguration' },
  fetchTopicMetadata: { acl: 'DESCRIBE on the topic', iam: 'kafka-cluster:DescribeTopic' },
  listTopics: { acl: 'DESCRIBE on the topic', iam: 'kafka-cluster:DescribeTopic' },
  describeCluster: { acl: 'DESCRIBE on the cluster', iam: 'kafka-cluster:DescribeCluster' },
  describeAcls: { acl: 'DESCRIBE on the cluster', iam: 'kafka-cluster:DescribeCluster' },
  describeLogDirs: { acl: 'DESCRIBE on the cluster', iam: 'kafka-cluster:DescribeCluster' },
  listOffsets: { acl: 'DESCRIBE on the topic', iam: 'kafka-cluster:DescribeTopic' },
  listGroups: { acl: 'DESCRIBE on the cluster (or on each group)', iam: 'kafka-cluster:DescribeGroup' },
  describeGroups: { acl: 'DESCRIBE on the consumer group', iam: 'kafka-cluster:DescribeGroup' },
  fetchOffsets: { acl: 'DESCRIBE on the consumer group and on the topic', iam: 'kafka-cluster:DescribeGroup and kafka-cluster:DescribeTopic' },
  createAcls: { acl: 'ALTER on the cluster', iam: 'kafka-cluster:AlterCluster' },
  deleteAcls: { acl: 'ALTER on the cluster', iam: 'kafka-cluster:AlterCluster' },
};

const TYPE_PERMISSIONS: Record<string, Permission> = {
  TOPIC_AUTHORIZATION_FAILED: { acl: 'a topic ACL for this operation (DESCRIBE to read, CREATE/ALTER/ALTER_CONFIGS/DELETE to change)', iam: 'kafka-cluster:*Topic* actions on the topic ARN' },
  CLUSTER_AUTHORIZATION_FAILED: { acl: 'a cluster ACL (ALTER to change ACLs, DESCRIBE to list them, CREATE to create topics)', iam: 'kafka-cluster:AlterCluster / DescribeCluster on the cluster ARN' },
  GROUP_AUTHORIZATION_FAILED: { acl: 'a group ACL (READ or DESCRIBE on the consumer group)', iam: 'kafka-cluster:*Group actions on the group ARN' },
  TRANSACTIONAL_ID_AUTHORIZATION_FAILED: { acl: 'WRITE on the transactional id', iam: 'kafka-cluster:AlterTransactionalId' },
};

/** Who the broker sees: the principal an ACL or IAM policy must name. */
export function principalOf(conn: ResolvedConnection): string {
  if (conn.aws) {
    const c = conn.aws.credentials;
    if (c.kind === 'role') return `IAM role ${c.roleArn}`;
    if (c.kind === 'profile') return `the IAM identity of AWS profile "${c.profile}"`;
    return 'the IAM identity from the default AWS credential chain';
  }
  if (conn.username !== undefined) return `User:${conn.username}`;
  if (conn.tls?.cert) return certificatePrincipal(conn.tls.cert);
  return 'User:ANONYMOUS';
}

/** Kafka's default principal for a TLS client: the certificate subject in RFC 2253 order (ssl.principal.mapping.rules may change it). */
function certificatePrincipal(pem: string): string {
  try {
    return `User:${new X509Certificate(pem).subject.split('\n').reverse().join(',')}`;
  } catch {
    return 'the principal of the TLS client certificate (User:<its subject DN>)';
  }
}

export function missingPermission(operation: string | undefined, errorType: string | undefined): Permission {
  return (operation !== undefined ? OPERATION_PERMISSIONS[operation] : undefined)
    ?? TYPE_PERMISSIONS[errorType ?? '']
    ?? TYPE_PERMISSIONS.TOPIC_AUTHORIZATION_FAILED!;
}
