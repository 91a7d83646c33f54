import { principalResolver } from '../../acl/principals.js';
import type { AwsOptions } from './aws-options.js';
import { parseClusterArn } from '../../iam/cluster-arn.js';
import type { ChangeApplier } from '../../core/apply-plan.js';
import type { Planner } from '../../core/planner.js';
import { KmsAdapter } from './kms-adapter.js';
import { MskAdapter } from './msk-adapter.js';
import { scramApplier } from '../../scram/scram-applier.js';
import { scramPlanner, type ScramPlannerOptions, type ScramPorts } from '../../scram/scram-planner.js';
import { SecretsManagerAdapter } from './secrets-manager-adapter.js';

export interface OpenScramOptions extends Omit<ScramPlannerOptions, 'principalFor' | 'awsRegion'> {
  /** Domain → principal (as --principal-map); default `User:<domain>`. */
  principals?: Record<string, string>;
  aws?: AwsOptions;
}

export interface Scram {
  planner: Planner;
  applier: ChangeApplier;
  ports: ScramPorts;
  /** Closes the AWS clients' connections. */
  close(): void;
}

/**
 * The `scram` emitter wired to AWS: one planner and one applier sharing SDK clients. Clients work in
 * the cluster's region unless --aws-region says otherwise (which the plan then rejects: MSK only
 * takes secrets of its own region).
 */
export function openScram(options: OpenScramOptions): Scram {
  const cluster = parseClusterArn(options.clusterArn);
  const region = options.aws?.region ?? ('problem' in cluster ? undefined : cluster.region);
  const aws: AwsOptions = { ...options.aws, ...(region ? { region } : {}) };
  const secrets = new SecretsManagerAdapter(aws);
  const kms = new KmsAdapter(aws);
  const msk = new MskAdapter(aws);
  const ports: ScramPorts = { secrets, kms, msk };
  const { principals, aws: _aws, ...plannerOptions } = options;
  return {
    planner: scramPlanner(ports, {
      ...plannerOptions,
      principalFor: principalResolver(principals),
      ...(options.aws?.region ? { awsRegion: options.aws.region } : {}),
    }),
    applier: scramApplier(ports),
    ports,
    close: () => {
      secrets.destroy();
      kms.destroy();
      msk.destroy();
    },
  };
}
