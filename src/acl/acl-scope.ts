import { ownerOfTopic } from '../spec/naming.js';
import type { AclBinding } from './acl-binding.js';

/**
 * The domain a binding belongs to, by exact domain boundary: a topic name's owner, or `<d>.` /
 * `<d>` for group and transactional-id prefixes. Cluster bindings belong to their principal, and
 * so do DENY bindings: the DENY a parent domain gets on its nested domain's prefixes is part of the
 * parent's access, so planning the nested domain alone never deletes it.
 */
export function aclOwnerDomain(b: AclBinding, domainOfPrincipal: (principal: string) => string | undefined): string | undefined {
  if (b.resourceType === 'CLUSTER') return domainOfPrincipal(b.principal);
  if (b.permission === 'DENY') {
    const denied = domainOfPrincipal(b.principal);
    if (denied !== undefined) return denied;
  }
  return resourceDomain(b);
}

/** The domain named by a binding's resource: the owner of a topic (prefix), else the prefix itself. */
export function resourceDomain(b: AclBinding): string {
  const topicOwner = ownerOfTopic(b.resourceName.replace(/\.$/, ''));
  if (topicOwner) return topicOwner.owner;
  return b.resourceName.replace(/\.$/, '');
}
