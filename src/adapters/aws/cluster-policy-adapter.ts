import { DeleteClusterPolicyCommand, GetClusterPolicyCommand, KafkaClient, PutClusterPolicyCommand } from '@aws-sdk/client-kafka';
import { awsClientConfig, type AwsOptions } from './aws-options.js';
import { AwsError } from '../../aws/aws-error.js';
import { callAws, callAwsOrMissing } from './call-aws.js';
import type { ClusterPolicyPort } from '../../iam/manage/iam-port.js';

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

  async getClusterPolicy(clusterArn: string): Promise<{ document: unknown; version?: string } | undefined> {
    const out = await callAwsOrMissing(this.site('GetClusterPolicy', clusterArn), ['NotFoundException'],
      () => this.client.send(new GetClusterPolicyCommand({ ClusterArn: clusterArn })));
    if (!out?.Policy) return undefined;
    return { document: JSON.parse(out.Policy) as unknown, ...(out.CurrentVersion ? { version: out.CurrentVersion } : {}) };
  }

  async putClusterPolicy(clusterArn: string, document: unknown, currentVersion?: string): Promise<void> {
    try {
      await callAws(this.site('PutClusterPolicy', clusterArn), () => this.client.send(new PutClusterPolicyCommand({
        ClusterArn: clusterArn, Policy: JSON.stringify(document), ...(currentVersion ? { CurrentVersion: currentVersion } : {}),
      })));
    } catch (e) {
      if (e instanceof AwsError && /version/i.test(e.message) && e.code === 'BadRequestException') {
        throw new AwsError(`The cluster policy of ${clusterArn} changed since the plan (${e.message})`, { code: e.code, action: e.action, sdkError: e.sdkError, fix: 'Plan again, to see the policy as it is now.' });
      }
      throw e;
    }
  }

  async deleteClusterPolicy(clusterArn: string): Promise<void> {
    await callAwsOrMissing(this.site('DeleteClusterPolicy', clusterArn), ['NotFoundException'],
      () => this.client.send(new DeleteClusterPolicyCommand({ ClusterArn: clusterArn })));
  }

  destroy(): void {
    this.client.destroy();
  }
}
