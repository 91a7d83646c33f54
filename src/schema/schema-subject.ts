import type { CompatibilityLevel } from '../spec/compatibility-level.js';

/** The schema types of the Confluent API (`schemaType`; absent on the wire means AVRO). */
export type SchemaType = 'AVRO' | 'JSON' | 'PROTOBUF';

/** A reference from a schema to a named type registered under another subject. */
export interface SchemaReference {
  /** The referenced type's full name (Avro), as the schema text uses it. */
  name: string;
  subject: string;
  /** Absent in a plan when the referenced subject gets its version from the same apply. */
  version?: number;
}

/**
 * A subject's state: what the plan shows as `before` (read from the registry) and `after`.
 * `schema` is the text registered; equality is decided on its canonical form, not the text.
 */
export interface SchemaSubjectState {
  subject: string;
  schemaType: SchemaType;
  schema: string;
  references: SchemaReference[];
  compatibility: CompatibilityLevel;
  /** The registered version, on live state only. */
  version?: number;
}
