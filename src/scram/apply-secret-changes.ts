import { AwsError } from '../aws/aws-error.js';
import { classifyAwsError } from '../aws/classify-aws-error.js';
import { resultOf, type ChangeResult } from '../core/apply-plan.js';
import { applyAssociations } from './associate-secrets.js';
import { kmsKeyProblems } from './kms-key-check.js';
import { mapLimited } from '../core/map-limited.js';
import { generatePassword, parseSecretValue, redact, secretValue } from './password.js';
import type { ScramPorts } from './scram-planner.js';
import type { ScramSecretChange, ScramSecretState } from './scram-change.js';
import type { SecretDescription } from './secrets-manager-port.js';
import { managedDomainOf, missingTags } from './secret-tags.js';

/** A step that failed: its message is final (classified, with the fix). */
class StepError extends Error {}

const CONCURRENCY = 4;

/**
 * Creates and updates secrets, then associates with the cluster exactly those that were created
 * or verified: a secret whose creation failed is never associated. One result per change.
 * Passwords are generated here, sent only to Secrets Manager, and scrubbed from every message.
 */
export async function applySecretChanges(ports: ScramPorts, changes: readonly ScramSecretChange[]): Promise<ChangeResult[]> {
  const sensitive = new Set<string>();
  const keys = keyResolver(ports);
  const prepared = await mapLimited(changes, CONCURRENCY, async (c) => {
    try {
      return { arn: await prepare(ports, c, keys, sensitive) };
    } catch (e) {
      return { error: e instanceof Error ? e.message : String(e) };
    }
  });
  const toAssociate = changes.flatMap((c, i) => {
    const p = prepared[i]!;
    const wanted = c.action === 'create' || (c.action === 'update' && !c.before.associated && c.after.associated);
    return p.arn && wanted ? [{ key: i, clusterArn: c.after.clusterArn, arn: p.arn }] : [];
  });
  const associationErrors = await applyAssociations(ports.msk, toAssociate, 'associate');
  return changes.map((c, i) => {
    const p = prepared[i]!;
    if (p.error !== undefined) return resultOf(c, 'failed', redact(p.error, sensitive));
    const e = associationErrors.get(i);
    return e === undefined ? resultOf(c, 'ok') : resultOf(c, 'failed', redact(`secret ${c.id} is ready (${p.arn}), but ${e}`, sensitive));
  });
}

function stepError(e: unknown, action: string, resource: string, alsoNeeds?: string[]): StepError {
  const err = classifyAwsError(e, { action, resource, ...(alsoNeeds ? { alsoNeeds } : {}) });
  return new StepError(`${err.message}${err.fix ? `. Fix: ${err.fix}` : ''}`);
}

async function step<T>(action: string, resource: string, fn: () => Promise<T>, alsoNeeds?: string[]): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    throw stepError(e, action, resource, alsoNeeds);
  }
}

/** Resolves a key reference (ARN, or the alias of a key this plan created) to an ARN MSK can use, once per apply. */
function keyResolver(ports: ScramPorts): (ref: string) => Promise<string> {
  const cache = new Map<string, Promise<string>>();
  return (ref) => {
    let p = cache.get(ref);
    if (!p) {
      p = (async () => {
        const key = await step('kms:DescribeKey', ref, () => ports.kms.describeKey(ref));
        if (!key) throw new StepError(`KMS key ${ref} does not exist (was the kms-key change applied?)`);
        const problems = kmsKeyProblems(key, ref);
        if (problems.length) throw new StepError(problems.map((x) => `${x.problem}. Fix: ${x.fix}`).join('; '));
        return key.arn;
      })();
      cache.set(ref, p);
    }
    return p;
  };
}

const WRITE_NEEDS = ['kms:GenerateDataKey', 'kms:Decrypt'];

/** Brings one secret to its planned state; returns its ARN once it is verified fit for MSK. */
async function prepare(ports: ScramPorts, c: ScramSecretChange, keyArn: (ref: string) => Promise<string>, sensitive: Set<string>): Promise<string> {
  const sm = ports.secrets;
  if (c.action === 'create') {
    const want = c.after;
    const key = await keyArn(want.kmsKeyId!);
    const password = generatePassword();
    sensitive.add(password);
    let arn: string;
    try {
      arn = (await sm.createSecret({
        name: want.name, kmsKeyId: key, secretString: secretValue(want.username, password), tags: want.tags,
        description: `SCRAM-SHA-512 credentials of ${want.username} for MSK (specmesh, domain ${c.domain ?? '?'})`,
      })).arn;
    } catch (e) {
      const code = e instanceof AwsError ? e.code : (e as { name?: string }).name;
      if (code !== 'ResourceExistsException') throw stepError(e, 'secretsmanager:CreateSecret', want.name, WRITE_NEEDS);
      arn = await adopt(ports, c, want);
    }
    await verify(ports, arn, key, keyArn);
    return arn;
  }
  if (c.action !== 'update') throw new StepError(`scram-secret ${c.action} is not applied here: this is a bug`);
  const { before, after } = c;
  const arn = before.arn ?? after.arn;
  if (!arn) throw new StepError(`secret ${c.id} has no ARN in the plan: this is a bug`);
  if (before.scheduledForDeletion) await step('secretsmanager:RestoreSecret', arn, () => sm.restoreSecret(arn));
  const moveKey = before.kmsKeyId !== after.kmsKeyId;
  const key = after.kmsKeyId ? await keyArn(after.kmsKeyId) : undefined;
  if (after.generatePassword || moveKey || before.username !== after.username) {
    let password: string;
    if (after.generatePassword) {
      password = generatePassword();
    } else {
      const current = parseSecretValue(await step('secretsmanager:GetSecretValue', arn, () => sm.getSecretValue(arn), ['kms:Decrypt']));
      if (!current) throw new StepError(`secret ${c.id} does not hold {"username","password"} JSON, so its password cannot be kept. Fix: run with --rotate-secrets to write a new one`);
      password = current.password;
    }
    sensitive.add(password);
    await step('secretsmanager:UpdateSecret', arn, () => sm.updateSecret(arn, { secretString: secretValue(after.username, password), ...(moveKey && key ? { kmsKeyId: key } : {}) }), WRITE_NEEDS);
  }
  const tags = missingTags(after.tags, before.tags);
  if (Object.keys(tags).length > 0) await step('secretsmanager:TagResource', arn, () => sm.tagResource(arn, tags));
  if (after.associated) await verify(ports, arn, key, keyArn);
  return arn;
}

/** A secret of this name already exists (an earlier, interrupted run): take it over only if it is this domain's. */
async function adopt(ports: ScramPorts, c: ScramSecretChange, want: ScramSecretState): Promise<string> {
  const d = await step('secretsmanager:DescribeSecret', want.name, () => ports.secrets.describeSecret(want.name));
  if (!d) throw new StepError(`secret ${want.name} both exists and does not: run again`);
  if (managedDomainOf(d.tags) !== c.domain) {
    throw new StepError(`secret ${want.name} already exists and is not specmesh's secret for ${c.domain ?? 'this domain'}. Fix: plan again, to see it and decide`);
  }
  if (d.deletedDate) await step('secretsmanager:RestoreSecret', d.arn, () => ports.secrets.restoreSecret(d.arn));
  return d.arn;
}

/** Only a secret that exists, is not being deleted and is under a customer-managed key goes to MSK. */
async function verify(ports: ScramPorts, arn: string, expectedKey: string | undefined, keyArn: (ref: string) => Promise<string>): Promise<SecretDescription> {
  const d = await step('secretsmanager:DescribeSecret', arn, () => ports.secrets.describeSecret(arn));
  if (!d) throw new StepError(`secret ${arn} is gone right after it was written`);
  if (d.deletedDate) throw new StepError(`secret ${d.name} is scheduled for deletion`);
  if (!d.kmsKeyId) throw new StepError(`secret ${d.name} is under the default aws/secretsmanager key, which MSK refuses. Fix: run with --rotate-secrets and a customer-managed key`);
  if (expectedKey) {
    const actual = await keyArn(d.kmsKeyId);
    if (actual !== expectedKey) throw new StepError(`secret ${d.name} is under ${actual}, not ${expectedKey}`);
  }
  return d;
}
