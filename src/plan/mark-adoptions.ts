import type { PrincipalResolver } from '../acl/principals.js';
import type { Change } from '../core/change.js';
import type { LiveState } from '../state/live-state.js';

const VISIBILITIES = ['_public', '_protected', '_private'];

/**
 * Whether a change is about the owner access of its domain's topics: the domain principal's ALLOW
 * on `<d>._public.`, `<d>._protected.` and `<d>._private.` (acl emitter), or the domain role's
 * policies (iam emitter, only when IAM was read: unread, every policy is planned as new).
 */
function isOwnerAccess(c: Change, principalOf: PrincipalResolver, iamRead: boolean): c is Change & { domain: string } {
  const d = c.domain;
  if (d === undefined) return false;
  if (c.kind === 'iam-policy') return iamRead;
  if (c.kind !== 'acl') return false;
  const b = c.action === 'delete' ? c.before : c.after;
  return b.permission === 'ALLOW' && b.resourceType === 'TOPIC' && b.patternType === 'PREFIXED' && b.principal === principalOf(d)
    && VISIBILITIES.some((v) => b.resourceName === `${d}.${v}.`);
}

/**
 * Marks the topics specmesh takes over: those of a domain whose owner access this plan creates,
 * none of it existing before, that are already on the cluster (made by hand or by another tool).
 * No state is kept: after the plan is applied the owner access exists, and the mark is gone.
 */
export function markAdoptions(changes: readonly Change[], live: LiveState, principalOf: PrincipalResolver): Change[] {
  const governed = new Map<string, boolean>();
  for (const c of changes) {
    if (!isOwnerAccess(c, principalOf, live.iamPolicies !== undefined)) continue;
    governed.set(c.domain, (governed.get(c.domain) ?? false) || c.action !== 'create');
  }
  return changes.map((c) => (c.kind === 'topic' && (c.action === 'update' || c.action === 'no-op') && c.domain !== undefined
    && governed.get(c.domain) === false ? { ...c, adopt: true } : c));
}
