import { describeSchemaState } from '../schema/describe-schema.js';
import type { SchemaSubjectState } from '../schema/schema-subject.js';
import type { ResourceKind } from './kind.js';

declare module '../core/change.js' {
  interface KindStates {
    /** Key: the subject. Desired: src/schema/collect-desired-schemas.ts; diff: src/schema/schema-diff.ts; live: the registry port. */
    schema: SchemaSubjectState;
  }
}

/**
 * A topic's schemas are registered once it exists, and soft-deleted before it goes. Before
 * anything is applied, the registry is asked whether it will take every new version as it stands
 * then, so a schema it refuses stops the apply before the topic is created.
 */
export const schemaKind: ResourceKind<'schema'> = {
  kind: 'schema',
  order: { create: 1, delete: 5 },
  subject: (c) => c.id,
  detail: (c) => (c.reason && c.action !== 'create' ? c.reason : describeSchemaState(c.action === 'delete' ? c.before : c.after)),
  applier: async (ports) => {
    const registry = await ports.schemaRegistry();
    if (!registry) return undefined;
    const { schemaApplier } = await import('../schema/schema-applier.js');
    return schemaApplier(registry);
  },
  preflight: async (changes, ports) => {
    const registry = await ports.schemaRegistry();
    if (!registry) return [];
    const { schemaPreflight } = await import('../schema/schema-preflight.js');
    return schemaPreflight(registry, changes);
  },
};
