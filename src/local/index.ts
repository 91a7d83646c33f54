// `specmesh/local`: a governed Kafka on this machine, for other teams' test suites and scripts.
export {
  defaultLocalDir,
  localClusterStatus,
  startLocalCluster,
  stopLocalCluster,
  type LocalCluster,
  type LocalDomainAccess,
  type LocalStatus,
  type StartLocalClusterOptions,
} from './local-cluster.js';
export { checkRequirements, type Requirement } from './java.js';
export { DEFAULT_KAFKA_VERSION } from './kafka-jars.js';
