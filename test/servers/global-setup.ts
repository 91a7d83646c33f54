// vitest globalSetup of the `integration` project: one real Kafka broker for the whole run.
// Tests read its coordinates with `inject('kafka')` and create SCRAM users with
// test/servers/kafka-admin-tools.ts. SPECMESH_TEST_KAFKA_VERSION picks another Kafka (e.g. 4.1.0).
import type { TestProject } from 'vitest/node';
import type { KafkaTestInfo } from './kafka-admin-tools.js';
import { DEFAULT_KAFKA_VERSION, ensureKafkaLibs, startKafka } from './kafka-server.js';
import { setupSchemaRegistry } from './schema-registry.js';

declare module 'vitest' {
  export interface ProvidedContext {
    kafka: KafkaTestInfo;
  }
}

export default async function setup({ provide }: TestProject): Promise<() => Promise<void>> {
  const version = process.env.SPECMESH_TEST_KAFKA_VERSION ?? DEFAULT_KAFKA_VERSION;
  const t0 = Date.now();
  // The registry starts beside Kafka; if either fails, the other is stopped before the error surfaces.
  const registry = setupSchemaRegistry(provide);
  registry.catch(() => undefined);
  let libsDir: string;
  let kafka: Awaited<ReturnType<typeof startKafka>>;
  try {
    libsDir = await ensureKafkaLibs(version);
    kafka = await startKafka({ version, libsDir });
  } catch (e) {
    await registry.then((stop) => stop(), () => undefined);
    throw e;
  }
  let stopRegistry: () => Promise<void>;
  try {
    stopRegistry = await registry;
  } catch (e) {
    await kafka.destroy();
    throw e;
  }
  const info = kafka.info();
  console.log(
    `[kafka] ${version} pid ${info.pid} on ${info.bootstrap} (jars and start ${Date.now() - t0} ms); log: ${info.logFile}`,
  );
  provide('kafka', info);
  return async () => {
    await stopRegistry();
    await kafka.destroy();
  };
}
