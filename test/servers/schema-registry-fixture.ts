import { readFile } from 'node:fs/promises';
// Test support for schema tests: the registry from global setup (`inject('schemaRegistry')`) when
// there is one, else a registry of this file's own; and plan/apply helpers around it.
import path from 'node:path';
import { specmeshFixtures } from '../support/specmesh-fixtures.js';
import { afterAll, beforeAll, inject } from 'vitest';
import { applyPlan, type ApplyReport } from '../../src/core/apply-plan.js';
import { isKind, summarize, type Change, type ChangeOfKind } from '../../src/core/change.js';
import { asChangeApplier } from '../../src/kinds/kind.js';
import '../../src/kinds/registry.js';
import { httpSchemaRegistry, type HttpSchemaRegistry } from '../../src/adapters/registry/http-schema-registry.js';
import { schemaApplier } from '../../src/schema/schema-applier.js';
import { schemaPlanner, type SchemaPlannerOptions } from '../../src/schema/schema-planner.js';
import type { Diagnostic } from '../../src/core/diagnostic.js';
import { loadSpecs, type LoadResult } from '../../src/spec/load/load-specs.js';
import { startSchemaRegistry, type SchemaRegistryServer } from './schema-registry.js';

/** SpecMesh's sample specs and schemas, read in place (../shared/fixtures/specmesh, or SPECMESH_FIXTURES). */
export const SPECMESH_FIXTURES = `${specmeshFixtures()}${path.sep}`;

export interface RegistryHandle {
  /** Base URL of the Confluent-compatible API. */
  url: string;
  registry: HttpSchemaRegistry;
}

/** Registers beforeAll/afterAll hooks and returns a handle filled in once they ran. */
export function useSchemaRegistry(): RegistryHandle {
  const handle = {} as RegistryHandle;
  let server: SchemaRegistryServer | undefined;
  beforeAll(async () => {
    const provided = inject('schemaRegistry');
    if (provided) {
      handle.url = provided.url;
    } else {
      server = await startSchemaRegistry();
      handle.url = server.url;
    }
    handle.registry = httpSchemaRegistry({ url: handle.url, retries: 1 });
  });
  afterAll(async () => {
    await handle.registry?.close();
    await server?.stop();
  });
  return handle;
}

export interface SchemaPlanResult {
  load: LoadResult;
  changes: ChangeOfKind<'schema'>[];
  diagnostics: Diagnostic[];
  errors: Diagnostic[];
}

/** Loads specs (no cache) and runs the schema planner on them. */
export async function planSchemas(registry: HttpSchemaRegistry, inputs: readonly string[], options: Partial<SchemaPlannerOptions> & { cleanUnspecified?: boolean; cwd?: string } = {}): Promise<SchemaPlanResult> {
  const load = await loadSpecs(inputs, { cacheDir: false, ...(options.cwd ? { cwd: options.cwd } : {}) });
  const loadErrors = load.diagnostics.filter((d) => d.severity === 'error');
  if (loadErrors.length) throw new Error(`specs do not load: ${loadErrors.map((d) => d.summary).join('; ')}`);
  const { changes, diagnostics } = await schemaPlanner(registry, { readText: (file) => readFile(file, 'utf8').catch(() => undefined), ...options }).plan({ domains: load.domains, cleanUnspecified: options.cleanUnspecified ?? false });
  return { load, changes: changes.filter((c) => isKind(c, 'schema')), diagnostics, errors: diagnostics.filter((d) => d.severity === 'error') };
}

/** Applies schema changes as `provision` would (one phase per create/delete run). */
export async function applySchemaChanges(registry: HttpSchemaRegistry, changes: readonly Change[]): Promise<ApplyReport> {
  return applyPlan({ formatVersion: 1, specs: [], liveSource: 'live', changes: [...changes], warnings: [], summary: summarize(changes) }, [asChangeApplier('schema', schemaApplier(registry))]);
}

export const pending = <C extends { action: string }>(changes: readonly C[]): C[] => changes.filter((c) => c.action !== 'no-op');
export const actions = (changes: readonly Change[]): string[] => pending(changes).map((c) => `${c.action} ${c.id}`);
