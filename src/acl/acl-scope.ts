import { ownerOfTopic } from '../spec/naming.js';
import type { AclBinding } from './acl-binding.js';

/**
 * The domain a binding's resource belongs to, by exact domain boundary: a topic name's owner, or
 * `<d>.` / `<d>` for group and transactional-id prefixes. Cluster bindings belong to their principal.
 */
export function aclOwnerDomain(b: AclBinding, domainOfPrincipal: (principal: string) => string | undefined): string | undefined {
  if (b.resourceType === 'CLUSTER') return domainOfPrincipal(b.principal);
  const topicOwner = ownerOfTopic(b.resourceName.replace(/\.$/, ''));
  if (topicOwner) return topicOwner.owner;
  return b.resourceName.replace(/\.$/, '');
}
