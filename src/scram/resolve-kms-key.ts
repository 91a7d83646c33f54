import { error, type Diagnostic } from '../core/diagnostic.js';
import type { ClusterArn } from '../iam/cluster-arn.js';
import { classifyAwsError } from '../aws/classify-aws-error.js';
import type { KmsPort } from './kms-port.js';
import { isAliasRef, kmsKeyProblems, regionOfKeyArn } from './kms-key-check.js';
import { mskSecretKeyPolicy, scramKeyAlias } from './kms-key-policy.js';
import { KMS_KEY_KIND, type KmsKeyChange, type KmsKeyState } from './scram-change.js';
import { TAG_MANAGED_BY, TOOL_NAME } from './secret-tags.js';

export interface KeyChoice {
  kmsKeyId?: string;
  createKmsKey?: boolean;
}

export interface ResolvedKey {
  /** Key ARN, or the alias of the key this plan creates; absent when the key is unusable. */
  keyRef?: string;
  change?: KmsKeyChange;
  diagnostics: Diagnostic[];
}

const describe = async (kms: KmsPort, keyId: string) => {
  try {
    return await kms.describeKey(keyId);
  } catch (e) {
    throw classifyAwsError(e, { action: 'kms:DescribeKey', resource: keyId });
  }
};

/**
 * The customer-managed key the secrets go under: the one given (checked with DescribeKey to be
 * customer-managed, symmetric and enabled; never an alias, which MSK's secrets must not name), or
 * the one --create-kms-key makes (found again by its alias, else a kms-key change creates it).
 */
export async function resolveKmsKey(kms: KmsPort, choice: KeyChoice, cluster: ClusterArn): Promise<ResolvedKey> {
  if (choice.kmsKeyId && choice.createKmsKey) {
    return { diagnostics: [error('scram-kms-key-choice', '--kms-key-id and --create-kms-key exclude each other', undefined, 'Pass one of them.')] };
  }
  if (!choice.kmsKeyId && !choice.createKmsKey) {
    return { diagnostics: [error('scram-kms-key-missing', 'SCRAM secrets need a customer-managed KMS key (MSK refuses the default aws/secretsmanager key)', undefined,
      'Pass --kms-key-id <key id or ARN>, or --create-kms-key to have specmesh create one.')] };
  }
  if (choice.kmsKeyId) {
    const given = choice.kmsKeyId.trim();
    if (isAliasRef(given)) {
      const target = await describe(kms, given).catch(() => undefined);
      const unusable = target ? kmsKeyProblems(target, given)[0] : undefined;
      const fix = !target
        ? `Look up its key: \`aws kms describe-key --key-id ${given} --query KeyMetadata.Arn\`, and pass that.`
        : unusable ? `It points to ${target.arn}, which MSK cannot use either: ${unusable.fix}` : `Pass the key it points to: --kms-key-id ${target.arn}`;
      return { diagnostics: [error('scram-kms-key-alias', `--kms-key-id "${given}" is an alias; SCRAM secrets must name their key by id or ARN`, undefined, fix)] };
    }
    const region = regionOfKeyArn(given);
    if (region !== undefined && region !== cluster.region) {
      return { diagnostics: [error('scram-kms-key-region', `KMS key ${given} is in ${region}; the cluster and its secrets are in ${cluster.region}`, undefined,
        `Pass a key in ${cluster.region}: Secrets Manager encrypts only with keys of the secret's region.`)] };
    }
    const key = await describe(kms, given);
    if (!key) {
      return { diagnostics: [error('scram-kms-key-not-found', `KMS key ${given} does not exist in ${cluster.region} (or is not visible to this identity)`, undefined,
        'Check the key id or ARN and the account/region of the credentials; --create-kms-key makes one.')] };
    }
    const problems = kmsKeyProblems(key, given).map((p) => error('scram-kms-key-unusable', p.problem, undefined, p.fix));
    return problems.length ? { diagnostics: problems } : { keyRef: key.arn, diagnostics: [] };
  }
  const alias = scramKeyAlias(cluster);
  const existing = await describe(kms, alias);
  if (existing) {
    const problems = kmsKeyProblems(existing, alias).map((p) => error('scram-kms-key-unusable', p.problem, undefined, p.fix));
    return problems.length ? { diagnostics: problems } : { keyRef: existing.arn, diagnostics: [] };
  }
  const after: KmsKeyState = {
    alias,
    description: `SCRAM secrets of MSK cluster ${cluster.name} (specmesh)`,
    keySpec: 'SYMMETRIC_DEFAULT',
    keyUsage: 'ENCRYPT_DECRYPT',
    policy: mskSecretKeyPolicy(cluster),
    tags: { [TAG_MANAGED_BY]: TOOL_NAME, 'specmesh:msk-cluster': cluster.arn },
  };
  return {
    keyRef: alias,
    change: { kind: KMS_KEY_KIND, id: alias, action: 'create', after, reason: 'customer-managed symmetric key for the SCRAM secrets, with the key policy MSK needs' },
    diagnostics: [],
  };
}
