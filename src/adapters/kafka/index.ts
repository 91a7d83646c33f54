// specmesh/kafka: the kafkajs adapter of the Kafka admin port, and how connections are resolved.
export { KafkajsAdmin } from './kafkajs-admin.js';
export { openAdmin, hasConnection } from './open-admin.js';
export { resolveConnection, kafkaClientConfig, checkMskPort, classifyKafkaError, parseProperties, parseJaasConfig, createIamTokenProvider,
  FLAG_NAMES, ENV_NAMES, type ConnectionInputs, type ResolvedConnection, type KafkaClientOptions, type MskIamToken } from './connection/index.js';
export type { KafkaAdminPort, ItemErrors } from '../../kafka/kafka-admin-port.js';
