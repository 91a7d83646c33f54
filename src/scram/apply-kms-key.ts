import { classifyAwsError } from '../aws/classify-aws-error.js';
import { resultOf, type ChangeResult } from '../core/apply-plan.js';
import { kmsKeyProblems } from './kms-key-check.js';
import type { KmsPort } from './kms-port.js';
import type { KmsKeyChange } from './scram-change.js';

const failure = (e: unknown, action: string, resource: string): string => {
  const err = classifyAwsError(e, { action, resource });
  return `${err.message}${err.fix ? `. Fix: ${err.fix}` : ''}`;
};

/**
 * Creates the key and its alias. A key found under the alias (a re-run) is used if MSK can use it;
 * a key whose alias cannot be made is scheduled for deletion, so no unnamed key is left behind.
 */
export async function applyKmsKeyChange(kms: KmsPort, c: KmsKeyChange): Promise<ChangeResult> {
  if (c.action !== 'create') return resultOf(c, 'failed', `kms-key changes are only created, never ${c.action}d: this is a bug`);
  const want = c.after;
  let existing: Awaited<ReturnType<KmsPort['describeKey']>>;
  try {
    existing = await kms.describeKey(want.alias);
  } catch (e) {
    return resultOf(c, 'failed', failure(e, 'kms:DescribeKey', want.alias));
  }
  if (existing) {
    const problems = kmsKeyProblems(existing, want.alias);
    return problems.length ? resultOf(c, 'failed', problems.map((p) => `${p.problem}. Fix: ${p.fix}`).join('; ')) : resultOf(c, 'ok');
  }
  let created: Awaited<ReturnType<KmsPort['createKey']>>;
  try {
    created = await kms.createKey({ description: want.description, policy: JSON.stringify(want.policy), tags: want.tags });
  } catch (e) {
    return resultOf(c, 'failed', failure(e, 'kms:CreateKey', want.alias));
  }
  try {
    await kms.createAlias(want.alias, created.keyId);
  } catch (e) {
    const why = failure(e, 'kms:CreateAlias', want.alias);
    try {
      await kms.scheduleKeyDeletion(created.keyId);
      return resultOf(c, 'failed', `${why} (the new key ${created.arn} was scheduled for deletion)`);
    } catch {
      return resultOf(c, 'failed', `${why} (the new key ${created.arn} is left without an alias: schedule its deletion)`);
    }
  }
  return resultOf(c, 'ok');
}
