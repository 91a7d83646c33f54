// specmesh/schema-registry: the HTTP adapter of the schema registry port, and the schema emitter's planner and applier.
export { DEFAULT_REGISTRY_TIMEOUT_MS, httpSchemaRegistry, type HttpSchemaRegistry, type HttpSchemaRegistryOptions } from './http-schema-registry.js';
export { schemaRegistryOptions, type SchemaRegistryInputs } from './registry-settings.js';
export { schemaPlanner, type SchemaPlannerOptions } from '../../schema/schema-planner.js';
export { schemaApplier } from '../../schema/schema-applier.js';
export type { CompatibilityResult, CompatibilityScope, PinnedReference, RegisteredSchema, SchemaDefinition, SchemaRegistryPort } from '../../schema/schema-registry-port.js';
