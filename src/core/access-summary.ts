/**
 * Who can newly do what, and who can no longer: a plan's access changes, computed from the ACL
 * bindings and IAM policies before and after it (src/access), not a list of them. Plain data.
 */
export type AccessResourceType = 'topic' | 'group' | 'transactional-id' | 'cluster';

/**
 * Why a change of access deserves a reviewer's eye. `everyone`: a grant to `User:*`;
 * `protected-read`/`private-read`: a new reader of a `_protected`/`_private` topic other than its
 * owner; `cross-domain`: new access to another domain's resource; `lost`: access taken away.
 */
export type AccessFlag = 'everyone' | 'private-read' | 'protected-read' | 'cross-domain' | 'lost';

export const WIDENING_FLAGS: readonly AccessFlag[] = ['everyone', 'private-read', 'protected-read', 'cross-domain'];

export interface AccessEntry {
  /** A Kafka principal (`User:…`, `User:*` for everyone) or an IAM role ARN. */
  principal: string;
  /** The domain the principal belongs to, when known. */
  principalDomain?: string;
  /** `acl`: Kafka ACL bindings, by the authorizer's rules; `iam`: IAM policies, by their effective actions. */
  via: 'acl' | 'iam';
  resourceType: AccessResourceType;
  /** A name, or a prefix followed by `*` (every name that starts with it). */
  resource: string;
  /** The domain that owns the resource, when known. */
  owner?: string;
  /** Operations (Kafka's, lower-case) or IAM actions newly allowed; implied ones left out. */
  gained: string[];
  /** Operations or actions no longer allowed. */
  lost: string[];
  flags: AccessFlag[];
}

/** A domain's own standard access to its own resources, newly granted: one line instead of many. */
export interface OwnerAccess {
  principal: string;
  domain: string;
  via: 'acl' | 'iam';
  /** The resources, as in the entries they replace. */
  resources: { resourceType: AccessResourceType; resource: string; gained: string[] }[];
}

export interface AccessDeletion {
  kind: string;
  id: string;
  domain?: string;
}

export interface AccessSummary {
  /** Flagged entries first (widenings, then lost access), then the rest. */
  entries: AccessEntry[];
  owners: OwnerAccess[];
  /** Every resource the plan deletes or replaces, other than ACL bindings (their effect is in `entries`). */
  deletions: AccessDeletion[];
  counts: { widenings: number; lost: number; deletions: number };
}

export const isWidening = (e: AccessEntry): boolean => e.flags.some((f) => WIDENING_FLAGS.includes(f));
