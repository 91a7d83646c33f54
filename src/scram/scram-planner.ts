import type { Domain } from '../spec/model.js';
import { classifyAwsError } from '../aws/classify-aws-error.js';
import { parseClusterArn } from '../iam/cluster-arn.js';
import type { Change } from '../core/change.js';
import type { Planner, PlannerContext } from '../core/planner.js';
import { error, hasErrors, type Diagnostic } from '../core/diagnostic.js';
import { desiredSecrets } from './desired-secrets.js';
import { diffScramSecret, type LiveSecret } from './diff-scram-secret.js';
import type { KmsPort } from './kms-port.js';
import { mskAclWarnings, propagationNote } from './msk-acl-warnings.js';
import type { MskScramPort } from './msk-scram-port.js';
import { mapLimited } from '../core/map-limited.js';
import { resolveKmsKey } from './resolve-kms-key.js';
import { retireSecrets } from './retire-secrets.js';
import type { ScramSecretChange } from './scram-change.js';
import { checkUserLimit } from './scram-limits.js';
import { MSK_SECRET_PREFIX } from './secret-name.js';
import type { SecretsManagerPort } from './secrets-manager-port.js';
import { TAG_DOMAIN } from './secret-tags.js';

export interface ScramPorts {
  secrets: SecretsManagerPort;
  kms: KmsPort;
  msk: MskScramPort;
}

export interface ScramPlannerOptions {
  clusterArn: string;
  /** A customer-managed symmetric key, by id or ARN (never an alias). */
  kmsKeyId?: string;
  /** Create such a key (alias `alias/specmesh/msk-scram/<cluster name>`) when it does not exist yet. */
  createKmsKey?: boolean;
  /** New passwords for existing secrets (and re-encryption under the configured key). */
  rotateSecrets?: boolean;
  /** With cleanUnspecified: delete unused secrets of the planned domains, not only disassociate them. */
  deleteSecrets?: boolean;
  /** Domain → Kafka principal (`User:<name>`). */
  principalFor(domain: string): string;
  /** Domain → secret name; default `AmazonMSK_specmesh_<domain>`. Must start with `AmazonMSK_`. */
  secretNameFor?(domain: string): string;
  /** The region the AWS clients use, when set explicitly: it must be the cluster's. */
  awsRegion?: string;
}

/** Calls into AWS run at most this many at a time: Secrets Manager's quotas are per account. */
const CONCURRENCY = 8;

/**
 * The `scram` emitter's planner: one `scram-secret` change per domain principal (and a `kms-key`
 * change with --create-kms-key), diffed against Secrets Manager and the cluster's associations.
 * Reads only (DescribeSecret, ListSecrets, DescribeKey, DescribeClusterV2, ListScramSecrets).
 */
export function scramPlanner(ports: ScramPorts, options: ScramPlannerOptions): Planner<Domain> {
  return {
    name: 'scram',
    async plan(context: PlannerContext<Domain>): Promise<{ changes: Change[]; diagnostics: Diagnostic[] }> {
      const cluster = parseClusterArn(options.clusterArn);
      if ('problem' in cluster) {
        return { changes: [], diagnostics: [error('scram-cluster-arn', cluster.problem, undefined, 'Pass the cluster\'s ARN with --msk-cluster-arn.')] };
      }
      const diagnostics: Diagnostic[] = [];
      if (options.awsRegion && options.awsRegion !== cluster.region) {
        diagnostics.push(error('scram-region', `--aws-region ${options.awsRegion} differs from the cluster's region ${cluster.region}; MSK only associates secrets of its own region`,
          undefined, `Drop --aws-region, or set it to ${cluster.region}.`));
      }
      const desired = desiredSecrets(context.domains, options);
      diagnostics.push(...desired.diagnostics);
      const key = await resolveKmsKey(ports.kms, options, cluster);
      diagnostics.push(...key.diagnostics);
      if (hasErrors(diagnostics) || !key.keyRef) return { changes: [], diagnostics };

      const info = await call('kafka:DescribeClusterV2', cluster.arn, () => ports.msk.describeCluster(cluster.arn));
      if (!info) {
        return { changes: [], diagnostics: [...diagnostics, error('scram-cluster-not-found', `MSK cluster ${cluster.arn} does not exist (or is not visible to this identity)`, undefined,
          'Check --msk-cluster-arn, and that the credentials are of its account and region.')] };
      }
      if (info.clusterType === 'SERVERLESS' || !info.scramEnabled) {
        return { changes: [], diagnostics: [...diagnostics, error('scram-not-enabled', `MSK cluster ${cluster.name} does not have SASL/SCRAM authentication enabled${info.clusterType === 'SERVERLESS' ? ' (MSK Serverless supports IAM only)' : ''}`, undefined,
          info.clusterType === 'SERVERLESS' ? 'Use --emitter iam for MSK Serverless.' : 'Turn on SASL/SCRAM for the cluster (`aws kafka update-security --client-authentication \'{"Sasl":{"Scram":{"Enabled":true}}}\'`), or use --emitter iam.')] };
      }
      const associated = new Set(await call('kafka:ListScramSecrets', cluster.arn, () => ports.msk.listScramSecrets(cluster.arn)));

      const keyArns = new Map<string, Promise<{ arn?: string; customer?: boolean }>>();
      const keyOf = (id: string) => {
        let p = keyArns.get(id);
        if (!p) {
          // A key this identity cannot describe (another account's, say) leaves the secret's key unknown, not the plan broken.
          p = ports.kms.describeKey(id).then((k) => (k ? { arn: k.arn, customer: k.keyManager === 'CUSTOMER' } : {}), () => ({}));
          keyArns.set(id, p);
        }
        return p;
      };
      const lives = await mapLimited(desired.secrets, CONCURRENCY, async (want): Promise<LiveSecret | undefined> => {
        const d = await call('secretsmanager:DescribeSecret', want.name, () => ports.secrets.describeSecret(want.name));
        if (!d) return undefined;
        const k = d.kmsKeyId ? await keyOf(d.kmsKeyId) : {};
        return { description: d, associated: associated.has(d.arn), ...(k.arn ? { keyArn: k.arn } : {}), ...(k.customer !== undefined ? { keyIsCustomerManaged: k.customer } : {}) };
      });
      const changes: ScramSecretChange[] = [];
      desired.secrets.forEach((want, i) => {
        const diff = diffScramSecret(want, lives[i], { clusterArn: cluster.arn, kmsKeyId: key.keyRef!, rotate: options.rotateSecrets ?? false });
        if (diff.change) changes.push(diff.change);
        diagnostics.push(...diff.diagnostics);
      });

      const listed = await call('secretsmanager:ListSecrets', `${MSK_SECRET_PREFIX}*`, () => ports.secrets.listSecrets({ namePrefix: MSK_SECRET_PREFIX, tagKey: TAG_DOMAIN }));
      const retired = retireSecrets(listed, {
        clusterArn: cluster.arn,
        planned: new Set(context.domains.map((d) => d.id)),
        wanted: new Set(desired.secrets.map((s) => s.name)),
        associated,
        cleanUnspecified: context.cleanUnspecified,
        deleteSecrets: options.deleteSecrets ?? false,
      });
      changes.push(...retired.changes);
      diagnostics.push(...retired.diagnostics);
      diagnostics.push(...checkUserLimit(associated.size, changes, cluster.arn));
      diagnostics.push(...mskAclWarnings(cluster.arn));
      if (changes.some((c) => c.action === 'create' || c.action === 'update')) diagnostics.push(propagationNote());
      return { changes: [...(key.change ? [key.change] : []), ...changes], diagnostics };
    },
  };
}

async function call<T>(action: string, resource: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    throw classifyAwsError(e, { action, resource });
  }
}
