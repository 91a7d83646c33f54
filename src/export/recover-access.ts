import type { AclBinding } from '../acl/acl-binding.js';
import type { PrincipalResolver } from '../acl/principals.js';
import { isDomainName, ownerOfTopic } from '../spec/naming.js';

/** A LITERAL ALLOW READ on a topic: what specmesh creates for a `grant-access` tag. */
const isLiteralRead = (b: AclBinding): boolean =>
  b.resourceType === 'TOPIC' && b.patternType === 'LITERAL' && b.operation === 'READ' && b.permission === 'ALLOW';

/**
 * Inverts the principal mapping: a principal back to its domain. `User:*` is `_public`; an
 * unmapped `User:<domain>` is that domain; anything else is no domain.
 */
export function domainOfPrincipal(principal: string, domains: readonly string[], principalOf: PrincipalResolver): string | undefined {
  if (principal === 'User:*') return '_public';
  const mapped = domains.find((d) => principalOf(d) === principal);
  if (mapped) return mapped;
  const name = principal.startsWith('User:') ? principal.slice(5) : undefined;
  return name !== undefined && isDomainName(name) && principalOf(name) === principal ? name : undefined;
}

/**
 * The `grant-access` targets of each of the domain's protected topics, recovered from the LITERAL
 * READ bindings specmesh creates for them. Bindings whose principal is no domain are returned apart.
 */
export function recoverGrants(domain: string, protectedTopics: readonly string[], acls: readonly AclBinding[], knownDomains: readonly string[],
  principalOf: PrincipalResolver): { grants: Map<string, string[]>; foreign: AclBinding[] } {
  const wanted = new Set(protectedTopics);
  const grants = new Map<string, string[]>();
  const foreign: AclBinding[] = [];
  for (const b of acls) {
    if (!isLiteralRead(b) || !wanted.has(b.resourceName)) continue;
    const grantee = domainOfPrincipal(b.principal, knownDomains, principalOf);
    if (grantee === undefined) {
      foreign.push(b);
      continue;
    }
    if (grantee === domain) continue;
    const list = grants.get(b.resourceName) ?? [];
    if (!list.includes(grantee)) grants.set(b.resourceName, [...list, grantee].sort());
  }
  return { grants, foreign };
}

/** Other domains' topics the domain's principal has a LITERAL READ on: the topics it consumes. */
export function recoverConsumed(domain: string, acls: readonly AclBinding[], principalOf: PrincipalResolver): string[] {
  const principal = principalOf(domain);
  const topics = new Set<string>();
  for (const b of acls) {
    if (!isLiteralRead(b) || b.principal !== principal) continue;
    const owner = ownerOfTopic(b.resourceName)?.owner;
    if (owner !== undefined && owner !== domain) topics.add(b.resourceName);
  }
  return [...topics].sort();
}
