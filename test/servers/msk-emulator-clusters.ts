// The MSK emulator's clusters and what MSK does when secrets are associated with them: the broker
// gets a SCRAM-SHA-512 user per associated secret (and loses it on disassociation), the secret gets
// MSK's resource policy, and a periodic re-read of the secrets brings changed passwords to the
// broker. One update at a time, as MSK applies cluster updates (and so tool JVMs never race).
import { createHash, randomUUID } from 'node:crypto';
import { DescribeKeyCommand, type KMSClient } from '@aws-sdk/client-kms';
import {
  DeleteResourcePolicyCommand, DescribeSecretCommand, GetSecretValueCommand, PutResourcePolicyCommand, type SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { addScramUsers, deleteScramUsers, type KafkaAdminConnection } from './kafka-admin-tools.js';
import { parseCredentials, sortAssociations, sortDisassociations, type MskSecretReader, type Unprocessed } from './msk-emulator-rules.js';

export { MSK_MAX_USERS, type Unprocessed } from './msk-emulator-rules.js';

interface Association {
  arn: string;
  username: string;
  /** sha256 of the password last applied to the broker (never the password itself). */
  applied: string;
  /** Seeded stand-ins for other users: count towards the limit, no broker user behind them. */
  seeded?: boolean;
}

export interface EmulatedCluster {
  arn: string;
  name: string;
  scram: boolean;
  serverless: boolean;
  associations: Map<string, Association>;
}

const hash = (s: string): string => createHash('sha256').update(s).digest('hex');

/** How MSK reads secrets and keys, here from moto; whatever cannot be read is undefined. */
function awsSecretReader(aws: { secrets: SecretsManagerClient; kms: KMSClient }): MskSecretReader {
  return {
    async describeSecret(arn) {
      const d = await aws.secrets.send(new DescribeSecretCommand({ SecretId: arn })).catch(() => undefined);
      return d ? { arn: d.ARN ?? arn, name: d.Name ?? '', deleted: d.DeletedDate !== undefined, ...(d.KmsKeyId ? { kmsKeyId: d.KmsKeyId } : {}) } : undefined;
    },
    async describeKey(keyId) {
      const k = (await aws.kms.send(new DescribeKeyCommand({ KeyId: keyId })).catch(() => undefined))?.KeyMetadata;
      return k ? { keyManager: k.KeyManager, keySpec: k.KeySpec, keyUsage: k.KeyUsage, keyState: k.KeyState } : undefined;
    },
    async secretValue(arn) {
      return (await aws.secrets.send(new GetSecretValueCommand({ SecretId: arn })).catch(() => undefined))?.SecretString;
    },
  };
}

export class EmulatedClusters {
  private readonly clusters = new Map<string, EmulatedCluster>();
  private queue: Promise<unknown> = Promise.resolve();
  private readonly reader: MskSecretReader;

  constructor(
    private readonly where: { region: string; account: string },
    private readonly aws: { secrets: SecretsManagerClient; kms: KMSClient },
    private readonly kafka: KafkaAdminConnection | undefined,
  ) {
    this.reader = awsSecretReader(aws);
  }

  get(arn: string): EmulatedCluster | undefined {
    return this.clusters.get(arn);
  }

  create(opts: { name?: string; scram?: boolean; serverless?: boolean; seedAssociations?: number }): EmulatedCluster {
    const name = opts.name ?? `cluster-${this.clusters.size + 1}`;
    const { region, account } = this.where;
    const arn = `arn:aws:kafka:${region}:${account}:cluster/${name}/${randomUUID()}-${this.clusters.size + 1}`;
    const serverless = opts.serverless ?? false;
    // MSK Serverless has IAM access control only: no SASL/SCRAM, whatever was asked for.
    const cluster: EmulatedCluster = { arn, name, scram: !serverless && (opts.scram ?? true), serverless, associations: new Map() };
    for (let i = 0; i < (opts.seedAssociations ?? 0); i++) {
      const seeded = `arn:aws:secretsmanager:${region}:${account}:secret:AmazonMSK_seeded_${i}-${randomUUID().slice(0, 6)}`;
      cluster.associations.set(seeded, { arn: seeded, username: `seeded-${i}`, applied: '', seeded: true });
    }
    this.clusters.set(arn, cluster);
    return cluster;
  }

  users(cluster: EmulatedCluster): { username: string; secretArn: string }[] {
    return [...cluster.associations.values()].filter((a) => !a.seeded).map((a) => ({ username: a.username, secretArn: a.arn }));
  }

  associate(cluster: EmulatedCluster, arns: readonly string[]): Promise<Unprocessed[]> {
    return this.serial(async () => {
      const { accepted, unprocessed } = await sortAssociations(arns, {
        ...this.where, associatedCount: cluster.associations.size, isAssociated: (arn) => cluster.associations.has(arn),
      }, this.reader);
      if (accepted.length === 0) return unprocessed;
      if (this.kafka) await addScramUsers(this.kafka, accepted.map((a) => ({ name: a.username, password: a.password, mechanism: 'SCRAM-SHA-512' })));
      for (const a of accepted) {
        cluster.associations.set(a.arn, { arn: a.arn, username: a.username, applied: hash(a.password) });
        await this.aws.secrets.send(new PutResourcePolicyCommand({ SecretId: a.arn, ResourcePolicy: JSON.stringify(mskSecretPolicy(cluster.arn, a.arn)) }));
      }
      return unprocessed;
    });
  }

  disassociate(cluster: EmulatedCluster, arns: readonly string[]): Promise<Unprocessed[]> {
    return this.serial(async () => {
      const sorted = sortDisassociations(arns, (arn) => cluster.associations.has(arn));
      const gone = sorted.gone.map((arn) => cluster.associations.get(arn)!);
      for (const a of gone) cluster.associations.delete(a.arn);
      await this.dropUsers(cluster, gone.filter((a) => !a.seeded).map((a) => a.username));
      for (const a of gone.filter((x) => !x.seeded)) {
        await this.aws.secrets.send(new DeleteResourcePolicyCommand({ SecretId: a.arn })).catch(() => undefined);
      }
      return sorted.unprocessed;
    });
  }

  /** MSK re-reads associated secrets periodically; changed credentials reach the broker then. Returns how many changed. */
  sync(only?: EmulatedCluster): Promise<number> {
    return this.serial(async () => {
      let updated = 0;
      for (const cluster of only ? [only] : this.clusters.values()) {
        const changed: { a: Association; username: string; password: string }[] = [];
        for (const a of cluster.associations.values()) {
          if (a.seeded) continue;
          const value = await this.aws.secrets.send(new GetSecretValueCommand({ SecretId: a.arn })).then((o) => o.SecretString, () => undefined);
          const creds = parseCredentials(value);
          if (creds && (hash(creds.password) !== a.applied || creds.username !== a.username)) changed.push({ a, ...creds });
        }
        if (changed.length === 0) continue;
        if (this.kafka) await addScramUsers(this.kafka, changed.map((c) => ({ name: c.username, password: c.password })));
        const renamed = changed.filter((c) => c.username !== c.a.username).map((c) => c.a.username);
        for (const c of changed) Object.assign(c.a, { username: c.username, applied: hash(c.password) });
        await this.dropUsers(cluster, renamed);
        updated += changed.length;
      }
      return updated;
    });
  }

  /** Deletes broker users no associated secret of the cluster names any more. */
  private async dropUsers(cluster: EmulatedCluster, usernames: string[]): Promise<void> {
    const stillUsed = new Set([...cluster.associations.values()].map((a) => a.username));
    const users = [...new Set(usernames.filter((u) => !stillUsed.has(u)))];
    if (this.kafka && users.length) await deleteScramUsers(this.kafka, users.map((name) => ({ name, mechanism: 'SCRAM-SHA-512' })));
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }
}

/** The resource policy MSK attaches to an associated secret: the cluster's service may read it. */
function mskSecretPolicy(clusterArn: string, secretArn: string) {
  return {
    Version: '2012-10-17',
    Statement: [{
      Sid: 'AWSKafkaResourcePolicy',
      Effect: 'Allow',
      Principal: { Service: 'kafka.amazonaws.com' },
      Action: 'secretsmanager:getSecretValue',
      Resource: secretArn,
      Condition: { ArnEquals: { 'aws:SourceArn': clusterArn } },
    }],
  };
}
