import type { AclBinding, AclOperation, ResourceType } from '../../src/acl/acl-binding.js';

export interface AccessRequest {
  principal: string;
  operation: AclOperation;
  resourceType: ResourceType;
  resourceName: string;
  host?: string;
}

/** Operations whose ALLOW also allows DESCRIBE (Kafka's implied operations); DENY never implies. */
const IMPLIES_DESCRIBE: AclOperation[] = ['READ', 'WRITE', 'DELETE', 'ALTER'];

const matches = (b: AclBinding, r: AccessRequest): boolean =>
  b.resourceType === r.resourceType &&
  (b.principal === r.principal || b.principal === 'User:*') &&
  (b.host === '*' || b.host === (r.host ?? '127.0.0.1')) &&
  (b.patternType === 'LITERAL' ? b.resourceName === r.resourceName || b.resourceName === '*' : r.resourceName.startsWith(b.resourceName));

/**
 * Kafka's StandardAuthorizer decision for a non-super user with allow.everyone.if.no.acl.found=false:
 * any matching DENY for the operation (or ALL) refuses; otherwise a matching ALLOW, with implied
 * operations, permits; otherwise refused.
 */
export function authorize(bindings: readonly AclBinding[], r: AccessRequest): boolean {
  const relevant = bindings.filter((b) => matches(b, r));
  if (relevant.some((b) => b.permission === 'DENY' && (b.operation === r.operation || b.operation === 'ALL'))) return false;
  return relevant.some((b) => b.permission === 'ALLOW' && (
    b.operation === r.operation || b.operation === 'ALL' ||
    (r.operation === 'DESCRIBE' && IMPLIES_DESCRIBE.includes(b.operation)) ||
    (r.operation === 'DESCRIBE_CONFIGS' && b.operation === 'ALTER_CONFIGS')));
}
