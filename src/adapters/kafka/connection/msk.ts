import { parseBrokerAddress } from './broker-address.js';
import { ConnectionConfigError } from './connection-config-error.js';
import type { ResolvedConnection, SaslMechanism, SecurityProtocol } from './resolved-connection.js';

export interface MskHost {
  region: string;
  serverless: boolean;
}

const MSK_HOST = /\.kafka(-serverless)?\.([a-z]{2}(?:-[a-z]+)+-\d+)\.amazonaws\.com(?:\.cn)?\.?$/i;

/** The region of an MSK broker host name (`….kafka.<region>.amazonaws.com[.cn]`), or undefined. */
export function mskHost(host: string): MskHost | undefined {
  const m = MSK_HOST.exec(host);
  return m ? { region: m[2]!.toLowerCase(), serverless: m[1] !== undefined } : undefined;
}

/** The region named by the first MSK broker in the list, if any. */
export function mskRegionOf(brokers: readonly string[]): string | undefined {
  for (const b of brokers) {
    const region = mskHost(parseBrokerAddress(b, 'brokers').host)?.region;
    if (region) return region;
  }
  return undefined;
}

export type MskAuth = 'plaintext' | 'tls' | 'scram' | 'iam';

interface MskPort {
  auth: MskAuth;
  publicAccess: boolean;
}

const MSK_PORTS: ReadonlyMap<number, MskPort> = new Map([
  [9092, { auth: 'plaintext', publicAccess: false }],
  [9094, { auth: 'tls', publicAccess: false }],
  [9096, { auth: 'scram', publicAccess: false }],
  [9098, { auth: 'iam', publicAccess: false }],
  [9194, { auth: 'tls', publicAccess: true }],
  [9196, { auth: 'scram', publicAccess: true }],
  [9198, { auth: 'iam', publicAccess: true }],
]);

const LABEL: Record<MskAuth, string> = { plaintext: 'plaintext', tls: 'TLS', scram: 'SCRAM', iam: 'IAM' };
const EXPECTS: Record<MskAuth, string> = {
  plaintext: 'security.protocol=PLAINTEXT',
  tls: 'security.protocol=SSL',
  scram: 'security.protocol=SASL_SSL with sasl.mechanism=SCRAM-SHA-512',
  iam: 'security.protocol=SASL_SSL with sasl.mechanism=AWS_MSK_IAM (or OAUTHBEARER)',
};

const portFor = (auth: MskAuth, publicAccess: boolean): number | undefined =>
  [...MSK_PORTS].find(([, p]) => p.auth === auth && p.publicAccess === publicAccess)?.[0];

/** What an MSK listener would have to be to accept this protocol and mechanism; undefined when none can. */
export function mskAuthOf(protocol: SecurityProtocol, mechanism: SaslMechanism | undefined): MskAuth | undefined {
  if (protocol === 'PLAINTEXT') return 'plaintext';
  if (protocol === 'SSL') return 'tls';
  if (protocol !== 'SASL_SSL') return undefined;
  if (mechanism === 'SCRAM-SHA-512') return 'scram';
  if (mechanism === 'AWS_MSK_IAM' || mechanism === 'OAUTHBEARER') return 'iam';
  return undefined;
}

/** The auth that all brokers' MSK ports agree on, for filling in an unset security protocol. */
export function mskAuthFromPorts(brokers: readonly string[]): MskAuth | undefined {
  const auths = new Set<MskAuth | undefined>(brokers.map((b) => {
    const { host, port } = parseBrokerAddress(b, 'brokers');
    return mskHost(host) ? MSK_PORTS.get(port)?.auth : undefined;
  }));
  const [only] = auths;
  return auths.size === 1 ? only : undefined;
}

function unsupportedFix(conn: ResolvedConnection): string {
  if (conn.securityProtocol === 'SASL_PLAINTEXT') {
    return 'MSK has no SASL_PLAINTEXT listener: use security.protocol=SASL_SSL (--security-protocol SASL_SSL)';
  }
  if (conn.saslMechanism === 'SCRAM-SHA-256') {
    return 'MSK supports only SCRAM-SHA-512: use --sasl-mechanism SCRAM-SHA-512 (sasl.mechanism=SCRAM-SHA-512)';
  }
  return `MSK does not support SASL mechanism ${conn.saslMechanism ?? '(none)'}: use SCRAM-SHA-512 (port 9096) or AWS_MSK_IAM (port 9098)`;
}

/**
 * Throws when a broker on an MSK host name uses one of MSK's well-known ports with a protocol or
 * mechanism that port does not serve; such a mismatch otherwise shows up as a hang or a
 * confusing handshake error. Other ports (e.g. multi-VPC connectivity's 14001+) are not checked.
 */
export function checkMskPort(conn: ResolvedConnection): void {
  const auth = mskAuthOf(conn.securityProtocol, conn.saslMechanism);
  const current = conn.saslMechanism && conn.securityProtocol.startsWith('SASL_')
    ? `security.protocol=${conn.securityProtocol} with sasl.mechanism=${conn.saslMechanism}`
    : `security.protocol=${conn.securityProtocol}`;
  for (const broker of conn.brokers) {
    const { host, port } = parseBrokerAddress(broker, 'brokers');
    const msk = mskHost(host);
    const expected = MSK_PORTS.get(port);
    if (!msk || !expected) continue;
    const where = `${host}:${port}`;
    if (msk.serverless && (expected.auth !== 'iam' || auth !== 'iam')) {
      throw new ConnectionConfigError(`${where} is an MSK Serverless broker, which accepts only IAM on port 9098; the connection uses ${current}`,
        'use port 9098 with --sasl-mechanism AWS_MSK_IAM (sasl.mechanism=AWS_MSK_IAM, security.protocol=SASL_SSL)');
    }
    if (auth === expected.auth) continue;
    const message = `${where} is MSK's ${LABEL[expected.auth]} port (it expects ${EXPECTS[expected.auth]}), but the connection uses ${current}`;
    if (auth === undefined) throw new ConnectionConfigError(message, unsupportedFix(conn));
    const port2 = portFor(auth, expected.publicAccess);
    const fix = port2 !== undefined
      ? `use port ${port2} for ${LABEL[auth]}, or switch to ${EXPECTS[expected.auth]} to keep port ${port}`
      : `MSK public access has no ${LABEL[auth]} port: switch to ${EXPECTS[expected.auth]}, or use the private bootstrap brokers`;
    throw new ConnectionConfigError(message, fix);
  }
}
