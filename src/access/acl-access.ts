import type { AclBinding, AclOperation, ResourceType } from '../acl/acl-binding.js';
import type { Change } from '../core/change.js';
import type { AccessResourceType } from '../core/access-summary.js';
import { aclAuthorizer } from './acl-authorizer.js';

/** A principal's change of access to one resource (name or `prefix*`), before flags and owners. */
export interface RawAccess {
  principal: string;
  via: 'acl' | 'iam';
  resourceType: AccessResourceType;
  resource: string;
  gained: string[];
  lost: string[];
}

const TYPE: Record<ResourceType, AccessResourceType> = { TOPIC: 'topic', GROUP: 'group', TRANSACTIONAL_ID: 'transactional-id', CLUSTER: 'cluster' };

const opName = (op: AclOperation): string => op.toLowerCase().replace(/_/g, '-');

/** Operations worth naming: DESCRIBE goes without saying beside READ/WRITE/DELETE/ALTER, as DESCRIBE_CONFIGS beside ALTER_CONFIGS. */
export function visibleOperations(ops: ReadonlySet<AclOperation>): string[] {
  const all = ops;
  return [...ops].filter((op) => !(op === 'DESCRIBE' && ['READ', 'WRITE', 'DELETE', 'ALTER'].some((o) => all.has(o as AclOperation)))
    && !(op === 'DESCRIBE_CONFIGS' && all.has('ALTER_CONFIGS'))).map(opName);
}

/**
 * Evaluates, by Kafka's authorizer rules, each principal's access to each resource a changed
 * binding names, with the bindings before the plan (unchanged and deleted) and after it
 * (unchanged and created). Only bindings the plan holds take part: those of the planned domains.
 */
export function aclAccessChanges(changes: readonly Change[]): RawAccess[] {
  const before: AclBinding[] = [];
  const after: AclBinding[] = [];
  const touched: AclBinding[] = [];
  for (const c of changes) {
    if (c.kind !== 'acl') continue;
    if (c.action === 'create') { after.push(c.after); touched.push(c.after); }
    else if (c.action === 'delete') { before.push(c.before); touched.push(c.before); }
    else if (c.action === 'no-op') { before.push(c.before); after.push(c.after); }
    else { before.push(c.before); after.push(c.after); touched.push(c.before, c.after); }
  }
  if (touched.length === 0) return [];
  const was = aclAuthorizer(before);
  const is = aclAuthorizer(after);
  const seen = new Map<string, Map<string, Set<string>>>();
  const out: RawAccess[] = [];
  for (const b of touched) {
    const prefix = b.patternType === 'PREFIXED' || b.resourceName === '*';
    const base = b.resourceName === '*' ? '' : b.resourceName;
    // Seen per principal and type (prefixes apart from names): no key string built per binding.
    let byType = seen.get(b.principal);
    if (!byType) {
      byType = new Map();
      seen.set(b.principal, byType);
    }
    const typeKey = prefix ? `${b.resourceType}*` : b.resourceType;
    let names = byType.get(typeKey);
    if (!names) {
      names = new Set();
      byType.set(typeKey, names);
    }
    if (names.has(base)) continue;
    names.add(base);
    // A name no literal binding holds and every prefix of `base` matches: any resource under the prefix.
    const probe = prefix ? `${base}\u0000` : base;
    const then = was.allowed(b.principal, b.resourceType, probe);
    const now = is.allowed(b.principal, b.resourceType, probe);
    const gained = new Set([...now].filter((op) => !then.has(op)));
    const lost = new Set([...then].filter((op) => !now.has(op)));
    if (gained.size === 0 && lost.size === 0) continue;
    out.push({
      principal: b.principal, via: 'acl', resourceType: TYPE[b.resourceType], resource: prefix ? `${base}*` : base,
      gained: visibleOperations(gained), lost: visibleOperations(lost),
    });
  }
  return out;
}
