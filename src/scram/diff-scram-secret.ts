import { error, warning, type Diagnostic } from '../core/diagnostic.js';
import { SENSITIVE } from '../core/mask-secrets.js';
import type { DesiredSecret } from './desired-secrets.js';
import { SCRAM_SECRET_KIND, usernameOf, type ScramSecretChange, type ScramSecretState } from './scram-change.js';
import type { SecretDescription } from './secrets-manager-port.js';
import { managedDomainOf, missingTags, TAG_PRINCIPAL } from './secret-tags.js';

/** What is known about an existing secret when planning. */
export interface LiveSecret {
  description: SecretDescription;
  associated: boolean;
  /** The ARN of its KMS key, when its key could be described. */
  keyArn?: string;
  /** False when its key is AWS-managed (MSK refuses it). */
  keyIsCustomerManaged?: boolean;
}

export interface SecretDiffContext {
  clusterArn: string;
  /** The key ARN new versions are written under, or the alias of a key this plan creates. */
  kmsKeyId: string;
  rotate: boolean;
}

const liveState = (_want: DesiredSecret, have: LiveSecret, clusterArn: string): ScramSecretState => {
  const d = have.description;
  const principal = d.tags[TAG_PRINCIPAL];
  return {
    name: d.name,
    username: (principal && usernameOf(principal)) || '(unknown)',
    password: SENSITIVE,
    mechanism: 'SCRAM-SHA-512',
    ...(d.kmsKeyId ? { kmsKeyId: have.keyArn ?? d.kmsKeyId } : {}),
    clusterArn,
    associated: have.associated,
    tags: d.tags,
    arn: d.arn,
    ...(d.deletedDate ? { scheduledForDeletion: true } : {}),
    generatePassword: false,
  };
};

/**
 * The one change for a domain principal's secret, chosen by a total function of what is wanted and
 * what exists. Problems MSK would refuse (a secret under the default key, a name taken by another
 * domain) are errors, never silent fixes.
 */
export function diffScramSecret(want: DesiredSecret, have: LiveSecret | undefined, ctx: SecretDiffContext): { change?: ScramSecretChange; diagnostics: Diagnostic[] } {
  const after: ScramSecretState = {
    name: want.name, username: want.username, password: SENSITIVE, mechanism: 'SCRAM-SHA-512',
    kmsKeyId: ctx.kmsKeyId, clusterArn: ctx.clusterArn, associated: true, tags: want.tags, generatePassword: true,
  };
  const base = { kind: SCRAM_SECRET_KIND, id: want.name, domain: want.domain };
  if (!have) {
    return { change: { ...base, action: 'create', after, reason: `user ${want.username}, ${after.mechanism}, new password, associated with the cluster` }, diagnostics: [] };
  }
  const d = have.description;
  const owner = managedDomainOf(d.tags);
  if (owner !== undefined && owner !== want.domain) {
    return { diagnostics: [error('scram-secret-taken', `Secret "${d.name}" belongs to domain ${owner} (tag specmesh:domain), not ${want.domain}`, undefined,
      'Give one of the domains another secret name, or retag the secret if it was moved on purpose.')] };
  }
  const diagnostics: Diagnostic[] = [];
  const before = liveState(want, have, ctx.clusterArn);
  const reasons: string[] = [];
  const defaultKey = !d.kmsKeyId || have.keyIsCustomerManaged === false;
  if (defaultKey && !ctx.rotate) {
    return { diagnostics: [error('scram-secret-default-key', `Secret "${d.name}" is encrypted with ${d.kmsKeyId ? `the AWS-managed key ${d.kmsKeyId}` : 'the default aws/secretsmanager key'}, which MSK refuses`, undefined,
      `Run with --rotate-secrets to write a new password under ${ctx.kmsKeyId}, or re-encrypt it yourself: \`aws secretsmanager update-secret --secret-id ${d.name} --kms-key-id <customer-managed key ARN> --secret-string <its value>\`.`)] };
  }
  if (d.deletedDate) reasons.push('restore it (it is scheduled for deletion)');
  // A key that could not be described may be the configured one or another: either way it is kept, unless rotating.
  const unknownKey = !defaultKey && have.keyArn === undefined;
  const otherKey = !defaultKey && (unknownKey || have.keyArn !== ctx.kmsKeyId);
  if (defaultKey) reasons.push(`re-encrypt under ${ctx.kmsKeyId} (MSK refuses the default key)`);
  else if (otherKey && ctx.rotate) reasons.push(`re-encrypt under ${ctx.kmsKeyId}`);
  else if (unknownKey) {
    diagnostics.push(warning('scram-secret-key-unknown', `Secret "${d.name}" is encrypted with ${d.kmsKeyId}, which could not be described; it is kept under that key, and MSK refuses it unless it is a customer-managed symmetric key`, undefined,
      `Allow kms:DescribeKey on ${d.kmsKeyId}, or run with --rotate-secrets to move the secret (with a new password) to ${ctx.kmsKeyId}.`));
  } else if (otherKey) {
    diagnostics.push(warning('scram-secret-other-key', `Secret "${d.name}" is encrypted with ${have.keyArn}, not ${ctx.kmsKeyId}; it is kept under its key`, undefined,
      'Run with --rotate-secrets to move it (with a new password) to the configured key.'));
  }
  if (before.username !== want.username) reasons.push(`username ${before.username} → ${want.username}`);
  if (Object.keys(missingTags(want.tags, d.tags)).length > 0) reasons.push('tags');
  if (!have.associated) reasons.push('associate with the cluster');
  if (ctx.rotate) reasons.push('new password (--rotate-secrets)');
  const keepKey = otherKey && !ctx.rotate ? { kmsKeyId: before.kmsKeyId! } : {};
  const target: ScramSecretState = { ...after, ...keepKey, arn: d.arn, tags: { ...d.tags, ...want.tags }, generatePassword: ctx.rotate };
  if (reasons.length === 0) return { change: { ...base, action: 'no-op', before, after: before }, diagnostics };
  return { change: { ...base, action: 'update', before, after: target, reason: reasons.join('; ') }, diagnostics };
}
