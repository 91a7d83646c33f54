import type { CompatibilityLevel } from '../spec/compatibility-level.js';
import type { SchemaType } from './schema-subject.js';

/** A reference with its version pinned, as the registry stores it. */
export interface PinnedReference {
  name: string;
  subject: string;
  version: number;
}

/** What is sent to register (or check) a schema. */
export interface SchemaDefinition {
  schemaType: SchemaType;
  schema: string;
  references: PinnedReference[];
}

export interface RegisteredSchema extends SchemaDefinition {
  subject: string;
  version: number;
  id: number;
}

export type CompatibilityResult = { compatible: true } | { compatible: false; messages: string[] };

/**
 * The versions a compatibility check covers, as registering would under the subject's level: the
 * latest for BACKWARD, FORWARD and FULL; every version for the *_TRANSITIVE levels.
 */
export type CompatibilityScope = 'latest' | 'all';

/**
 * The Confluent Schema Registry API, as far as specmesh uses it. Reads return undefined for a
 * subject or version that does not exist; everything else that goes wrong throws
 * SchemaRegistryError.
 */
export interface SchemaRegistryPort {
  /** Where the registry is, for messages (never with credentials). */
  readonly displayUrl: string;
  listSubjects(): Promise<string[]>;
  listVersions(subject: string): Promise<number[] | undefined>;
  getVersion(subject: string, version: number | 'latest'): Promise<RegisteredSchema | undefined>;
  /** The subject's effective compatibility level (its own, else the registry's default). */
  getCompatibility(subject: string): Promise<CompatibilityLevel | undefined>;
  setCompatibility(subject: string, level: CompatibilityLevel): Promise<void>;
  /** Checks a schema under the subject's level against its latest version, or against all its versions. */
  testCompatibility(subject: string, schema: SchemaDefinition, scope: CompatibilityScope): Promise<CompatibilityResult>;
  /** Registers a schema; an identical one already registered returns its id. */
  register(subject: string, schema: SchemaDefinition): Promise<{ id: number }>;
  /** The version under which this exact schema is registered in the subject, if it is. */
  lookup(subject: string, schema: SchemaDefinition): Promise<{ version: number; id: number } | undefined>;
  /** Soft delete: the versions stay readable with `deleted=true`, as in Confluent's API. */
  deleteSubject(subject: string): Promise<number[]>;
}
