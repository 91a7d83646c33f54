import type { EmitterDefinition } from './emitter.js';

/** The schemas of produced channels, in a Confluent-compatible registry; on whenever a registry is configured. */
export const schemaEmitter: EmitterDefinition = {
  summary: 'schema subjects in a schema registry',
  kinds: ['schema'],
  planners: [],
  async openPlanner(ports, settings) {
    const registry = await ports.schemaRegistry();
    if (!registry) return undefined;
    const { schemaPlanner } = await import('../schema/schema-planner.js');
    return schemaPlanner(registry, { ...settings.schema, readText: (file) => ports.readText(file) });
  },
};
