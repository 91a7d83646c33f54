import { parseClusterArn } from '../index.js';
import { resultOf, type ChangeResult } from '../../core/apply-plan.js';
import { canonicalJson } from '../../core/canonical-json.js';
import type { ClusterPolicyChange, IamPolicyChange } from '../iam-plan.js';
import { mapLimited } from '../../core/map-limited.js';
import type { IamPorts } from './read-iam-state.js';
import { POLICY_PATH, policyArnFor, policyTags, roleOf, TAG_CLUSTER, TAG_DOMAIN, TAG_MANAGED_BY } from './managed-policy-names.js';

const CONCURRENCY = 4;
const messageOf = (e: unknown): string => {
  const err = e as { message?: string; fix?: string };
  return `${err.message ?? String(e)}${err.fix ? `. Fix: ${err.fix}` : ''}`;
};

/**
 * Applies `iam-policy` changes as customer managed policies under /specmesh/, attached to their
 * roles only. Policies of roles, and a cluster, in another account than the caller's are left
 * alone (skipped, with the reason). One result per change.
 */
export function iamPolicyApplier(ports: IamPorts, clusterArn: string): { apply(changes: readonly IamPolicyChange[]): Promise<ChangeResult[]> } {
  return { apply: (changes) => applyInAccount(ports, changes, (c, account) => applyPolicy(ports, c, account, clusterArn)) };
}

/** Applies the `msk-cluster-policy` change with PutClusterPolicy, guarded by the version read at plan time. */
export function clusterPolicyApplier(ports: IamPorts): { apply(changes: readonly ClusterPolicyChange[]): Promise<ChangeResult[]> } {
  return { apply: (changes) => applyInAccount(ports, changes, (c, account) => applyClusterPolicy(ports, c, account)) };
}

async function applyInAccount<C extends IamPolicyChange | ClusterPolicyChange>(ports: IamPorts, changes: readonly C[], one: (c: C, account: string) => Promise<ChangeResult>): Promise<ChangeResult[]> {
  let account: string;
  try {
    account = await ports.iam.callerAccount();
  } catch (e) {
    return changes.map((c) => resultOf(c, 'failed', `cannot tell which account these credentials are for: ${messageOf(e)}`));
  }
  return mapLimited(changes, CONCURRENCY, async (c): Promise<ChangeResult> => {
    try {
      return await one(c, account);
    } catch (e) {
      return resultOf(c, 'failed', messageOf(e));
    }
  });
}

async function applyPolicy(ports: IamPorts, c: IamPolicyChange, account: string, clusterArn: string): Promise<ChangeResult> {
  const want = c.action === 'delete' ? c.before : c.after;
  const role = roleOf(want.principal);
  const arn = want.arn ?? policyArnFor(want.principal, want.policyName);
  if (!role || !arn) return resultOf(c, 'failed', `"${want.principal}" is not an IAM role ARN: this is a bug`);
  if (role.account !== account) {
    return resultOf(c, 'skipped', `role ${want.principal} is in account ${role.account}, these credentials in ${account}: create ${want.policyName} there (plan --out writes its document)`);
  }
  if (c.action === 'delete') {
    await ports.iam.deletePolicy(arn);
    return resultOf(c, 'ok');
  }
  const tags = policyTags(c.domain ?? '', want.principal, clusterArn);
  if (c.action === 'create') {
    const existing = await ports.iam.getPolicy(arn);
    if (existing) {
      // An earlier run that was cut off made it: take it over only if it is this domain's, on this cluster.
      const theirs = existing.tags[TAG_MANAGED_BY] !== 'specmesh' || existing.tags[TAG_DOMAIN] !== c.domain
        || (existing.tags[TAG_CLUSTER] !== undefined && existing.tags[TAG_CLUSTER] !== clusterArn);
      if (theirs) return resultOf(c, 'failed', `policy ${arn} already exists and is not specmesh's policy for ${c.domain ?? 'this domain'} on this cluster. Fix: plan again, to see it and decide`);
      if (canonicalJson(existing.document) !== canonicalJson(want.document)) await ports.iam.setPolicyDocument(arn, want.document);
      await ports.iam.tagPolicy(arn, tags);
      await attachToOnly(ports, arn, role.name, await ports.iam.policyRoles(arn));
    } else {
      await ports.iam.createPolicy({ name: want.policyName, path: POLICY_PATH, document: want.document, tags, description: `MSK access of domain ${c.domain ?? '?'} (specmesh)` });
      await attachToOnly(ports, arn, role.name, []);
    }
    return resultOf(c, 'ok');
  }
  if (c.action === 'update') {
    const before = c.before;
    if (canonicalJson(before.document) !== canonicalJson(want.document)) await ports.iam.setPolicyDocument(arn, want.document);
    // The role tag follows the role, so a later run finds whose policy it is.
    if (before.principal !== want.principal || before.attachedTo?.includes(role.name) !== true) await ports.iam.tagPolicy(arn, tags);
    await attachToOnly(ports, arn, role.name, before.attachedTo ?? []);
    return resultOf(c, 'ok');
  }
  return resultOf(c, 'failed', `iam-policy ${c.action} is not applied here: this is a bug`);
}

/** A domain's policy belongs on its role and nowhere else: attached there first, then taken off any other. */
async function attachToOnly(ports: IamPorts, arn: string, roleName: string, attachedTo: readonly string[]): Promise<void> {
  if (!attachedTo.includes(roleName)) await ports.iam.attachRolePolicy(roleName, arn);
  for (const other of attachedTo) if (other !== roleName) await ports.iam.detachRolePolicy(other, arn);
}

async function applyClusterPolicy(ports: IamPorts, c: ClusterPolicyChange, account: string): Promise<ChangeResult> {
  const clusterArn = c.id;
  const cluster = parseClusterArn(clusterArn);
  if (!('problem' in cluster) && cluster.account !== account) {
    return resultOf(c, 'skipped', `the cluster is in account ${cluster.account}, these credentials in ${account}: apply its cluster policy from there (plan --out writes it)`);
  }
  if (c.action === 'delete') {
    // DeleteClusterPolicy takes no version: make sure nobody changed the policy since the plan.
    const planned = c.before.version;
    const now = await ports.clusterPolicy.getClusterPolicy(clusterArn);
    if (!now) return resultOf(c, 'ok');
    if (planned !== undefined && now.version !== planned) {
      return resultOf(c, 'failed', `the cluster policy changed since the plan (version ${planned} → ${now.version}). Fix: plan again`);
    }
    await ports.clusterPolicy.deleteClusterPolicy(clusterArn);
    return resultOf(c, 'ok');
  }
  if (c.action === 'create' || c.action === 'update') {
    const before = c.action === 'update' ? c.before : undefined;
    await ports.clusterPolicy.putClusterPolicy(clusterArn, c.after.document, before?.version);
    return resultOf(c, 'ok');
  }
  return resultOf(c, 'failed', `msk-cluster-policy ${c.action} is not applied here: this is a bug`);
}
