import type { AccessEntry, AccessFlag, AccessSummary, OwnerAccess } from '../core/access-summary.js';
import { isWidening } from '../core/access-summary.js';
import type { Change } from '../core/change.js';
import { aclAccessChanges, type RawAccess } from './acl-access.js';
import { iamAccessChanges } from './iam-access.js';
import { ownerResolver } from './resource-owner.js';

const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const READS = new Set(['read', 'ReadData']);

/** Principal → domain: from each domain's owner bindings and IAM policies, else `User:<domain>` by name. */
function principalDomains(changes: readonly Change[], domains: ReadonlySet<string>): (principal: string) => string | undefined {
  const known = new Map<string, string>();
  for (const c of changes) {
    if (!c.domain) continue;
    if (c.kind === 'iam-policy') {
      known.set((c.action === 'delete' ? c.before : c.after).principal, c.domain);
    } else if (c.kind === 'acl') {
      const b = c.action === 'delete' ? c.before : c.after;
      if (b.permission === 'ALLOW' && b.operation === 'WRITE' && b.resourceType === 'TOPIC' && b.patternType === 'PREFIXED'
        && b.resourceName === `${c.domain}._public.` && !known.has(b.principal)) known.set(b.principal, c.domain);
    }
  }
  return (principal) => known.get(principal) ?? (principal.startsWith('User:') && domains.has(principal.slice(5)) ? principal.slice(5) : undefined);
}

const TYPE_ORDER: Record<string, number> = { topic: 0, group: 1, 'transactional-id': 2, cluster: 3 };
const rank = (e: AccessEntry): number => (isWidening(e) ? 0 : e.flags.includes('lost') ? 1 : 2);

/**
 * The access summary of a plan: each principal's changes of access per topic (or prefix), group
 * prefix and transactional-id prefix, from the ACL bindings (by Kafka's authorizer rules) and the
 * IAM policies (by effective actions) before and after it, flagged where a reviewer must look.
 * A domain's newly granted access to its own resources collapses into one owner line.
 */
export function summarizeAccess(changes: readonly Change[], specDomains: readonly string[] = []): AccessSummary {
  const domains = new Set<string>(specDomains);
  for (const c of changes) if (c.domain) domains.add(c.domain);
  const owners = ownerResolver(domains);
  const domainOf = principalDomains(changes, domains);
  const raw: RawAccess[] = [...aclAccessChanges(changes), ...iamAccessChanges(changes)];
  const entries: AccessEntry[] = [];
  const ownerLines = new Map<string, OwnerAccess>();
  for (const r of raw) {
    const principalDomain = domainOf(r.principal);
    const owner = owners.ownerOf(r.resourceType, r.resource);
    const flags: AccessFlag[] = [];
    if (r.gained.length) {
      const reads = r.gained.some((op) => READS.has(op));
      const visibility = owners.visibilityOf(r.resourceType, r.resource);
      const foreign = owner !== undefined && principalDomain !== owner;
      if (r.principal === 'User:*') flags.push('everyone');
      if (reads && foreign && visibility === 'private') flags.push('private-read');
      if (reads && foreign && visibility === 'protected') flags.push('protected-read');
      if (foreign && r.principal !== 'User:*') flags.push('cross-domain');
    }
    if (r.lost.length) flags.push('lost');
    const entry: AccessEntry = { principal: r.principal, ...(principalDomain ? { principalDomain } : {}), via: r.via,
      resourceType: r.resourceType, resource: r.resource, ...(owner ? { owner } : {}), gained: r.gained, lost: r.lost, flags };
    const own = principalDomain !== undefined && flags.length === 0 && (owner === principalDomain || (owner === undefined && r.resourceType === 'cluster'));
    if (!own) { entries.push(entry); continue; }
    const key = `${r.principal}\u0001${r.via}`;
    let line = ownerLines.get(key);
    if (!line) {
      line = { principal: r.principal, domain: principalDomain, via: r.via, resources: [] };
      ownerLines.set(key, line);
    }
    line.resources.push({ resourceType: r.resourceType, resource: r.resource, gained: r.gained });
  }
  entries.sort((a, b) => rank(a) - rank(b) || byCodePoint(a.principal, b.principal) || byCodePoint(a.resourceType, b.resourceType) || byCodePoint(a.resource, b.resource));
  const ownerList = [...ownerLines.values()].sort((a, b) => byCodePoint(a.domain, b.domain) || byCodePoint(a.principal, b.principal) || byCodePoint(a.via, b.via));
  for (const o of ownerList) o.resources.sort((a, b) => (TYPE_ORDER[a.resourceType] ?? 9) - (TYPE_ORDER[b.resourceType] ?? 9) || byCodePoint(a.resource, b.resource));
  const deletions = changes.filter((c) => (c.action === 'delete' || c.action === 'replace') && c.kind !== 'acl')
    .map((c) => ({ kind: c.kind, id: c.id, ...(c.domain ? { domain: c.domain } : {}) }));
  return {
    entries,
    owners: ownerList,
    deletions,
    counts: { widenings: entries.filter(isWidening).length, lost: entries.filter((e) => e.flags.includes('lost')).length, deletions: deletions.length },
  };
}
