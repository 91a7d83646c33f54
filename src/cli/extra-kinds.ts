import type { ChangeApplier } from '../plan/apply-plan.js';
import type { Planner } from '../plan/planner.js';
import { httpSchemaRegistry, schemaApplier, schemaPlanner, schemaRegistryOptions } from '../schema/index.js';

interface ExtraKindFlags {
  'schema-registry-url'?: string | undefined;
  'schema-registry-user'?: string | undefined;
  'schema-registry-ca'?: string | undefined;
  'inline-schemas'?: boolean | undefined;
}

export interface ExtraKinds {
  planners: Planner[];
  appliers: ChangeApplier[];
  close(): Promise<void>;
}

/** Planners and appliers for kinds diffed against other systems, as the flags and environment ask. */
export function openExtraKinds(flags: ExtraKindFlags): ExtraKinds {
  const planners: Planner[] = [];
  const appliers: ChangeApplier[] = [];
  const closers: (() => Promise<void>)[] = [];
  const registryOptions = schemaRegistryOptions({
    ...(flags['schema-registry-url'] ? { url: flags['schema-registry-url'] } : {}),
    ...(flags['schema-registry-user'] ? { user: flags['schema-registry-user'] } : {}),
    ...(flags['schema-registry-ca'] ? { caFile: flags['schema-registry-ca'] } : {}),
  });
  if (registryOptions) {
    const registry = httpSchemaRegistry(registryOptions);
    planners.push(schemaPlanner(registry, { inlineSchemas: flags['inline-schemas'] ?? false }));
    appliers.push(schemaApplier(registry));
    closers.push(() => registry.close());
  }
  return { planners, appliers, close: async () => { await Promise.all(closers.map((c) => c())); } };
}
