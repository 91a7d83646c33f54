// In-memory stand-ins for the SCRAM ports, for unit tests of the planner and applier only. They
// follow the real services where the code depends on it (ARN suffixes, prefix matching, MSK's
// 10-per-call limit and UnprocessedScramSecrets); failures are injected by name.
import { randomBytes } from 'node:crypto';
import type { KmsKeyMetadata, KmsPort, CreateKeyInput } from '../../../src/scram/kms-port.js';
import type { MskClusterInfo, MskScramPort, UnprocessedScramSecret } from '../../../src/scram/msk-scram-port.js';
import type { CreateSecretInput, SecretDescription, SecretsManagerPort } from '../../../src/scram/secrets-manager-port.js';

export const REGION = 'eu-west-1';
export const ACCOUNT = '123456789012';
export const CLUSTER_ARN = `arn:aws:kafka:${REGION}:${ACCOUNT}:cluster/retail/1111-2222-3333-1`;

const awsError = (name: string, message: string) => Object.assign(new Error(message), { name, $metadata: { httpStatusCode: 400 } });

interface StoredSecret extends SecretDescription {
  value: string;
}

export class FakeSecrets implements SecretsManagerPort {
  readonly secrets = new Map<string, StoredSecret>();
  readonly calls: string[] = [];
  /** Names whose CreateSecret fails with this error. */
  readonly failCreate = new Map<string, Error>();

  add(s: { name: string; value: string; kmsKeyId?: string; tags?: Record<string, string>; deleted?: boolean }): StoredSecret {
    const stored: StoredSecret = {
      arn: `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:${s.name}-${randomBytes(3).toString('hex')}`,
      name: s.name, value: s.value, tags: { ...s.tags },
      ...(s.kmsKeyId ? { kmsKeyId: s.kmsKeyId } : {}), ...(s.deleted ? { deletedDate: new Date() } : {}),
    };
    this.secrets.set(s.name, stored);
    return stored;
  }

  private find(id: string): StoredSecret | undefined {
    return this.secrets.get(id) ?? [...this.secrets.values()].find((s) => s.arn === id);
  }

  private must(id: string): StoredSecret {
    const s = this.find(id);
    if (!s) throw awsError('ResourceNotFoundException', `Secrets Manager can't find the specified secret ${id}`);
    return s;
  }

  async describeSecret(id: string): Promise<SecretDescription | undefined> {
    this.calls.push(`describeSecret ${id}`);
    const s = this.find(id);
    if (!s) return undefined;
    const { value: _value, ...d } = s;
    return { ...d, tags: { ...d.tags } };
  }

  async listSecrets(filter: { namePrefix: string; tagKey: string }): Promise<SecretDescription[]> {
    this.calls.push('listSecrets');
    return [...this.secrets.values()].filter((s) => s.name.startsWith(filter.namePrefix) && filter.tagKey in s.tags && !s.deletedDate)
      .map(({ value: _v, ...d }) => ({ ...d, tags: { ...d.tags } }));
  }

  async createSecret(input: CreateSecretInput): Promise<{ arn: string }> {
    this.calls.push(`createSecret ${input.name}`);
    const fail = this.failCreate.get(input.name);
    if (fail) throw fail;
    if (this.secrets.has(input.name)) throw awsError('ResourceExistsException', `The operation failed because the secret ${input.name} already exists.`);
    return { arn: this.add({ name: input.name, value: input.secretString, kmsKeyId: input.kmsKeyId, tags: input.tags }).arn };
  }

  async getSecretValue(arn: string): Promise<string> {
    this.calls.push(`getSecretValue ${arn}`);
    return this.must(arn).value;
  }

  async updateSecret(arn: string, input: { secretString: string; kmsKeyId?: string }): Promise<void> {
    this.calls.push(`updateSecret ${arn}`);
    const s = this.must(arn);
    s.value = input.secretString;
    if (input.kmsKeyId) s.kmsKeyId = input.kmsKeyId;
  }

  async tagResource(arn: string, tags: Record<string, string>): Promise<void> {
    this.calls.push(`tagResource ${arn}`);
    Object.assign(this.must(arn).tags, tags);
  }

  async restoreSecret(arn: string): Promise<void> {
    this.calls.push(`restoreSecret ${arn}`);
    delete this.must(arn).deletedDate;
  }

  async deleteSecret(arn: string): Promise<void> {
    this.calls.push(`deleteSecret ${arn}`);
    this.must(arn).deletedDate = new Date();
  }
}

export class FakeKms implements KmsPort {
  readonly keys = new Map<string, KmsKeyMetadata>();
  readonly aliases = new Map<string, string>();
  readonly policies = new Map<string, string>();
  failAlias = false;

  addKey(over: Partial<KmsKeyMetadata> = {}): KmsKeyMetadata {
    const keyId = over.keyId ?? crypto.randomUUID();
    const key: KmsKeyMetadata = {
      keyId, arn: `arn:aws:kms:${REGION}:${ACCOUNT}:key/${keyId}`, keyManager: 'CUSTOMER', keySpec: 'SYMMETRIC_DEFAULT',
      keyUsage: 'ENCRYPT_DECRYPT', keyState: 'Enabled', ...over,
    };
    this.keys.set(keyId, key);
    return key;
  }

  async describeKey(id: string): Promise<KmsKeyMetadata | undefined> {
    const aliasName = id.includes(':alias/') ? `alias/${id.split(':alias/')[1]}` : id;
    const target = this.aliases.get(aliasName);
    const keyId = target ?? (id.startsWith('arn:') ? id.split(':key/')[1] ?? '' : id);
    return this.keys.get(keyId);
  }

  async createKey(input: CreateKeyInput): Promise<KmsKeyMetadata> {
    const k = this.addKey();
    this.policies.set(k.keyId, input.policy);
    return k;
  }

  async createAlias(alias: string, target: string): Promise<void> {
    if (this.failAlias) throw awsError('AccessDeniedException', 'User is not authorized to perform: kms:CreateAlias');
    this.aliases.set(alias, target);
  }

  async scheduleKeyDeletion(keyId: string): Promise<void> {
    const k = this.keys.get(keyId);
    if (k) k.keyState = 'PendingDeletion';
  }
}

export class FakeMsk implements MskScramPort {
  readonly associated = new Map<string, Set<string>>();
  readonly batches: { op: string; size: number }[] = [];
  info: MskClusterInfo = { state: 'ACTIVE', clusterType: 'PROVISIONED', scramEnabled: true };
  /** Secret ARN → the refusal MSK answers for it. */
  readonly refuse = new Map<string, { errorCode: string; errorMessage: string }>();
  /** Refuse by a test on the ARN (e.g. names without the prefix). */
  refuseWhen: ((arn: string) => { errorCode: string; errorMessage: string } | undefined) | undefined;

  constructor(clusterArn = CLUSTER_ARN) {
    this.associated.set(clusterArn, new Set());
  }

  async describeCluster(arn: string): Promise<MskClusterInfo | undefined> {
    return this.associated.has(arn) ? this.info : undefined;
  }

  async listScramSecrets(arn: string): Promise<string[]> {
    return [...(this.associated.get(arn) ?? [])];
  }

  async batchAssociateScramSecret(arn: string, arns: readonly string[]): Promise<UnprocessedScramSecret[]> {
    return this.batch('associate', arn, arns, (set, a) => set.add(a));
  }

  async batchDisassociateScramSecret(arn: string, arns: readonly string[]): Promise<UnprocessedScramSecret[]> {
    return this.batch('disassociate', arn, arns, (set, a) => set.delete(a));
  }

  private batch(op: string, arn: string, arns: readonly string[], apply: (set: Set<string>, a: string) => void): UnprocessedScramSecret[] {
    if (arns.length > 10) throw awsError('BadRequestException', 'at most 10 secrets per call');
    this.batches.push({ op, size: arns.length });
    const set = this.associated.get(arn);
    if (!set) throw awsError('NotFoundException', 'cluster not found');
    const out: UnprocessedScramSecret[] = [];
    for (const a of arns) {
      const r = this.refuse.get(a) ?? this.refuseWhen?.(a);
      if (r) out.push({ secretArn: a, ...r });
      else apply(set, a);
    }
    return out;
  }
}

export const fakePorts = () => ({ secrets: new FakeSecrets(), kms: new FakeKms(), msk: new FakeMsk() });
