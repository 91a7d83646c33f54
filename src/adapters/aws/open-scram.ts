import { principalResolver } from '../../acl/principals.js';
import type { ChangeApplier } from '../../core/apply-plan.js';
import type { Planner } from '../../core/planner.js';
import { parseClusterArn } from '../../iam/cluster-arn.js';
import { scramApplier } from '../../scram/scram-applier.js';
import { scramPlanner, type ScramPlannerOptions, type ScramPorts } from '../../scram/scram-planner.js';
import type { Domain } from '../../spec/model.js';
import type { AwsOptions } from './aws-options.js';
import { KmsAdapter } from './kms-adapter.js';
import { MskAdapter } from './msk-adapter.js';
import { SecretsManagerAdapter } from './secrets-manager-adapter.js';

export interface OpenScramOptions extends Omit<ScramPlannerOptions, 'principalFor' | 'awsRegion'> {
  /** Domain → principal (as --principal-map); default `User:<domain>`. */
  principals?: Record<string, string>;
  aws?: AwsOptions;
}

export interface Scram {
  planner: Planner<Domain>;
  applier: ChangeApplier;
  ports: ScramPorts;
  /** Closes the AWS clients' connections. */
  close(): void;
}

/**
 * The AWS clients the `scram` emitter works through. They work in the cluster's region unless
 * --aws-region says otherwise (which the plan then rejects: MSK only takes secrets of its own region).
 */
export function openScramPorts(clusterArn: string, aws: AwsOptions = {}): ScramPorts & { close(): void } {
  const cluster = parseClusterArn(clusterArn);
  const region = aws.region ?? ('problem' in cluster ? undefined : cluster.region);
  const options: AwsOptions = { ...aws, ...(region ? { region } : {}) };
  const secrets = new SecretsManagerAdapter(options);
  const kms = new KmsAdapter(options);
  const msk = new MskAdapter(options);
  return {
    secrets, kms, msk,
    close: () => {
      secrets.destroy();
      kms.destroy();
      msk.destroy();
    },
  };
}

/** The `scram` emitter wired to AWS: one planner and one applier sharing SDK clients. */
export function openScram(options: OpenScramOptions): Scram {
  const { close, ...ports } = openScramPorts(options.clusterArn, options.aws);
  const { principals, aws: _aws, ...plannerOptions } = options;
  return {
    planner: scramPlanner(ports, {
      ...plannerOptions,
      principalFor: principalResolver(principals),
      ...(options.aws?.region ? { awsRegion: options.aws.region } : {}),
    }),
    applier: scramApplier(ports),
    ports,
    close,
  };
}
