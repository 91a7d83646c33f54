import type { ConnectionOptions } from 'node:tls';
import { logLevel, type KafkaConfig, type Mechanism, type SASLOptions, type logCreator } from 'kafkajs';
import { createIamTokenProvider, type MskIamSigner } from './iam-token-provider.js';
import { mskIamMechanism } from './msk-iam-authenticator.js';
import type { ResolvedConnection } from './resolved-connection.js';

export interface KafkaClientOptions {
  connectionTimeoutMs?: number;
  authenticationTimeoutMs?: number;
  requestTimeoutMs?: number;
  retries?: number;
  clientId?: string;
  /** kafkajs logs nothing by default: errors are reported by the caller. */
  logLevel?: logLevel;
  logCreator?: logCreator;
  /** Replaces the AWS signer for MSK IAM tokens (tests). */
  iamSigner?: MskIamSigner;
  /**
   * Re-authenticate this long before the broker's session ends (connections.max.reauth.ms, or the
   * token's expiry). Default 2 s for MSK IAM, kafkajs's 10 s otherwise.
   */
  reauthenticationThresholdMs?: number;
}

export const DEFAULT_CLIENT_ID = 'specmesh';

function sslOptions(conn: ResolvedConnection): KafkaConfig['ssl'] {
  const tls = conn.tls;
  if (!tls) return undefined;
  const options: ConnectionOptions = {};
  if (tls.ca !== undefined) options.ca = tls.ca;
  if (tls.cert !== undefined) options.cert = tls.cert;
  if (tls.key !== undefined) options.key = tls.key;
  if (tls.keyPassword !== undefined) options.passphrase = tls.keyPassword;
  if (!tls.verifyCertificate) options.rejectUnauthorized = false;
  if (!tls.verifyHostname) options.checkServerIdentity = () => undefined;
  return Object.keys(options).length === 0 ? true : options;
}

function saslOptions(conn: ResolvedConnection, options: KafkaClientOptions): SASLOptions | Mechanism | undefined {
  const m = conn.saslMechanism;
  if (!m || !conn.securityProtocol.startsWith('SASL_')) return undefined;
  if (m === 'AWS_MSK_IAM' || m === 'OAUTHBEARER') {
    if (!conn.aws) throw new Error(`${m} connection without AWS settings: this is a bug`);
    // MSK's IAM listeners accept the signer's token over the standard OAUTHBEARER mechanism.
    const signer = options.iamSigner;
    return mskIamMechanism(createIamTokenProvider(conn.aws, signer ? { signer } : {}));
  }
  if (conn.username === undefined || conn.password === undefined) throw new Error(`${m} connection without credentials: this is a bug`);
  const mechanism = m === 'PLAIN' ? 'plain' : m === 'SCRAM-SHA-256' ? 'scram-sha-256' : 'scram-sha-512';
  return { mechanism, username: conn.username, password: conn.password } as SASLOptions;
}

/**
 * MSK IAM brokers take about 20 new connections per second and answer "Too many connects" past
 * that: there, retries start after at least a second (kafkajs varies the wait by ±20%).
 */
function retryFor(conn: ResolvedConnection, options: KafkaClientOptions): NonNullable<KafkaConfig['retry']> {
  const iam = conn.saslMechanism === 'AWS_MSK_IAM' || conn.saslMechanism === 'OAUTHBEARER';
  return iam
    ? { retries: options.retries ?? 3, initialRetryTime: 1250, maxRetryTime: 5000, factor: 0.2 }
    : { retries: options.retries ?? 2, initialRetryTime: 300, maxRetryTime: 2000 };
}

/**
 * The kafkajs client configuration for a resolved connection. Timeouts default short, so an
 * unreachable broker or bad credentials fail within seconds rather than after kafkajs's
 * default minute of retries.
 */
export function kafkaClientConfig(conn: ResolvedConnection, options: KafkaClientOptions = {}): KafkaConfig {
  const config: KafkaConfig = {
    clientId: options.clientId ?? conn.clientId ?? DEFAULT_CLIENT_ID,
    brokers: [...conn.brokers],
    connectionTimeout: options.connectionTimeoutMs ?? 5000,
    authenticationTimeout: options.authenticationTimeoutMs ?? 5000,
    requestTimeout: options.requestTimeoutMs ?? 15000,
    retry: retryFor(conn, options),
    logLevel: options.logLevel ?? logLevel.NOTHING,
  };
  // kafkajs re-authenticates before every request once less than the threshold is left of the
  // session; a session shorter than the threshold would re-authenticate more than once a second,
  // which brokers refuse (ILLEGAL_SASL_STATE). MSK IAM sessions end with their token, which can be
  // short when the credentials are about to expire: so re-authenticate late, but in time.
  const threshold = options.reauthenticationThresholdMs ?? (conn.aws ? 2_000 : undefined);
  if (threshold !== undefined) config.reauthenticationThreshold = threshold;
  if (options.logCreator) config.logCreator = options.logCreator;
  const ssl = sslOptions(conn);
  if (ssl !== undefined) config.ssl = ssl;
  const sasl = saslOptions(conn, options);
  if (sasl) config.sasl = sasl;
  return config;
}
