import type { AclBinding } from '../acl/acl-binding.js';
import { isDomainName, ownerOfTopic } from '../spec/naming.js';
import type { LiveState } from './live-state.js';

/**
 * Every domain the plan must keep apart: the planned ones, and those the cluster shows, by their
 * topics (described or only listed) and by their owner ACLs (`<d>._public.` and the like, which
 * a domain has even before it has a topic). Sorted.
 */
export function estateDomains(planned: Iterable<string>, live: LiveState): string[] {
  const out = new Set(planned);
  for (const t of live.topics ?? []) addOwner(out, t.name);
  for (const name of live.topicNames ?? []) addOwner(out, name);
  for (const b of live.acls ?? []) if (isOwnerTopicPrefix(b)) addOwner(out, b.resourceName.replace(/\.$/, ''));
  return [...out].sort();
}

const isOwnerTopicPrefix = (b: AclBinding): boolean =>
  b.permission === 'ALLOW' && b.resourceType === 'TOPIC' && b.patternType === 'PREFIXED' && b.resourceName.endsWith('.');

function addOwner(out: Set<string>, topic: string): void {
  const owner = ownerOfTopic(topic)?.owner;
  if (owner !== undefined && isDomainName(owner)) out.add(owner);
}
