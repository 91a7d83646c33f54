// For test files: the AWS test servers global setup provided, or new ones started for this file.
import { inject } from 'vitest';
import type { KafkaAdminConnection } from './kafka-admin-tools.js';
import { startAwsTestServers, type AwsTestInfo } from './msk-emulator-setup.js';

/** The servers global setup provided, or new ones for this file (stopped by the returned function). */
export async function useAwsTestServers(kafka: KafkaAdminConnection): Promise<{ info: AwsTestInfo; stop: () => Promise<void> }> {
  const provided = inject('aws');
  if (provided) return { info: provided, stop: async () => undefined };
  const own = await startAwsTestServers(kafka);
  return { info: own.info, stop: own.stop };
}
