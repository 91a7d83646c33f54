// The tests' schema registry: the product's own (src/local/schema-registry.ts, Apicurio Registry
// with a Confluent-compatible API), its distribution cached in .cache/, killed with the test process.
import { join } from 'node:path';
import type { ProvidedContext } from 'vitest';
import { DEFAULT_APICURIO_VERSION, startSchemaRegistry as startRegistry, type SchemaRegistryProcess, type StartSchemaRegistryOptions as ProductOptions } from '../../src/local/schema-registry.js';
import { REPO_ROOT } from './kafka-server.js';

export { DEFAULT_APICURIO_VERSION };

/** What tests need to reach the registry; plain data, so global setup can `provide` it. */
export interface SchemaRegistryTestInfo {
  /** Base URL of the Confluent-compatible API, e.g. `http://127.0.0.1:41234/apis/ccompat/v7`. */
  url: string;
  pid: number;
  version: string;
  logFile: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    schemaRegistry: SchemaRegistryTestInfo;
  }
}

export interface SchemaRegistryServer extends SchemaRegistryTestInfo {
  readonly startMs: number;
  /** Resident memory of the JVM in KiB, from /proc (undefined once stopped or off Linux). */
  rssKiB(): number | undefined;
  info(): SchemaRegistryTestInfo;
  stop(): Promise<void>;
}

export type StartSchemaRegistryOptions = Omit<ProductOptions, 'cacheDir' | 'detached'>;

/** Starts a registry for tests (default `SPECMESH_TEST_APICURIO_VERSION` or 3.0.9), from .cache/. */
export async function startSchemaRegistry(options: StartSchemaRegistryOptions = {}): Promise<SchemaRegistryServer> {
  const version = options.version ?? process.env.SPECMESH_TEST_APICURIO_VERSION ?? DEFAULT_APICURIO_VERSION;
  const registry: SchemaRegistryProcess = await startRegistry({ ...options, version, cacheDir: join(REPO_ROOT, '.cache') });
  const info = (): SchemaRegistryTestInfo => ({ url: registry.url, pid: registry.pid, version: registry.version, logFile: registry.logFile });
  return { ...info(), startMs: registry.startMs, rssKiB: registry.rssKiB, stop: registry.stop, info };
}

/**
 * For a vitest globalSetup: starts one registry for the run, provides its coordinates as
 * `inject('schemaRegistry')`, and returns the teardown.
 */
export async function setupSchemaRegistry(
  provide: (key: 'schemaRegistry', value: ProvidedContext['schemaRegistry']) => void,
  options: StartSchemaRegistryOptions = {},
): Promise<() => Promise<void>> {
  const registry = await startSchemaRegistry(options);
  console.log(`[schema-registry] Apicurio ${registry.version} pid ${registry.pid} on ${registry.url} (start ${registry.startMs} ms, RSS ${Math.round((registry.rssKiB() ?? 0) / 1024)} MiB); log: ${registry.logFile}`);
  provide('schemaRegistry', registry.info());
  return () => registry.stop();
}
