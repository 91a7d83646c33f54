import { readFileSync } from 'node:fs';
import { ConnectionError } from '../../core/errors.js';
import { checkMskPort, classifyKafkaError, kafkaClientConfig, resolveConnection, type ConnectionInputs, type KafkaClientOptions, type ResolvedConnection } from './connection/index.js';
import type { KafkaAdminPort } from '../../kafka/kafka-admin-port.js';
import { KafkajsAdmin } from './kafkajs-admin.js';

/** True when flags or the environment name a cluster; otherwise plans diff against an empty one. */
export const hasConnection = (inputs: ConnectionInputs, env: NodeJS.ProcessEnv = process.env): boolean =>
  Boolean(inputs.bootstrapServers || inputs.commandConfig || env['SPECMESH_BOOTSTRAP_SERVERS'] || env['SPECMESH_COMMAND_CONFIG']);

/**
 * Resolves the connection, checks MSK port/mechanism pairs before dialling, connects, and turns
 * every kafkajs failure of the admin's reads into a ConnectionError that says what to do.
 * `clientOptions` tune the kafkajs client (timeouts, a log creator, another MSK IAM signer).
 */
export async function openAdmin(inputs: ConnectionInputs, env: NodeJS.ProcessEnv = process.env, clientOptions: KafkaClientOptions = {}): Promise<KafkaAdminPort & { connection: ResolvedConnection }> {
  const conn = resolveConnection(inputs, env, (file) => readFileSync(file, 'utf8'));
  checkMskPort(conn);
  const admin = new KafkajsAdmin(kafkaClientConfig(conn, clientOptions), (err, operation) => {
    const c = classifyKafkaError(err, conn, { operation });
    return new ConnectionError(c.message, { fix: c.fix, retriable: c.retriable });
  });
  await admin.connect();
  return Object.assign(admin, { connection: conn });
}
