import type { Domain } from '../spec/model.js';
import { isNestedDomain } from '../spec/naming.js';
import type { AclBinding, AclOperation, AclPermission, PatternType, ResourceType } from './acl-binding.js';
import type { PrincipalResolver } from './principals.js';

export const CLUSTER_RESOURCE = 'kafka-cluster';
const VISIBILITIES = ['_public', '_protected', '_private'] as const;

const bind = (principal: string, permission: AclPermission, resourceType: ResourceType, patternType: PatternType,
  resourceName: string, operations: AclOperation[]): AclBinding[] =>
  operations.map((operation) => ({ resourceType, resourceName, patternType, principal, host: '*', operation, permission }));

/**
 * The bindings one domain needs. Every prefix ends in `.`, so `acme.user.` never matches
 * `acme.userprops.…`. Group and transactional-id prefixes `<d>.` do match a nested domain's
 * (`acme.retail.` matches `acme.retail.orders.svc`), so for each nested domain in `estate` the
 * parent gets DENY bindings on the child's prefixes; DENY wins over ALLOW in Kafka.
 */
export function buildDomainAcls(domain: Domain, estate: readonly string[], principalOf: PrincipalResolver): AclBinding[] {
  const d = domain.id;
  const owner = principalOf(d);
  const out: AclBinding[] = [];
  for (const v of VISIBILITIES) out.push(...bind(owner, 'ALLOW', 'TOPIC', 'PREFIXED', `${d}.${v}.`, ['DESCRIBE', 'READ', 'WRITE']));
  out.push(...bind(owner, 'ALLOW', 'TOPIC', 'PREFIXED', `${d}._private.`, ['CREATE']));
  out.push(...bind(owner, 'ALLOW', 'GROUP', 'PREFIXED', `${d}.`, ['READ']));
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
  for (const child of estate) {
    if (!isNestedDomain(child, d)) continue;
    out.push(...bind(owner, 'DENY', 'GROUP', 'PREFIXED', `${child}.`, ['READ', 'DESCRIBE']));
    out.push(...bind(owner, 'DENY', 'TRANSACTIONAL_ID', 'PREFIXED', `${child}.`, ['WRITE', 'DESCRIBE']));
  }
  return out;
}
