import { AwsError } from '../../aws/aws-error.js';
import { CreateAliasCommand, CreateKeyCommand, DescribeKeyCommand, KMSClient, ScheduleKeyDeletionCommand, type KeyMetadata } from '@aws-sdk/client-kms';
import { awsClientConfig, type AwsOptions } from './aws-options.js';
import { callAws, callAwsOrMissing } from './call-aws.js';
import type { CreateKeyInput, KmsKeyMetadata, KmsPort } from '../../scram/kms-port.js';

function toMetadata(m: KeyMetadata | undefined): KmsKeyMetadata {
  if (!m?.KeyId || !m.Arn) throw new AwsError('KMS returned key metadata without KeyId or Arn', { code: 'MalformedResponse', action: 'kms:DescribeKey', retriable: true, fix: 'Run again; if it persists, check the KMS endpoint (--aws-endpoint).' })
  return {
    keyId: m.KeyId, arn: m.Arn, keyManager: m.KeyManager ?? 'UNKNOWN',
    keySpec: m.KeySpec ?? m.CustomerMasterKeySpec ?? 'UNKNOWN', keyUsage: m.KeyUsage ?? 'UNKNOWN',
    keyState: m.KeyState ?? (m.Enabled === false ? 'Disabled' : 'UNKNOWN'),
  };
}

/** The KmsPort over the AWS SDK. */
export class KmsAdapter implements KmsPort {
  private readonly client: KMSClient;
  private readonly endpoint: string | undefined;
  constructor(options: AwsOptions = {}) {
    this.client = new KMSClient(awsClientConfig(options));
    this.endpoint = options.endpoint;
  }

  private site(action: string, resource?: string) {
    return { action: `kms:${action}`, ...(resource ? { resource } : {}), ...(this.endpoint ? { endpoint: this.endpoint } : {}) };
  }

  async describeKey(keyId: string): Promise<KmsKeyMetadata | undefined> {
    const out = await callAwsOrMissing(this.site('DescribeKey', keyId), ['NotFoundException'], () => this.client.send(new DescribeKeyCommand({ KeyId: keyId })));
    return out ? toMetadata(out.KeyMetadata) : undefined;
  }

  async createKey(input: CreateKeyInput): Promise<KmsKeyMetadata> {
    const out = await callAws(this.site('CreateKey'), () => this.client.send(new CreateKeyCommand({
      Description: input.description, Policy: input.policy, KeySpec: 'SYMMETRIC_DEFAULT', KeyUsage: 'ENCRYPT_DECRYPT',
      Tags: Object.entries(input.tags).map(([TagKey, TagValue]) => ({ TagKey, TagValue })),
    })));
    return toMetadata(out.KeyMetadata);
  }

  async createAlias(aliasName: string, targetKeyId: string): Promise<void> {
    await callAws(this.site('CreateAlias', aliasName), () => this.client.send(new CreateAliasCommand({ AliasName: aliasName, TargetKeyId: targetKeyId })));
  }

  async scheduleKeyDeletion(keyId: string): Promise<void> {
    await callAws(this.site('ScheduleKeyDeletion', keyId), () => this.client.send(new ScheduleKeyDeletionCommand({ KeyId: keyId, PendingWindowInDays: 7 })));
  }

  destroy(): void {
    this.client.destroy();
  }
}
