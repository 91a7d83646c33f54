import {
  BatchAssociateScramSecretCommand, BatchDisassociateScramSecretCommand, DescribeClusterV2Command, KafkaClient, ListScramSecretsCommand,
  type UnprocessedScramSecret as SdkUnprocessed,
} from '@aws-sdk/client-kafka';
import { awsClientConfig, type AwsOptions } from './aws-options.js';
import { callAws, callAwsOrMissing } from './call-aws.js';
import { MSK_MAX_SECRETS_PER_CALL, type MskClusterInfo, type MskScramPort, type UnprocessedScramSecret } from '../../scram/msk-scram-port.js';

const toUnprocessed = (list: SdkUnprocessed[] | undefined): UnprocessedScramSecret[] =>
  (list ?? []).map((u) => ({ secretArn: u.SecretArn ?? '', errorCode: u.ErrorCode ?? 'Unknown', errorMessage: u.ErrorMessage ?? '' }));

/** The MskScramPort over the AWS SDK (MSK's REST control plane). */
export class MskAdapter implements MskScramPort {
  private readonly client: KafkaClient;
  private readonly endpoint: string | undefined;
  constructor(options: AwsOptions = {}) {
    this.client = new KafkaClient(awsClientConfig(options));
    this.endpoint = options.endpoint;
  }

  private site(action: string, resource: string, alsoNeeds?: string[]) {
    return { action: `kafka:${action}`, resource, ...(this.endpoint ? { endpoint: this.endpoint } : {}), ...(alsoNeeds ? { alsoNeeds } : {}) };
  }

  async describeCluster(clusterArn: string): Promise<MskClusterInfo | undefined> {
    const out = await callAwsOrMissing(this.site('DescribeClusterV2', clusterArn), ['NotFoundException'],
      () => this.client.send(new DescribeClusterV2Command({ ClusterArn: clusterArn })));
    if (!out) return undefined;
    const info = out.ClusterInfo;
    return {
      state: info?.State ?? 'UNKNOWN',
      clusterType: info?.ClusterType ?? 'PROVISIONED',
      scramEnabled: info?.Provisioned?.ClientAuthentication?.Sasl?.Scram?.Enabled === true,
    };
  }

  async listScramSecrets(clusterArn: string): Promise<string[]> {
    const all: string[] = [];
    let NextToken: string | undefined;
    do {
      const out = await callAws(this.site('ListScramSecrets', clusterArn), () => this.client.send(new ListScramSecretsCommand({
        ClusterArn: clusterArn, MaxResults: 100, ...(NextToken ? { NextToken } : {}),
      })));
      all.push(...(out.SecretArnList ?? []));
      NextToken = out.NextToken;
    } while (NextToken);
    return all;
  }

  async batchAssociateScramSecret(clusterArn: string, secretArns: readonly string[]): Promise<UnprocessedScramSecret[]> {
    checkBatch(secretArns);
    const out = await callAws(this.site('BatchAssociateScramSecret', clusterArn, ['kms:CreateGrant', 'kms:DescribeKey', 'secretsmanager:GetSecretValue']),
      () => this.client.send(new BatchAssociateScramSecretCommand({ ClusterArn: clusterArn, SecretArnList: [...secretArns] })));
    return toUnprocessed(out.UnprocessedScramSecrets);
  }

  async batchDisassociateScramSecret(clusterArn: string, secretArns: readonly string[]): Promise<UnprocessedScramSecret[]> {
    checkBatch(secretArns);
    const out = await callAws(this.site('BatchDisassociateScramSecret', clusterArn),
      () => this.client.send(new BatchDisassociateScramSecretCommand({ ClusterArn: clusterArn, SecretArnList: [...secretArns] })));
    return toUnprocessed(out.UnprocessedScramSecrets);
  }

  destroy(): void {
    this.client.destroy();
  }
}

function checkBatch(arns: readonly string[]): void {
  if (arns.length < 1 || arns.length > MSK_MAX_SECRETS_PER_CALL) {
    throw new Error(`MSK takes 1 to ${MSK_MAX_SECRETS_PER_CALL} secret ARNs per call (got ${arns.length}): this is a bug`);
  }
}
