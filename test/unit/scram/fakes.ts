// In-memory stand-ins for the SCRAM ports, for unit tests of the planner and applier only. They
// follow the real services where the code depends on it (ARN suffixes, prefix matching); FakeMsk
// applies MSK's own rules (test/servers/msk-emulator-rules.ts, which the MSK emulator of the
// integration tests applies too) to the secrets and keys of its FakeSecrets and FakeKms, and
// reports refusals as UnprocessedScramSecrets. Other failures are injected by name.
import { randomBytes } from 'node:crypto';
import { scramCallRefusal, sortAssociations, sortDisassociations, type MskSecretReader } from '../../servers/msk-emulator-rules.js';
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

  /** By name or ARN, without recording a call (for the fakes' own use). */
  find(id: string): StoredSecret | undefined {
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
  /** Secret ARN → a refusal MSK answers for it besides its own rules (e.g. a transient error). */
  readonly refuse = new Map<string, { errorCode: string; errorMessage: string }>();
  /** Refuse by a test on the ARN, besides MSK's own rules. */
  refuseWhen: ((arn: string) => { errorCode: string; errorMessage: string } | undefined) | undefined;
  /** Where MSK reads the secrets it is asked to associate, and their keys. */
  readonly secrets: FakeSecrets;
  readonly kms: FakeKms;

  constructor(clusterArn = CLUSTER_ARN, stores: { secrets?: FakeSecrets; kms?: FakeKms } = {}) {
    this.associated.set(clusterArn, new Set());
    this.secrets = stores.secrets ?? new FakeSecrets();
    this.kms = stores.kms ?? new FakeKms();
  }

  async describeCluster(arn: string): Promise<MskClusterInfo | undefined> {
    return this.associated.has(arn) ? this.info : undefined;
  }

  async listScramSecrets(arn: string): Promise<string[]> {
    this.mustAllow(arn, 'list');
    return [...(this.associated.get(arn) ?? [])];
  }

  async batchAssociateScramSecret(arn: string, arns: readonly string[]): Promise<UnprocessedScramSecret[]> {
    const set = this.mustAllow(arn, 'associate', arns);
    this.batches.push({ op: 'associate', size: arns.length });
    const where = parseClusterArn(arn);
    const injected = this.injected(arns);
    const { accepted, unprocessed } = await sortAssociations(arns.filter((a) => !injected.has(a)), {
      ...where, associatedCount: set.size, isAssociated: (a) => set.has(a),
    }, this.reader());
    for (const a of accepted) set.add(a.arn);
    return this.report(arns, injected, unprocessed);
  }

  async batchDisassociateScramSecret(arn: string, arns: readonly string[]): Promise<UnprocessedScramSecret[]> {
    const set = this.mustAllow(arn, 'disassociate', arns);
    this.batches.push({ op: 'disassociate', size: arns.length });
    const injected = this.injected(arns);
    const { gone, unprocessed } = sortDisassociations(arns.filter((a) => !injected.has(a)), (a) => set.has(a));
    for (const a of gone) set.delete(a);
    return this.report(arns, injected, unprocessed);
  }

  /** The cluster's associations, once MSK's whole-call rules let the call through (else the error MSK throws). */
  private mustAllow(arn: string, op: 'list' | 'associate' | 'disassociate', arns?: readonly string[]): Set<string> {
    const set = this.associated.get(arn);
    if (!set) throw awsError('NotFoundException', `The specified cluster ARN was not found: ${arn}`);
    const refusal = scramCallRefusal({ serverless: this.info.clusterType === 'SERVERLESS', scram: this.info.scramEnabled }, op, arns ? [...arns] : undefined);
    if (refusal) throw awsError(refusal.type, refusal.message);
    return set;
  }

  private injected(arns: readonly string[]): Map<string, { errorCode: string; errorMessage: string }> {
    const out = new Map<string, { errorCode: string; errorMessage: string }>();
    for (const a of arns) {
      const r = this.refuse.get(a) ?? this.refuseWhen?.(a);
      if (r) out.set(a, r);
    }
    return out;
  }

  /** Unprocessed entries in the order the ARNs were sent. */
  private report(arns: readonly string[], injected: Map<string, { errorCode: string; errorMessage: string }>,
    unprocessed: { arn: string; refusal: { errorCode: string; errorMessage: string } }[]): UnprocessedScramSecret[] {
    const byArn = new Map([...injected, ...unprocessed.map((u) => [u.arn, u.refusal] as const)]);
    return [...new Set(arns)].filter((a) => byArn.has(a)).map((a) => ({ secretArn: a, ...byArn.get(a)! }));
  }

  private reader(): MskSecretReader {
    return {
      describeSecret: async (arn) => {
        const s = this.secrets.find(arn);
        return s && s.arn === arn ? { arn: s.arn, name: s.name, deleted: s.deletedDate !== undefined, ...(s.kmsKeyId ? { kmsKeyId: s.kmsKeyId } : {}) } : undefined;
      },
      describeKey: (keyId) => this.kms.describeKey(keyId),
      secretValue: async (arn) => this.secrets.find(arn)?.value,
    };
  }
}

/** Region and account of a cluster ARN (`arn:aws:kafka:<region>:<account>:cluster/…`). */
function parseClusterArn(arn: string): { region: string; account: string } {
  const [, , , region = '', account = ''] = arn.split(':');
  return { region, account };
}

/** Secrets Manager, KMS and MSK fakes wired together: MSK reads the secrets and keys of the other two. */
export const fakePorts = () => {
  const secrets = new FakeSecrets();
  const kms = new FakeKms();
  return { secrets, kms, msk: new FakeMsk(CLUSTER_ARN, { secrets, kms }) };
};
