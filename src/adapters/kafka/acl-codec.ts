import kafkajs, { type AclEntry } from 'kafkajs';

// kafkajs is CommonJS: its enums are not named exports under Node's ESM loader.
const { AclOperationTypes, AclPermissionTypes, AclResourceTypes, ResourcePatternTypes } = kafkajs;
import type { AclBinding, AclOperation, AclPermission, PatternType, ResourceType } from '../../acl/acl-binding.js';

const invert = <T extends Record<string, string | number>>(e: T): Map<number, string> =>
  new Map(Object.entries(e).filter(([, v]) => typeof v === 'number').map(([k, v]) => [v as number, k]));

const RESOURCE_NAMES = invert(AclResourceTypes as unknown as Record<string, number>);
const OPERATION_NAMES = invert(AclOperationTypes as unknown as Record<string, number>);
const PERMISSION_NAMES = invert(AclPermissionTypes as unknown as Record<string, number>);
const PATTERN_NAMES = invert(ResourcePatternTypes as unknown as Record<string, number>);

const code = (e: object, name: string): number => {
  const v = (e as Record<string, unknown>)[name];
  if (typeof v !== 'number') throw new Error(`Unknown Kafka enum name ${name}: this is a bug`);
  return v;
};

/** Our binding (Kafka's enum names) → kafkajs's numeric ACL entry. */
export const toAclEntry = (b: AclBinding): AclEntry => ({
  resourceType: code(AclResourceTypes, b.resourceType),
  resourceName: b.resourceName,
  resourcePatternType: code(ResourcePatternTypes, b.patternType),
  principal: b.principal,
  host: b.host,
  operation: code(AclOperationTypes, b.operation),
  permissionType: code(AclPermissionTypes, b.permission),
}) as AclEntry;

export interface KafkajsAclResource {
  resourceType: number;
  resourceName: string;
  resourcePatternType: number;
  acls: { principal: string; host: string; operation: number; permissionType: number }[];
}

/** kafkajs's describeAcls resources → flat bindings. */
export function fromAclResources(resources: readonly KafkajsAclResource[]): AclBinding[] {
  return resources.flatMap((r) => r.acls.map((a) => ({
    resourceType: RESOURCE_NAMES.get(r.resourceType) as ResourceType,
    resourceName: r.resourceName,
    patternType: PATTERN_NAMES.get(r.resourcePatternType) as PatternType,
    principal: a.principal,
    host: a.host,
    operation: OPERATION_NAMES.get(a.operation) as AclOperation,
    permission: PERMISSION_NAMES.get(a.permissionType) as AclPermission,
  })));
}
