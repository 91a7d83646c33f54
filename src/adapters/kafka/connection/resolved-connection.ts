export const SECURITY_PROTOCOLS = ['PLAINTEXT', 'SSL', 'SASL_PLAINTEXT', 'SASL_SSL'] as const;
export const SASL_MECHANISMS = ['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512', 'OAUTHBEARER', 'AWS_MSK_IAM'] as const;

export type SecurityProtocol = (typeof SECURITY_PROTOCOLS)[number];
export type SaslMechanism = (typeof SASL_MECHANISMS)[number];

/** TLS settings; present exactly when the protocol is SSL or SASL_SSL. PEM texts, never paths. */
export interface TlsSettings {
  /** Trusted CA certificates; unset means Node's default roots. */
  readonly ca?: string;
  /** Client certificate chain, for mutual TLS. */
  readonly cert?: string;
  /** Client private key. Not enumerable: absent from JSON and inspection. */
  readonly key?: string;
  /** Passphrase of an encrypted `key`. Not enumerable. */
  readonly keyPassword?: string;
  readonly verifyHostname: boolean;
  /** False only with --ssl-insecure: any certificate is accepted. */
  readonly verifyCertificate: boolean;
}

/** Where MSK IAM credentials come from: the default AWS chain, a named profile, or an assumed role. */
export type AwsCredentialSource =
  | { readonly kind: 'default' }
  | { readonly kind: 'profile'; readonly profile: string }
  | { readonly kind: 'role'; readonly roleArn: string; readonly sessionName?: string };

/** MSK IAM settings; present exactly when the mechanism is AWS_MSK_IAM or OAUTHBEARER. */
export interface AwsIamSettings {
  readonly region: string;
  readonly credentials: AwsCredentialSource;
  /** The MSK cluster, when known (--msk-cluster-arn): error messages name it. */
  readonly clusterArn?: string;
}

/** The origin of each setting (`--bootstrap-server`, `SPECMESH_SASL_PASSWORD`, `bootstrap.servers in ./client.properties`). */
export type SettingSources = Readonly<Partial<Record<
  'brokers' | 'securityProtocol' | 'saslMechanism' | 'username' | 'password' | 'ca' | 'cert' | 'key' | 'region' | 'credentials' | 'clientId',
  string
>>>;

export interface ResolvedConnectionFields {
  brokers: string[];
  securityProtocol: SecurityProtocol;
  saslMechanism?: SaslMechanism;
  username?: string;
  password?: string;
  tls?: TlsSettings;
  aws?: AwsIamSettings;
  clientId?: string;
  sources?: SettingSources;
}

/**
 * Everything needed to connect, with every secret (SASL password, TLS key and its passphrase)
 * held in non-enumerable properties: readable, but left out of JSON.stringify, spreads and
 * util.inspect. `describe()` is the safe one-line summary for logs.
 */
export interface ResolvedConnection {
  readonly brokers: string[];
  readonly securityProtocol: SecurityProtocol;
  readonly saslMechanism?: SaslMechanism;
  readonly username?: string;
  /** Not enumerable. */
  readonly password?: string;
  readonly tls?: TlsSettings;
  readonly aws?: AwsIamSettings;
  readonly clientId?: string;
  readonly sources: SettingSources;
  describe(): string;
  toString(): string;
}

const hidden = (target: object, key: string, value: unknown): void => {
  if (value !== undefined) Object.defineProperty(target, key, { value, enumerable: false });
};

function describeCredentials(c: AwsCredentialSource): string {
  if (c.kind === 'profile') return `profile ${c.profile}`;
  if (c.kind === 'role') return `role ${c.roleArn}`;
  return 'default chain';
}

function describe(c: ResolvedConnectionFields, sources: SettingSources): string {
  const parts = [`brokers=${c.brokers.join(',')}`, `security.protocol=${c.securityProtocol}`];
  if (c.saslMechanism) parts.push(`sasl.mechanism=${c.saslMechanism}`);
  if (c.username !== undefined) parts.push(`user=${c.username}`);
  if (c.password !== undefined) parts.push(`password=<set${sources.password ? ` from ${sources.password}` : ''}>`);
  if (c.tls) {
    const tls = [`ca=${sources.ca ?? (c.tls.ca ? 'inline' : 'system')}`];
    if (c.tls.cert) tls.push(`cert=${sources.cert ?? 'inline'}`);
    if (!c.tls.verifyCertificate) tls.push('insecure');
    else if (!c.tls.verifyHostname) tls.push('no-hostname-check');
    parts.push(`tls(${tls.join(' ')})`);
  }
  if (c.aws) parts.push(`aws(region=${c.aws.region} credentials=${describeCredentials(c.aws.credentials)})`);
  if (c.clientId) parts.push(`client.id=${c.clientId}`);
  return parts.join(' ');
}

export function createResolvedConnection(fields: ResolvedConnectionFields): ResolvedConnection {
  const sources = fields.sources ?? {};
  const conn: Record<string, unknown> = {
    brokers: [...fields.brokers],
    securityProtocol: fields.securityProtocol,
  };
  if (fields.saslMechanism) conn.saslMechanism = fields.saslMechanism;
  if (fields.username !== undefined) conn.username = fields.username;
  hidden(conn, 'password', fields.password);
  if (fields.tls) {
    const { key, keyPassword, ...visible } = fields.tls;
    const tls = { ...visible };
    hidden(tls, 'key', key);
    hidden(tls, 'keyPassword', keyPassword);
    conn.tls = Object.freeze(tls);
  }
  if (fields.aws) conn.aws = fields.aws;
  if (fields.clientId !== undefined) conn.clientId = fields.clientId;
  conn.sources = sources;
  const line = describe(fields, sources);
  hidden(conn, 'describe', () => line);
  hidden(conn, 'toString', () => line);
  return Object.freeze(conn) as unknown as ResolvedConnection;
}
