import { classifyAwsError } from '../aws/classify-aws-error.js';
import { chunk } from './chunk.js';
import { MSK_MAX_SECRETS_PER_CALL, type MskScramPort, type UnprocessedScramSecret } from './msk-scram-port.js';
import { pushTo } from '../core/push-to.js';

export interface AssociationItem<K> {
  key: K;
  clusterArn: string;
  arn: string;
}

export type AssociationOp = 'associate' | 'disassociate';

/** What to do about one secret MSK left unprocessed, by its error code and message. */
export function describeUnprocessed(op: AssociationOp, u: UnprocessedScramSecret): string {
  const what = `MSK did not ${op} ${u.secretArn}: ${u.errorCode}: ${u.errorMessage}`;
  const m = u.errorMessage;
  if (/prefix/i.test(m)) return `${what}. Fix: name the secret AmazonMSK_<…>.`;
  if (/symmetric|key spec|key usage/i.test(m)) return `${what}. Fix: encrypt the secret with a symmetric (SYMMETRIC_DEFAULT, ENCRYPT_DECRYPT) customer-managed KMS key (--kms-key-id or --create-kms-key, with --rotate-secrets for an existing secret).`;
  if (/default (aws kms |kms )?key|customer.managed|aws\/secretsmanager/i.test(m)) return `${what}. Fix: encrypt the secret with a customer-managed KMS key (--kms-key-id or --create-kms-key, with --rotate-secrets for an existing secret).`;
  if (/username|credentials|format/i.test(m)) return `${what}. Fix: the secret's value must be {"username":"…","password":"…"}; run with --rotate-secrets to rewrite it.`;
  if (/account|region/i.test(m)) return `${what}. Fix: create the secret in the cluster's account and region.`;
  if (/access|permission|grant/i.test(m)) return `${what}. Fix: the identity associating needs kms:CreateGrant and kms:DescribeKey on the secret's key and secretsmanager:GetSecretValue on the secret; check the key policy too.`;
  return what;
}

/**
 * Associates (or disassociates) secrets with their clusters, at most 10 ARNs per call as MSK
 * requires. MSK reports refusals inside a 200 reply (UnprocessedScramSecrets): each becomes the
 * error of its item, and a call that fails as a whole fails every item it carried.
 * Returns each item's error; items absent from the map succeeded.
 */
export async function applyAssociations<K>(msk: MskScramPort, items: readonly AssociationItem<K>[], op: AssociationOp): Promise<Map<K, string>> {
  const errors = new Map<K, string>();
  const byCluster = new Map<string, AssociationItem<K>[]>();
  for (const it of items) pushTo(byCluster, it.clusterArn, it);
  const action = op === 'associate' ? 'kafka:BatchAssociateScramSecret' : 'kafka:BatchDisassociateScramSecret';
  for (const [clusterArn, clusterItems] of byCluster) {
    for (const batch of chunk(clusterItems, MSK_MAX_SECRETS_PER_CALL)) {
      const arns = batch.map((b) => b.arn);
      let unprocessed: UnprocessedScramSecret[];
      try {
        unprocessed = op === 'associate' ? await msk.batchAssociateScramSecret(clusterArn, arns) : await msk.batchDisassociateScramSecret(clusterArn, arns);
      } catch (e) {
        const err = classifyAwsError(e, { action, resource: clusterArn, ...(op === 'associate' ? { alsoNeeds: ['kms:CreateGrant', 'kms:DescribeKey', 'secretsmanager:GetSecretValue'] } : {}) });
        for (const b of batch) errors.set(b.key, `${err.message}${err.fix ? `. Fix: ${err.fix}` : ''}`);
        continue;
      }
      const known = new Set(arns);
      const stray = unprocessed.filter((u) => !known.has(u.secretArn));
      for (const u of unprocessed) {
        for (const b of batch) if (b.arn === u.secretArn) errors.set(b.key, describeUnprocessed(op, u));
      }
      // An entry naming an ARN that was not sent cannot be pinned to one secret: fail the batch rather than report success.
      if (stray.length > 0) {
        for (const b of batch) if (!errors.has(b.key)) errors.set(b.key, `MSK reported ${stray.length} unprocessed secret(s) it was not sent (${stray.map((s) => `${s.errorCode}: ${s.errorMessage}`).join('; ')}); ${op} not confirmed`);
      }
    }
  }
  return errors;
}
