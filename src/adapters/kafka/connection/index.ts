export { ConnectionConfigError } from './connection-config-error.js';
export { FLAG_NAMES, ENV_NAMES, type ConnectionInputs } from './inputs.js';
export {
  SASL_MECHANISMS, SECURITY_PROTOCOLS, createResolvedConnection,
  type AwsCredentialSource, type AwsIamSettings, type ResolvedConnection, type ResolvedConnectionFields,
  type SaslMechanism, type SecurityProtocol, type SettingSources, type TlsSettings,
} from './resolved-connection.js';
export { resolveConnection } from './resolve-connection.js';
export { parseProperties } from './properties.js';
export { parseJaasConfig, type JaasConfig } from './jaas.js';
export { checkMskPort, mskHost, type MskHost } from './msk.js';
export { DEFAULT_CLIENT_ID, kafkaClientConfig, type KafkaClientOptions } from './kafka-client-config.js';
export {
  MskIamTokenError, createIamTokenProvider, signWithAwsSdk,
  type IamTokenProviderOptions, type MskIamSigner, type MskIamToken,
} from './iam-token-provider.js';
export {
  classifyKafkaError, type ClassifiedKafkaError, type KafkaErrorContext, type KafkaErrorKind,
} from './classify-kafka-error.js';
