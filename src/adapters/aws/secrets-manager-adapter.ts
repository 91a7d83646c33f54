import { AwsError } from '../../aws/aws-error.js';
import {
  CreateSecretCommand, DeleteSecretCommand, DescribeSecretCommand, GetSecretValueCommand, ListSecretsCommand,
  RestoreSecretCommand, SecretsManagerClient, TagResourceCommand, UpdateSecretCommand, type Tag,
} from '@aws-sdk/client-secrets-manager';
import { awsClientConfig, type AwsOptions } from './aws-options.js';
import { callAws, callAwsOrMissing } from './call-aws.js';
import type { CreateSecretInput, SecretDescription, SecretsManagerPort } from '../../scram/secrets-manager-port.js';

const toTags = (tags: Record<string, string>): Tag[] => Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
const fromTags = (tags: Tag[] | undefined): Record<string, string> =>
  Object.fromEntries((tags ?? []).flatMap((t) => (t.Key !== undefined ? [[t.Key, t.Value ?? '']] : [])));

interface DescribedSecret { ARN?: string; Name?: string; KmsKeyId?: string; Tags?: Tag[]; DeletedDate?: Date }

function toDescription(s: DescribedSecret): SecretDescription {
  if (!s.ARN || !s.Name) throw new AwsError('Secrets Manager returned a secret without ARN or name', { code: 'MalformedResponse', action: 'secretsmanager:DescribeSecret', retriable: true, fix: 'Run again; if it persists, check the Secrets Manager endpoint (--aws-endpoint).' })
  return { arn: s.ARN, name: s.Name, ...(s.KmsKeyId ? { kmsKeyId: s.KmsKeyId } : {}), tags: fromTags(s.Tags), ...(s.DeletedDate ? { deletedDate: s.DeletedDate } : {}) };
}

/** The SecretsManagerPort over the AWS SDK. Secret values pass through, never into errors or logs. */
export class SecretsManagerAdapter implements SecretsManagerPort {
  private readonly client: SecretsManagerClient;
  private readonly endpoint: string | undefined;
  constructor(options: AwsOptions = {}) {
    this.client = new SecretsManagerClient(awsClientConfig(options));
    this.endpoint = options.endpoint;
  }

  private site(action: string, resource?: string, alsoNeeds?: string[]) {
    return { action: `secretsmanager:${action}`, ...(resource ? { resource } : {}), ...(this.endpoint ? { endpoint: this.endpoint } : {}), ...(alsoNeeds ? { alsoNeeds } : {}) };
  }

  async describeSecret(nameOrArn: string): Promise<SecretDescription | undefined> {
    const out = await callAwsOrMissing(this.site('DescribeSecret', nameOrArn), ['ResourceNotFoundException'],
      () => this.client.send(new DescribeSecretCommand({ SecretId: nameOrArn })));
    return out ? toDescription(out) : undefined;
  }

  async listSecrets(filter: { namePrefix: string; tagKey: string }): Promise<SecretDescription[]> {
    const all: SecretDescription[] = [];
    let NextToken: string | undefined;
    do {
      const out = await callAws(this.site('ListSecrets'), () => this.client.send(new ListSecretsCommand({
        Filters: [{ Key: 'name', Values: [filter.namePrefix] }, { Key: 'tag-key', Values: [filter.tagKey] }],
        MaxResults: 100, ...(NextToken ? { NextToken } : {}),
      })));
      // The service's filters match prefixes, case-insensitively: keep exact matches only.
      for (const s of out.SecretList ?? []) {
        const d = toDescription(s);
        if (d.name.startsWith(filter.namePrefix) && filter.tagKey in d.tags) all.push(d);
      }
      NextToken = out.NextToken;
    } while (NextToken);
    return all;
  }

  async createSecret(input: CreateSecretInput): Promise<{ arn: string }> {
    const out = await callAws(this.site('CreateSecret', input.name, ['kms:GenerateDataKey', 'kms:Decrypt']), () => this.client.send(new CreateSecretCommand({
      Name: input.name, KmsKeyId: input.kmsKeyId, SecretString: input.secretString, Description: input.description, Tags: toTags(input.tags),
    })));
    if (!out.ARN) throw new AwsError(`Secrets Manager created ${input.name} without returning its ARN`, { code: 'MalformedResponse', action: 'secretsmanager:CreateSecret', retriable: true, fix: 'Run provision again: it finds the secret and goes on.' })
    return { arn: out.ARN };
  }

  async getSecretValue(arn: string): Promise<string> {
    const out = await callAws(this.site('GetSecretValue', arn, ['kms:Decrypt']), () => this.client.send(new GetSecretValueCommand({ SecretId: arn })));
    return out.SecretString ?? '';
  }

  async updateSecret(arn: string, input: { secretString: string; kmsKeyId?: string }): Promise<void> {
    await callAws(this.site('UpdateSecret', arn, ['kms:GenerateDataKey', 'kms:Decrypt']), () => this.client.send(new UpdateSecretCommand({
      SecretId: arn, SecretString: input.secretString, ...(input.kmsKeyId ? { KmsKeyId: input.kmsKeyId } : {}),
    })));
  }

  async tagResource(arn: string, tags: Record<string, string>): Promise<void> {
    await callAws(this.site('TagResource', arn), () => this.client.send(new TagResourceCommand({ SecretId: arn, Tags: toTags(tags) })));
  }

  async restoreSecret(arn: string): Promise<void> {
    await callAws(this.site('RestoreSecret', arn), () => this.client.send(new RestoreSecretCommand({ SecretId: arn })));
  }

  async deleteSecret(arn: string, recoveryWindowInDays: number): Promise<void> {
    await callAws(this.site('DeleteSecret', arn), () => this.client.send(new DeleteSecretCommand({ SecretId: arn, RecoveryWindowInDays: recoveryWindowInDays })));
  }

  destroy(): void {
    this.client.destroy();
  }
}
