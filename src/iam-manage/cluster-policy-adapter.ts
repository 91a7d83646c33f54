import { DeleteClusterPolicyCommand, GetClusterPolicyCommand, KafkaClient, PutClusterPolicyCommand } from '@aws-sdk/client-kafka';
import { awsClientConfig, type AwsOptions } from '../aws/aws-options.js';
import { callAws, callAwsOrMissing } from '../aws/call-aws.js';
import type { ClusterPolicyPort } from './iam-port.js';

/** The ClusterPolicyPort over the AWS SDK (MSK's GetClusterPolicy / PutClusterPolicy / DeleteClusterPolicy). */
export class ClusterPolicyAdapter implements ClusterPolicyPort {
  private readonly client: KafkaClient;
  private readonly endpoint: string | undefined;
  constructor(options: AwsOptions = {}) {
    this.client = new KafkaClient(awsClientConfig(options));
    this.endpoint = options.endpoint;
  }

  private site(action: string, resource: string) {
    return { action: `kafka:${action}`, resource, ...(this.endpoint ? { endpoint: this.endpoint } : {}) };
  }

  async getClusterPolicy(clusterArn: string): Promise<{ document: unknown; version: string } | undefined> {
    const out = await callAwsOrMissing(this.site('GetClusterPolicy', clusterArn), ['NotFoundException'],
      () => this.client.send(new GetClusterPolicyCommand({ ClusterArn: clusterArn })));
    if (!out?.Policy) return undefined;
    return { document: JSON.parse(out.Policy) as unknown, version: out.CurrentVersion ?? '' };
  }

  async putClusterPolicy(clusterArn: string, document: unknown, currentVersion?: string): Promise<void> {
    await callAws(this.site('PutClusterPolicy', clusterArn), () => this.client.send(new PutClusterPolicyCommand({
      ClusterArn: clusterArn, Policy: JSON.stringify(document), ...(currentVersion ? { CurrentVersion: currentVersion } : {}),
    })));
  }

  async deleteClusterPolicy(clusterArn: string): Promise<void> {
    await callAwsOrMissing(this.site('DeleteClusterPolicy', clusterArn), ['NotFoundException'],
      () => this.client.send(new DeleteClusterPolicyCommand({ ClusterArn: clusterArn })));
  }

  destroy(): void {
    this.client.destroy();
  }
}
