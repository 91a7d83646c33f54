// Starts what the SCRAM tests need besides Kafka: moto (Secrets Manager, KMS, IAM) and the MSK
// emulator in front of it, turning associated secrets into users of the given broker.
// global-setup.ts can start them once and `provide('aws', info)`; a test file that finds no
// provided info starts its own (useAwsTestServers in msk-emulator-inject.ts), so it also runs alone.
// No runtime import of vitest here: global setup runs outside the test workers.
import type { KafkaAdminConnection } from './kafka-admin-tools.js';
import { MOTO_ACCOUNT, MOTO_TEST_CREDENTIALS, startMoto, type MotoServer } from './moto.js';
import { startMskEmulator, type MskEmulator } from './msk-emulator.js';

declare module 'vitest' {
  export interface ProvidedContext {
    aws?: AwsTestInfo;
  }
}

/** Plain, serializable coordinates of the AWS test servers. */
export interface AwsTestInfo {
  /** The one endpoint for every service (--aws-endpoint): the MSK emulator, passing the rest to moto. */
  endpoint: string;
  /** moto itself: Secrets Manager, KMS, IAM, STS. */
  motoEndpoint: string;
  motoPid: number;
  /** moto's request log (tests check no secret ends up in it). */
  motoLogFile: string;
  region: string;
  account: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  /** Wall time of moto's start, and its resident memory right after (KiB). */
  motoStartMs: number;
  motoRssKiB?: number;
}

export const AWS_TEST_REGION = 'eu-west-1';

export interface AwsTestServers {
  info: AwsTestInfo;
  moto: MotoServer;
  msk: MskEmulator;
  stop(): Promise<void>;
}

export async function startAwsTestServers(kafka?: KafkaAdminConnection, region = AWS_TEST_REGION): Promise<AwsTestServers> {
  const moto = await startMoto();
  let msk: MskEmulator;
  try {
    msk = await startMskEmulator({ motoEndpoint: moto.endpoint, region, ...(kafka ? { kafka } : {}) });
  } catch (e) {
    await moto.stop();
    throw e;
  }
  const rss = moto.rssKiB();
  return {
    info: {
      endpoint: msk.endpoint, motoEndpoint: moto.endpoint, motoPid: moto.pid, motoLogFile: moto.logFile, region, account: MOTO_ACCOUNT,
      credentials: { ...MOTO_TEST_CREDENTIALS }, motoStartMs: moto.startMs, ...(rss !== undefined ? { motoRssKiB: rss } : {}),
    },
    moto,
    msk,
    stop: async () => {
      await msk.stop();
      await moto.stop();
    },
  };
}
