// An in-memory SchemaRegistryPort for unit tests of the applier only; the real registry is used by
// the integration tests.
import type { CompatibilityLevel } from '../../../src/spec/compatibility-level.js';
import type { RegisteredSchema, SchemaDefinition, SchemaRegistryPort } from '../../../src/schema/schema-registry-port.js';

export interface InMemoryRegistry extends SchemaRegistryPort {
  calls: string[];
  /** Subjects whose registration fails. */
  failing: Set<string>;
}

export function inMemoryRegistry(): InMemoryRegistry {
  const versions = new Map<string, RegisteredSchema[]>();
  const levels = new Map<string, CompatibilityLevel>();
  let nextId = 1;
  const same = (a: SchemaDefinition, b: SchemaDefinition) => a.schema === b.schema && JSON.stringify(a.references) === JSON.stringify(b.references);
  const registry: InMemoryRegistry = {
    displayUrl: 'memory:',
    calls: [],
    failing: new Set(),
    async listSubjects() { return [...versions.keys()]; },
    async listVersions(s) { return versions.get(s)?.map((v) => v.version); },
    async getVersion(s, v) {
      const all = versions.get(s);
      return v === 'latest' ? all?.at(-1) : all?.find((x) => x.version === v);
    },
    async getCompatibility(s) { return levels.get(s) ?? 'NONE'; },
    async setCompatibility(s, level) { registry.calls.push(`config ${s} ${level}`); levels.set(s, level); },
    async testCompatibility() { return { compatible: true }; },
    async register(s, d) {
      registry.calls.push(`register ${s}${d.references.map((r) => ` ${r.subject}@${r.version}`).join('')}`);
      if (registry.failing.has(s)) throw new Error(`cannot register ${s}`);
      const all = versions.get(s) ?? [];
      const found = all.find((v) => same(v, d));
      if (found) return { id: found.id };
      const id = nextId++;
      versions.set(s, [...all, { ...d, subject: s, version: (all.at(-1)?.version ?? 0) + 1, id }]);
      return { id };
    },
    async lookup(s, d) {
      const found = versions.get(s)?.find((v) => same(v, d));
      return found ? { version: found.version, id: found.id } : undefined;
    },
    async deleteSubject(s) {
      registry.calls.push(`delete ${s}`);
      const all = versions.get(s) ?? [];
      versions.delete(s);
      return all.map((v) => v.version);
    },
  };
  return registry;
}
