import { classifyAwsError } from '../aws/classify-aws-error.js';
import { resultOf, type ChangeResult } from '../core/apply-plan.js';
import { applyAssociations } from './associate-secrets.js';
import type { ScramPorts } from './scram-planner.js';
import type { ScramSecretChange } from './scram-change.js';

/** Secrets Manager's default: a deleted secret can be restored for 30 days. */
export const RECOVERY_WINDOW_DAYS = 30;

/**
 * Disassociates retired secrets from their cluster (10 per call), then deletes those planned for
 * deletion, but only once MSK let go of them: a secret MSK still uses is never deleted.
 */
export async function applySecretRetirements(ports: ScramPorts, changes: readonly ScramSecretChange[]): Promise<ChangeResult[]> {
  const befores = changes.map((c) => c.before);
  const items = befores.flatMap((b, i) => (b?.arn && b.associated ? [{ key: i, clusterArn: b.clusterArn, arn: b.arn }] : []));
  const errors = await applyAssociations(ports.msk, items, 'disassociate');
  const results: ChangeResult[] = [];
  for (const [i, c] of changes.entries()) {
    const b = befores[i];
    if (c.action !== 'delete' || !b?.arn) {
      results.push(resultOf(c, 'failed', `scram-secret ${c.action} is not a retirement: this is a bug`));
      continue;
    }
    const e = errors.get(i);
    if (e !== undefined) {
      results.push(resultOf(c, 'failed', e));
      continue;
    }
    if (b.retire === 'delete') {
      try {
        await ports.secrets.deleteSecret(b.arn, RECOVERY_WINDOW_DAYS);
      } catch (err) {
        const x = classifyAwsError(err, { action: 'secretsmanager:DeleteSecret', resource: b.arn });
        results.push(resultOf(c, 'failed', `${b.associated ? 'disassociated, but ' : ''}${x.message}${x.fix ? `. Fix: ${x.fix}` : ''}`));
        continue;
      }
    }
    results.push(resultOf(c, 'ok'));
  }
  return results;
}
