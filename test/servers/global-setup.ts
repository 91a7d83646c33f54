// vitest globalSetup of the `integration` project: one real Kafka broker for the whole run.
// Tests read its coordinates with `inject('kafka')` and create SCRAM users with
// test/servers/kafka-admin-tools.ts. SPECMESH_TEST_KAFKA_VERSION picks another Kafka (e.g. 4.1.0).
import type { TestProject } from 'vitest/node';
import type { KafkaTestInfo } from './kafka-admin-tools.js';
import { DEFAULT_KAFKA_VERSION, ensureKafkaLibs, startKafka } from './kafka-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    kafka: KafkaTestInfo;
  }
}

export default async function setup({ provide }: TestProject): Promise<() => Promise<void>> {
  const version = process.env.SPECMESH_TEST_KAFKA_VERSION ?? DEFAULT_KAFKA_VERSION;
  const t0 = Date.now();
  const libsDir = await ensureKafkaLibs(version);
  const t1 = Date.now();
  const kafka = await startKafka({ version, libsDir });
  const info = kafka.info();
  console.log(
    `[kafka] ${version} pid ${info.pid} on ${info.bootstrap} (jars ${t1 - t0} ms, format+start ${Date.now() - t1} ms); log: ${info.logFile}`,
  );
  provide('kafka', info);
  return async () => {
    await kafka.destroy();
  };
}
