import type { ClusterArn } from '../iam/cluster-arn.js';

/**
 * The key policy of a key made for SCRAM secrets, modelled on AWS's own default and
 * aws/secretsmanager key policies:
 * - the account administers the key through IAM (so no one is locked out);
 * - principals of the account may use it through Secrets Manager in the cluster's region (what
 *   creating and reading SCRAM secrets needs);
 * - they may create grants for AWS resources: MSK makes one on the key when a secret is
 *   associated (the association needs kms:CreateGrant and kms:DescribeKey).
 */
export function mskSecretKeyPolicy(cluster: Pick<ClusterArn, 'partition' | 'account' | 'region'>): Record<string, unknown> {
  const { partition, account, region } = cluster;
  return {
    Version: '2012-10-17',
    Id: 'specmesh-msk-scram-secrets',
    Statement: [
      {
        Sid: 'EnableIamPoliciesOfTheAccount',
        Effect: 'Allow',
        Principal: { AWS: `arn:${partition}:iam::${account}:root` },
        Action: 'kms:*',
        Resource: '*',
      },
      {
        Sid: 'AllowSecretsManagerUseForScramSecrets',
        Effect: 'Allow',
        Principal: { AWS: '*' },
        Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'],
        Resource: '*',
        Condition: { StringEquals: { 'kms:CallerAccount': account, 'kms:ViaService': `secretsmanager.${region}.amazonaws.com` } },
      },
      {
        Sid: 'AllowGrantsForMskAssociation',
        Effect: 'Allow',
        Principal: { AWS: '*' },
        Action: ['kms:CreateGrant', 'kms:DescribeKey'],
        Resource: '*',
        Condition: { StringEquals: { 'kms:CallerAccount': account }, Bool: { 'kms:GrantIsForAWSResource': 'true' } },
      },
    ],
  };
}

/** One key per cluster, found again by this alias on the next run. */
export const scramKeyAlias = (cluster: Pick<ClusterArn, 'name'>): string => `alias/specmesh/msk-scram/${cluster.name}`;
