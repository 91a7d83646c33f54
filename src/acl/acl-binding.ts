export type ResourceType = 'TOPIC' | 'GROUP' | 'CLUSTER' | 'TRANSACTIONAL_ID';
export type PatternType = 'LITERAL' | 'PREFIXED';
export type AclOperation =
  | 'ALL' | 'READ' | 'WRITE' | 'CREATE' | 'DELETE' | 'ALTER' | 'DESCRIBE'
  | 'CLUSTER_ACTION' | 'DESCRIBE_CONFIGS' | 'ALTER_CONFIGS' | 'IDEMPOTENT_WRITE';
export type AclPermission = 'ALLOW' | 'DENY';

/** One Kafka ACL binding, with Kafka's own enum names. */
export interface AclBinding {
  resourceType: ResourceType;
  resourceName: string;
  patternType: PatternType;
  principal: string;
  host: string;
  operation: AclOperation;
  permission: AclPermission;
}

/** A stable key that identifies a binding (every field takes part). */
export const aclKey = (b: AclBinding): string =>
  [b.principal, b.permission, b.operation, b.resourceType, b.patternType, b.resourceName, b.host].join('|');
