import type { ChangeApplier } from '../core/apply-plan.js';
import type { Planner } from '../core/planner.js';
import { SpecmeshError } from '../core/errors.js';
import type { IamOptions } from '../iam/index.js';
import type { PlanSpecsOptions } from '../orchestrate/plan-specs.js';
import { schemaRegistryOptions } from '../adapters/registry/registry-settings.js';

interface ExtraKindFlags {
  'schema-registry-url'?: string | undefined;
  'schema-registry-user'?: string | undefined;
  'schema-registry-ca'?: string | undefined;
  'inline-schemas'?: boolean | undefined;
  emitter?: string[] | undefined;
  'msk-cluster-arn'?: string | undefined;
  'kms-key-id'?: string | undefined;
  'create-kms-key'?: boolean | undefined;
  'rotate-secrets'?: boolean | undefined;
  'delete-secrets'?: boolean | undefined;
  'aws-region'?: string | undefined;
  'aws-profile'?: string | undefined;
  'aws-endpoint'?: string | undefined;
  'iam-manage'?: boolean | undefined;
}

export interface ExtraKinds {
  planners: Planner[];
  appliers: ChangeApplier[];
  /** With --iam-manage: reads the IAM and cluster policies that exist. */
  readIam?: PlanSpecsOptions['readIam'];
  close(): Promise<void>;
}

/**
 * Planners and appliers for kinds diffed against other systems, as the flags and environment ask.
 * Their clients (undici, the AWS SDK) are imported only when asked for, so plain runs start faster.
 */
export async function openExtraKinds(flags: ExtraKindFlags, principals?: Record<string, string>, iam?: IamOptions): Promise<ExtraKinds> {
  const planners: Planner[] = [];
  const appliers: ChangeApplier[] = [];
  const closers: (() => Promise<void>)[] = [];
  const registryOptions = schemaRegistryOptions({
    ...(flags['schema-registry-url'] ? { url: flags['schema-registry-url'] } : {}),
    ...(flags['schema-registry-user'] ? { user: flags['schema-registry-user'] } : {}),
    ...(flags['schema-registry-ca'] ? { caFile: flags['schema-registry-ca'] } : {}),
  });
  if (registryOptions) {
    const { httpSchemaRegistry, schemaApplier, schemaPlanner } = await import('../schema/index.js');
    const registry = httpSchemaRegistry(registryOptions);
    planners.push(schemaPlanner(registry, { inlineSchemas: flags['inline-schemas'] ?? false }));
    appliers.push(schemaApplier(registry));
    closers.push(() => registry.close());
  }
  if (flags.emitter?.includes('scram')) {
    const clusterArn = flags['msk-cluster-arn'];
    if (!clusterArn) {
      throw new SpecmeshError('The scram emitter needs the MSK cluster', { fix: 'Pass --msk-cluster-arn arn:aws:kafka:<region>:<account>:cluster/<name>/<uuid> (or set SPECMESH_MSK_CLUSTER_ARN).' });
    }
    const { openScram } = await import('../scram/index.js');
    const scram = openScram({
      clusterArn,
      ...(flags['kms-key-id'] ? { kmsKeyId: flags['kms-key-id'] } : {}),
      createKmsKey: flags['create-kms-key'] ?? false,
      rotateSecrets: flags['rotate-secrets'] ?? false,
      deleteSecrets: flags['delete-secrets'] ?? false,
      ...(principals ? { principals } : {}),
      aws: {
        ...(flags['aws-region'] ? { region: flags['aws-region'] } : {}),
        ...(flags['aws-profile'] ? { profile: flags['aws-profile'] } : {}),
        ...(flags['aws-endpoint'] ? { endpoint: flags['aws-endpoint'] } : {}),
      },
    });
    planners.push(scram.planner);
    appliers.push(scram.applier);
    closers.push(async () => scram.close());
  }
  let readIam: ExtraKinds['readIam'];
  if (flags['iam-manage']) {
    if (!flags.emitter?.includes('iam')) {
      throw new SpecmeshError('--iam-manage manages the iam emitter\'s policies', { fix: 'Add --emitter iam (with --msk-cluster-arn and --iam-role-template or --iam-role-map).' });
    }
    // Without the cluster ARN the plan itself reports what is missing, before anything is read.
    if (iam) {
      const { openIam } = await import('../iam/manage/index.js');
      const managed = openIam({ iam, aws: {
        ...(flags['aws-region'] ? { region: flags['aws-region'] } : {}),
        ...(flags['aws-profile'] ? { profile: flags['aws-profile'] } : {}),
        ...(flags['aws-endpoint'] ? { endpoint: flags['aws-endpoint'] } : {}),
      } });
      readIam = managed.read;
      appliers.push(managed.applier);
      closers.push(async () => managed.close());
    }
  }
  return { planners, appliers, ...(readIam ? { readIam } : {}), close: async () => { await Promise.all(closers.map((c) => c())); } };
}
