export { schemaPlanner, type SchemaPlannerOptions } from './schema-planner.js';
export { schemaApplier } from './schema-applier.js';
export type {
  CompatibilityResult, CompatibilityScope, PinnedReference, RegisteredSchema, SchemaDefinition, SchemaRegistryPort,
} from './schema-registry-port.js';
export { SchemaRegistryError, type SchemaRegistryErrorKind } from './schema-registry-error.js';
export type { SchemaReference, SchemaSubjectState, SchemaType } from './schema-subject.js';
export { COMPATIBILITY_LEVELS, DEFAULT_COMPATIBILITY, type CompatibilityLevel } from '../spec/compatibility-level.js';
export { COMPATIBILITY_KEY } from '../spec/compatibility-level.js';
export { parseSubjectStrategy, subjectName, type SubjectStrategy } from './subject-name.js';
export { describeSchemaState } from './describe-schema.js';
