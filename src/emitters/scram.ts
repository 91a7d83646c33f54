import { principalResolver } from '../acl/principals.js';
import { aclPlanner } from './acl.js';
import type { EmitterDefinition } from './emitter.js';
import { topicPlanner } from './topics.js';

/**
 * MSK SCRAM users (Secrets Manager secrets under a customer-managed KMS key, associated with the
 * cluster) and the same Kafka ACLs as the acl emitter.
 */
export const scramEmitter: EmitterDefinition = {
  summary: 'MSK SCRAM secrets and their Kafka ACLs',
  kinds: ['topic', 'acl', 'kms-key', 'scram-secret'],
  planners: [topicPlanner, aclPlanner],
  async openPlanner(ports, settings) {
    const scram = await ports.scram();
    const clusterArn = settings.scram?.clusterArn;
    if (!scram || !clusterArn) return undefined;
    const { awsRegion, ...choices } = settings.scram ?? {};
    const { scramPlanner } = await import('../scram/scram-planner.js');
    return scramPlanner(scram, {
      ...choices,
      clusterArn,
      principalFor: principalResolver(settings.principals),
      ...(awsRegion ? { awsRegion } : {}),
    });
  },
};
