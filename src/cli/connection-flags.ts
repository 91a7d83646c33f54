import { Flags } from './oclif.js';
import type { ConnectionInputs } from '../adapters/kafka/connection/index.js';

/** Connection flags; each also has an environment variable, and a client.properties file may hold them. */
export const connectionFlags = {
  'bootstrap-server': Flags.string({ char: 'b', summary: 'Kafka brokers, host:port[,host:port]. Env: SPECMESH_BOOTSTRAP_SERVERS. Without it (or --command-config), plan diffs against an empty cluster.', helpGroup: 'CONNECTION' }),
  'command-config': Flags.string({ summary: 'Java-style client.properties (bootstrap.servers, security.protocol, sasl.*, ssl.*). Env: SPECMESH_COMMAND_CONFIG.', helpGroup: 'CONNECTION' }),
  'security-protocol': Flags.string({ summary: 'PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL.', helpGroup: 'CONNECTION' }),
  'sasl-mechanism': Flags.string({ summary: 'PLAIN, SCRAM-SHA-256, SCRAM-SHA-512, OAUTHBEARER or AWS_MSK_IAM.', helpGroup: 'CONNECTION' }),
  'sasl-username': Flags.string({ summary: 'SASL user name. Env: SPECMESH_SASL_USERNAME.', helpGroup: 'CONNECTION' }),
  'sasl-password-file': Flags.string({ summary: 'File holding the SASL password (or env SPECMESH_SASL_PASSWORD; never a flag).', helpGroup: 'CONNECTION' }),
  'ssl-ca-file': Flags.string({ summary: 'PEM file of the CA(s) to trust.', helpGroup: 'CONNECTION' }),
  'ssl-cert-file': Flags.string({ summary: 'PEM client certificate, for mTLS.', helpGroup: 'CONNECTION' }),
  'ssl-key-file': Flags.string({ summary: 'PEM client private key, for mTLS.', helpGroup: 'CONNECTION' }),
  'ssl-key-password-file': Flags.string({ summary: 'File holding the client key\'s passphrase.', helpGroup: 'CONNECTION' }),
  'ssl-insecure': Flags.boolean({ summary: 'Do not verify the brokers\' host names (testing only).', helpGroup: 'CONNECTION' }),
  'aws-region': Flags.string({ summary: 'AWS region for MSK IAM (default: from the broker host name or AWS_REGION).', helpGroup: 'CONNECTION' }),
  'aws-profile': Flags.string({ summary: 'AWS profile for MSK IAM (default credential chain otherwise).', helpGroup: 'CONNECTION' }),
  'aws-role-arn': Flags.string({ summary: 'IAM role to assume for MSK IAM.', helpGroup: 'CONNECTION' }),
  'client-id': Flags.string({ summary: 'Kafka client id (default specmesh).', helpGroup: 'CONNECTION' }),
};

export interface ConnectionFlagValues {
  'bootstrap-server'?: string | undefined;
  'command-config'?: string | undefined;
  'security-protocol'?: string | undefined;
  'sasl-mechanism'?: string | undefined;
  'sasl-username'?: string | undefined;
  'sasl-password-file'?: string | undefined;
  'ssl-ca-file'?: string | undefined;
  'ssl-cert-file'?: string | undefined;
  'ssl-key-file'?: string | undefined;
  'ssl-key-password-file'?: string | undefined;
  'ssl-insecure'?: boolean | undefined;
  'aws-region'?: string | undefined;
  'aws-profile'?: string | undefined;
  'aws-role-arn'?: string | undefined;
  'client-id'?: string | undefined;
}

/** Parsed flags → the connection inputs the library resolves (env and client.properties fill the rest). */
export function connectionInputsFromFlags(flags: ConnectionFlagValues): ConnectionInputs {
  const s = (k: Exclude<keyof ConnectionFlagValues, 'ssl-insecure'>): string | undefined => flags[k];
  const entries: [keyof ConnectionInputs, string | boolean | undefined][] = [
    ['bootstrapServers', s('bootstrap-server')], ['commandConfig', s('command-config')],
    ['securityProtocol', s('security-protocol')], ['saslMechanism', s('sasl-mechanism')],
    ['saslUsername', s('sasl-username')], ['saslPasswordFile', s('sasl-password-file')],
    ['sslCaFile', s('ssl-ca-file')], ['sslCertFile', s('ssl-cert-file')], ['sslKeyFile', s('ssl-key-file')],
    ['sslKeyPasswordFile', s('ssl-key-password-file')], ['sslInsecure', flags['ssl-insecure'] === true ? true : undefined],
    ['awsRegion', s('aws-region')], ['awsProfile', s('aws-profile')], ['awsRoleArn', s('aws-role-arn')], ['clientId', s('client-id')],
  ];
  return Object.fromEntries(entries.filter(([, v]) => v !== undefined)) as ConnectionInputs;
}
