import type { AclBinding, AclOperation, ResourceType } from '../acl/acl-binding.js';

/** The operations a request may ask for, per resource type (ALL is a binding's, never a request's). */
export const OPERATIONS: Record<ResourceType, readonly AclOperation[]> = {
  TOPIC: ['READ', 'WRITE', 'CREATE', 'DELETE', 'ALTER', 'DESCRIBE', 'DESCRIBE_CONFIGS', 'ALTER_CONFIGS'],
  GROUP: ['READ', 'DELETE', 'DESCRIBE'],
  TRANSACTIONAL_ID: ['WRITE', 'DESCRIBE'],
  CLUSTER: ['CREATE', 'ALTER', 'DESCRIBE', 'CLUSTER_ACTION', 'DESCRIBE_CONFIGS', 'ALTER_CONFIGS', 'IDEMPOTENT_WRITE'],
};


interface Entry { literal: AclBinding[]; prefixed: AclBinding[] }
interface ByName { names: Map<string, Entry>; /** Lengths of the prefixes held, longest first: the only places worth a lookup. */ prefixLengths: number[] }

/**
 * Kafka's StandardAuthorizer, for non-super users with allow.everyone.if.no.acl.found=false, over
 * a fixed set of bindings, indexed so that one question costs a lookup per character of the
 * resource name rather than a scan of every binding. Hosts are not told apart: a binding for one
 * host counts as if it held for all (the summary errs towards showing access).
 */
export interface AclAuthorizer {
  /** The operations `principal` may perform on the resource `name` (its own bindings and `User:*`'s). */
  allowed(principal: string, resourceType: ResourceType, name: string): Set<AclOperation>;
}

export function aclAuthorizer(bindings: Iterable<AclBinding>): AclAuthorizer {
  // Nested by principal, then type: lookups by the bindings' own strings, whose hashes are kept.
  const index = new Map<string, Map<ResourceType, ByName>>();
  const all: ByName[] = [];
  for (const b of bindings) {
    let byType = index.get(b.principal);
    if (!byType) {
      byType = new Map();
      index.set(b.principal, byType);
    }
    let byName = byType.get(b.resourceType);
    if (!byName) {
      byName = { names: new Map(), prefixLengths: [] };
      byType.set(b.resourceType, byName);
      all.push(byName);
    }
    let entry = byName.names.get(b.resourceName);
    if (!entry) {
      entry = { literal: [], prefixed: [] };
      byName.names.set(b.resourceName, entry);
    }
    (b.patternType === 'LITERAL' ? entry.literal : entry.prefixed).push(b);
  }
  for (const byName of all) {
    const lengths = new Set<number>();
    for (const [name, e] of byName.names) if (e.prefixed.length) lengths.add(name.length);
    byName.prefixLengths = [...lengths].sort((a, b) => b - a);
  }
  const collect = (bindings: readonly AclBinding[] | undefined, denied: Set<AclOperation>, allowed: Set<AclOperation>): void => {
    if (bindings) for (const b of bindings) (b.permission === 'DENY' ? denied : allowed).add(b.operation);
  };
  return {
    allowed(principal, resourceType, name) {
      const denied = new Set<AclOperation>();
      const allowed = new Set<AclOperation>();
      const everyone = index.get('User:*')?.get(resourceType);
      for (const byName of principal === 'User:*' ? [everyone] : [index.get(principal)?.get(resourceType), everyone]) {
        if (!byName) continue;
        collect(byName.names.get(name)?.literal, denied, allowed);
        if (name !== '*') collect(byName.names.get('*')?.literal, denied, allowed);
        for (const length of byName.prefixLengths) {
          if (length > name.length) continue;
          collect(byName.names.get(name.slice(0, length))?.prefixed, denied, allowed);
        }
      }
      const out = new Set<AclOperation>();
      for (const op of OPERATIONS[resourceType]) {
        if (denied.has(op) || denied.has('ALL')) continue;
        // READ, WRITE, DELETE and ALTER imply DESCRIBE (an ALLOW does; a DENY never implies).
        if (allowed.has(op) || allowed.has('ALL')
          || (op === 'DESCRIBE' && (allowed.has('READ') || allowed.has('WRITE') || allowed.has('DELETE') || allowed.has('ALTER')))
          || (op === 'DESCRIBE_CONFIGS' && allowed.has('ALTER_CONFIGS'))) out.add(op);
      }
      return out;
    },
  };
}
