import type { Domain } from '../spec/model.js';
import { nestingOf, type Nesting } from '../spec/nesting.js';
import type { AclBinding, AclOperation, AclPermission, PatternType, ResourceType } from './acl-binding.js';
import type { PrincipalResolver } from './principals.js';

export const CLUSTER_RESOURCE = 'kafka-cluster';
const VISIBILITIES = ['_public', '_protected', '_private'] as const;

const bind = (principal: string, permission: AclPermission, resourceType: ResourceType, patternType: PatternType,
  resourceName: string, operations: AclOperation[]): AclBinding[] =>
  operations.map((operation) => ({ resourceType, resourceName, patternType, principal, host: '*', operation, permission }));

/**
 * A DENY for `principal` on the group and transactional-id prefixes of `domain`, and on its exact
 * group and transactional id (`<d>`, which the enclosing domain's `<parent>.` prefix matches too).
 * The exact transactional id is granted to nobody, but it is named by the nested domain: the
 * enclosing domain is kept off it, as the MSK IAM policies keep it.
 */
const denyNested = (principal: string, domain: string): AclBinding[] => [
  ...bind(principal, 'DENY', 'GROUP', 'PREFIXED', `${domain}.`, ['READ', 'DESCRIBE']),
  ...bind(principal, 'DENY', 'GROUP', 'LITERAL', domain, ['READ', 'DESCRIBE']),
  ...bind(principal, 'DENY', 'TRANSACTIONAL_ID', 'PREFIXED', `${domain}.`, ['WRITE', 'DESCRIBE']),
  ...bind(principal, 'DENY', 'TRANSACTIONAL_ID', 'LITERAL', domain, ['WRITE', 'DESCRIBE']),
];

/**
 * The bindings one domain needs. Every prefix ends in `.`, so `acme.user.` never matches
 * `acme.userprops.…`. Group and transactional-id prefixes `<d>.` do match a nested domain's
 * (`acme.retail.` matches `acme.retail.orders.svc`), so wherever `estate` holds a domain and one
 * nested in it, the outer one gets DENY bindings on the inner one's prefixes (DENY wins over ALLOW
 * in Kafka). They are planned from either side: a planned domain denies its nested domains, and
 * a planned nested domain is shielded from the domains around it, planned or only live. Domains
 * that share one principal cannot be told apart by Kafka, so no DENY is put between them (the
 * plan warns about the sharing instead).
 */
export function buildDomainAcls(domain: Domain, estate: readonly string[] | Nesting, principalOf: PrincipalResolver): AclBinding[] {
  const nesting = 'nestedIn' in estate ? estate : nestingOf(estate);
  const d = domain.id;
  const owner = principalOf(d);
  const out: AclBinding[] = [];
  for (const v of VISIBILITIES) out.push(...bind(owner, 'ALLOW', 'TOPIC', 'PREFIXED', `${d}.${v}.`, ['DESCRIBE', 'READ', 'WRITE']));
  out.push(...bind(owner, 'ALLOW', 'TOPIC', 'PREFIXED', `${d}._private.`, ['CREATE']));
  out.push(...bind(owner, 'ALLOW', 'GROUP', 'PREFIXED', `${d}.`, ['READ']));
  // SpecMesh granted groups on the prefix `<d>`; consumers whose group.id is exactly the domain id
  // (SpecMesh's own functional tests) keep working. A LITERAL name matches no other domain's group.
  out.push(...bind(owner, 'ALLOW', 'GROUP', 'LITERAL', d, ['READ']));
  out.push(...bind(owner, 'ALLOW', 'TRANSACTIONAL_ID', 'PREFIXED', `${d}.`, ['DESCRIBE', 'WRITE']));
  out.push(...bind(owner, 'ALLOW', 'CLUSTER', 'LITERAL', CLUSTER_RESOURCE, ['IDEMPOTENT_WRITE']));
  out.push(...bind('User:*', 'ALLOW', 'TOPIC', 'PREFIXED', `${d}._public.`, ['DESCRIBE', 'READ']));
  for (const topic of domain.produces) {
    if (topic.visibility !== 'protected') continue;
    for (const grantee of topic.grants) {
      const principal = grantee === '_public' ? 'User:*' : principalOf(grantee);
      out.push(...bind(principal, 'ALLOW', 'TOPIC', 'LITERAL', topic.name, ['DESCRIBE', 'READ']));
    }
  }
  for (const child of nesting.nestedIn(d)) if (principalOf(child) !== owner) out.push(...denyNested(owner, child));
  for (const parent of nesting.enclosing(d)) if (principalOf(parent) !== owner) out.push(...denyNested(principalOf(parent), d));
  return out;
}
