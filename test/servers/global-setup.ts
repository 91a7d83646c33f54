// vitest globalSetup of the `integration` project: one real Kafka broker for the whole run.
// Tests read its coordinates with `inject('kafka')` and create SCRAM users with
// test/servers/kafka-admin-tools.ts. SPECMESH_TEST_KAFKA_VERSION picks another Kafka (e.g. 4.1.0).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import type { KafkaTestInfo } from './kafka-admin-tools.js';
import { DEFAULT_KAFKA_VERSION, ensureKafkaLibs, startKafka } from './kafka-server.js';
import { setupSchemaRegistry } from './schema-registry.js';
import { startAwsTestServers, type AwsTestServers } from './msk-emulator-setup.js';
import { runFetchScript } from './fetch-script.js';
import { prepareMskIamListeners, type MskIamListeners, type MskIamTestInfo } from './msk-iam-broker.js';

declare module 'vitest' {
  export interface ProvidedContext {
    kafka: KafkaTestInfo;
    /** The broker's MSK IAM listeners (test/servers/msk-iam-broker.ts). */
    mskIam: MskIamTestInfo;
    /** A temp dir of this run (spec caches of the CLIs tests start, …), removed when the run ends. */
    scratchDir?: string;
  }
}

export default async function setup({ provide }: TestProject): Promise<() => Promise<void>> {
  const version = process.env.SPECMESH_TEST_KAFKA_VERSION ?? DEFAULT_KAFKA_VERSION;
  const t0 = Date.now();
  // Every program the servers need, each missing one named with its Debian package, before any starts.
  await runFetchScript('check-test-tools.sh', [], (out) => out === 'ok');
  // The registry starts beside Kafka; if either fails, the other is stopped before the error surfaces.
  const registry = setupSchemaRegistry(provide);
  registry.catch(() => undefined);
  let libsDir: string;
  let kafka: Awaited<ReturnType<typeof startKafka>>;
  let iam: MskIamListeners | undefined;
  try {
    libsDir = await ensureKafkaLibs(version);
    // The same broker serves MSK IAM on two more listeners (a validator and an authorizer compiled
    // against its jars, TLS from a test CA).
    iam = await prepareMskIamListeners(libsDir);
    kafka = await startKafka({ version, libsDir, ...iam.startOptions });
  } catch (e) {
    iam?.cleanUp();
    await registry.then((stop) => stop(), () => undefined);
    throw e;
  }
  const mskIam = iam.info(kafka);
  let stopRegistry: () => Promise<void>;
  try {
    stopRegistry = await registry;
  } catch (e) {
    await kafka.destroy();
    iam.cleanUp();
    throw e;
  }
  const info = kafka.info();
  console.log(
    `[kafka] ${version} pid ${info.pid} on ${info.bootstrap} (jars and start ${Date.now() - t0} ms); log: ${info.logFile}`,
  );
  provide('kafka', info);
  provide('mskIam', mskIam);
  console.log(`[kafka] MSK IAM listeners on ${mskIam.bootstrap} and ${mskIam.reauthBootstrap} (validator and authorizer compiled, certificates made in ${mskIam.setupMs} ms)`);
  // moto (Secrets Manager, KMS, IAM, STS) and the MSK control-plane emulator, which applies
  // associated SCRAM secrets to this broker as MSK does.
  let aws: AwsTestServers;
  try {
    aws = await startAwsTestServers(info);
  } catch (e) {
    await stopRegistry();
    await kafka.destroy();
    iam.cleanUp();
    throw e;
  }
  console.log(`[aws] moto pid ${aws.info.motoPid} on ${aws.info.motoEndpoint} (start ${aws.info.motoStartMs} ms), MSK emulator on ${aws.info.endpoint}`);
  provide('aws', aws.info);
  const scratch = mkdtempSync(join(tmpdir(), 'specmesh-test-run-'));
  provide('scratchDir', scratch);
  return async () => {
    await aws.stop();
    await stopRegistry();
    await kafka.destroy();
    iam?.cleanUp();
    rmSync(scratch, { recursive: true, force: true });
  };
}
