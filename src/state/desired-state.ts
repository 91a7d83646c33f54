import { aclKey, type AclBinding } from '../acl/acl-binding.js';
import { buildDomainAcls } from '../acl/build-acls.js';
import type { PrincipalResolver } from '../acl/principals.js';
import { nestingOf } from '../spec/nesting.js';
import type { Domain, SourceLocation } from '../spec/model.js';

export interface DesiredTopic {
  name: string;
  domain: string;
  partitions: number;
  replicationFactor?: number;
  configs: Record<string, string>;
  location?: SourceLocation;
  /** Where `partitions` is written in the spec, when it is. */
  partitionsLocation?: SourceLocation;
}

export interface DesiredState {
  topics: DesiredTopic[];
  /** Each binding once (domains may ask for the same one); its domain is decided by aclOwnerDomain. */
  acls: AclBinding[];
}

/** Everything the specs ask for, before looking at the cluster. */
export function buildDesiredState(domains: readonly Domain[], estate: readonly string[], principalOf: PrincipalResolver): DesiredState {
  const topics: DesiredTopic[] = [];
  const acls = new Map<string, AclBinding>();
  const nesting = nestingOf(estate);
  for (const d of domains) {
    for (const t of d.produces) {
      topics.push({
        name: t.name,
        domain: d.id,
        partitions: t.partitions,
        configs: t.configs,
        location: t.location,
        ...(t.partitionsLocation ? { partitionsLocation: t.partitionsLocation } : {}),
        ...(t.replicationFactor !== undefined ? { replicationFactor: t.replicationFactor } : {}),
      });
    }
    for (const b of buildDomainAcls(d, nesting, principalOf)) {
      const key = aclKey(b);
      if (!acls.has(key)) acls.set(key, b);
    }
  }
  return { topics, acls: [...acls.values()] };
}
