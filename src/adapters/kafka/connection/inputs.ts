/** What the CLI collects; every field optional. Passwords are never taken as flags, only from env or files. */
export interface ConnectionInputs {
  /** Comma-separated host:port list. */
  bootstrapServers?: string;
  /** Path of a Java-style client.properties file. */
  commandConfig?: string;
  securityProtocol?: string;
  saslMechanism?: string;
  saslUsername?: string;
  saslPasswordFile?: string;
  sslCaFile?: string;
  sslCertFile?: string;
  sslKeyFile?: string;
  sslKeyPasswordFile?: string;
  sslInsecure?: boolean;
  awsRegion?: string;
  awsProfile?: string;
  awsRoleArn?: string;
  clientId?: string;
  /** The MSK cluster ARN (--msk-cluster-arn): MSK IAM tokens are signed for its region. */
  mskClusterArn?: string;
}

/** The command-line flag behind each input, as error messages name them. */
export const FLAG_NAMES: Readonly<Record<keyof ConnectionInputs, string>> = {
  bootstrapServers: '--bootstrap-server',
  commandConfig: '--command-config',
  securityProtocol: '--security-protocol',
  saslMechanism: '--sasl-mechanism',
  saslUsername: '--sasl-username',
  saslPasswordFile: '--sasl-password-file',
  sslCaFile: '--ssl-ca-file',
  sslCertFile: '--ssl-cert-file',
  sslKeyFile: '--ssl-key-file',
  sslKeyPasswordFile: '--ssl-key-password-file',
  sslInsecure: '--ssl-insecure',
  awsRegion: '--aws-region',
  awsProfile: '--aws-profile',
  awsRoleArn: '--aws-role-arn',
  clientId: '--client-id',
  mskClusterArn: '--msk-cluster-arn',
};

/**
 * The unprefixed variables MSK's tools and AWS's examples use (Kafka client settings in upper case,
 * dots as underscores). Read after the SPECMESH_ ones and before the client.properties file.
 */
export const KAFKA_ENV_NAMES = {
  securityProtocol: 'SECURITY_PROTOCOL',
  saslMechanism: 'SASL_MECHANISM',
  saslJaasConfig: 'SASL_JAAS_CONFIG',
  saslClientCallbackHandlerClass: 'SASL_CLIENT_CALLBACK_HANDLER_CLASS',
} as const;

export const ENV_NAMES = {
  bootstrapServers: 'SPECMESH_BOOTSTRAP_SERVERS',
  commandConfig: 'SPECMESH_COMMAND_CONFIG',
  securityProtocol: 'SPECMESH_SECURITY_PROTOCOL',
  saslMechanism: 'SPECMESH_SASL_MECHANISM',
  saslUsername: 'SPECMESH_SASL_USERNAME',
  saslPassword: 'SPECMESH_SASL_PASSWORD',
  sslCaFile: 'SPECMESH_SSL_CA_FILE',
  sslCertFile: 'SPECMESH_SSL_CERT_FILE',
  sslKeyFile: 'SPECMESH_SSL_KEY_FILE',
  sslKeyPassword: 'SPECMESH_SSL_KEY_PASSWORD',
} as const;
