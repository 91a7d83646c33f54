import { Flags } from './oclif.js';
import { readMapping } from '../adapters/files/read-mapping.js';
import { unknownRegionProblem } from '../aws/regions.js';
import { SpecmeshError } from '../core/errors.js';
import { EMITTERS, type Emitter } from '../emitters/registry.js';
import type { PlanSpecsOptions } from '../orchestrate/plan-specs.js';
import { Session } from '../orchestrate/session.js';
import type { KafkaVariant } from '../spec/kafka-variant.js';
import { connectionInputsFromFlags, type ConnectionFlagValues } from './connection-flags.js';
import { specLoadOptions } from './command-specs.js';

export const planFlags = {
  emitter: Flags.string({ char: 'e', summary: 'Access emitter: acl (Kafka ACLs), scram (MSK SCRAM secrets + their ACLs), iam (MSK IAM policies). Repeatable for multi-auth clusters.', options: [...EMITTERS], multiple: true, default: ['acl'] }),
  'clean-unspecified': Flags.boolean({ summary: 'Plan deletes for topics and ACLs of the planned domains that no spec declares (exact domain boundary).' }),
  state: Flags.string({ summary: 'Diff against a live-state snapshot (JSON/YAML: topics, acls, iamPolicies) instead of a cluster.' }),
  'principal-map': Flags.string({ summary: 'YAML/JSON file mapping domains to Kafka principals (default User:<domain>).' }),
  'msk-cluster-arn': Flags.string({ summary: 'MSK cluster ARN, for the iam emitter: arn:aws:kafka:<region>:<account>:cluster/<name>/<uuid>.', env: 'SPECMESH_MSK_CLUSTER_ARN' }),
  'iam-role-template': Flags.string({ summary: 'IAM role ARN per domain, with {domain}: arn:aws:iam::<account>:role/specmesh-{domain}.' }),
  'iam-role-map': Flags.string({ summary: 'YAML/JSON file mapping domains to IAM role ARNs (wins over --iam-role-template).' }),
  'iam-manage': Flags.boolean({ summary: 'Manage the policies in AWS: plan against the customer managed policies in IAM (under /specmesh/) and the MSK cluster policy; provision creates, updates and attaches them. Uses --aws-profile, --aws-endpoint.', helpGroup: 'MSK IAM' }),
  'iam-shared-role': Flags.boolean({ summary: 'Allow --iam-role-template without {domain}: every domain shares that one role (and each other\'s access).', helpGroup: 'MSK IAM' }),
  'iam-widen-public-reads': Flags.boolean({ summary: 'Let every role read all _public topics (…/*._public.*) instead of only those its spec consumes.' }),
  'kms-key-id': Flags.string({ summary: 'Customer-managed symmetric KMS key (id or ARN) for the SCRAM secrets.', env: 'SPECMESH_KMS_KEY_ID', helpGroup: 'MSK SCRAM' }),
  'create-kms-key': Flags.boolean({ summary: 'Create a customer-managed KMS key with the key policy MSK needs, for the SCRAM secrets.', helpGroup: 'MSK SCRAM' }),
  'rotate-secrets': Flags.boolean({ summary: 'Give existing SCRAM secrets new passwords (default: keep them).', helpGroup: 'MSK SCRAM' }),
  'delete-secrets': Flags.boolean({ summary: 'With --clean-unspecified: delete, not only disassociate, unspecified SCRAM secrets of the planned domains.', helpGroup: 'MSK SCRAM' }),
  'aws-endpoint': Flags.string({ summary: 'AWS endpoint override for every AWS service specmesh calls: Secrets Manager, KMS, MSK, IAM, STS (testing, VPC endpoints).', env: 'SPECMESH_AWS_ENDPOINT', helpGroup: 'MSK SCRAM' }),
  'schema-registry-url': Flags.string({ summary: 'Confluent-compatible schema registry: plan and register the schemas of produced channels. Env: SPECMESH_SCHEMA_REGISTRY_URL.', helpGroup: 'SCHEMAS' }),
  'schema-registry-user': Flags.string({ summary: 'Registry API key (or key:secret). Env: SPECMESH_SCHEMA_REGISTRY_USER; the secret from SPECMESH_SCHEMA_REGISTRY_PASSWORD.', helpGroup: 'SCHEMAS' }),
  'schema-registry-ca': Flags.string({ summary: 'PEM file of the CA that signed the registry\'s certificate. Env: SPECMESH_SCHEMA_REGISTRY_CA.', helpGroup: 'SCHEMAS' }),
  'schema-registry-timeout': Flags.string({ summary: 'Seconds one schema registry call may take, retries included (default 10). Env: SPECMESH_SCHEMA_REGISTRY_TIMEOUT.', helpGroup: 'SCHEMAS' }),
  'inline-schemas': Flags.boolean({ summary: 'Also register payload schemas written inline in the spec (default: only $ref files).', helpGroup: 'SCHEMAS' }),
};

interface RawFlags extends ConnectionFlagValues {
  spec: string[];
  env?: string | undefined;
  'kafka-variant'?: string | undefined;
  'cache-dir'?: string | undefined;
  'no-cache'?: boolean | undefined;
  emitter: string[];
  'clean-unspecified'?: boolean | undefined;
  state?: string | undefined;
  'principal-map'?: string | undefined;
  'msk-cluster-arn'?: string | undefined;
  'iam-role-template'?: string | undefined;
  'iam-role-map'?: string | undefined;
  'iam-widen-public-reads'?: boolean | undefined;
  'iam-shared-role'?: boolean | undefined;
  'iam-manage'?: boolean | undefined;
  'kms-key-id'?: string | undefined;
  'create-kms-key'?: boolean | undefined;
  'rotate-secrets'?: boolean | undefined;
  'delete-secrets'?: boolean | undefined;
  'aws-endpoint'?: string | undefined;
  'schema-registry-url'?: string | undefined;
  'schema-registry-user'?: string | undefined;
  'schema-registry-ca'?: string | undefined;
  'schema-registry-timeout'?: string | undefined;
  'inline-schemas'?: boolean | undefined;
}

/** Turns parsed flags into library options; the CLI adds nothing the library cannot do. */
export async function planOptionsFromFlags(flags: RawFlags): Promise<PlanSpecsOptions> {
  const region = flags['aws-region'];
  const regionProblem = region ? unknownRegionProblem(region, process.env['SPECMESH_ALLOW_UNKNOWN_REGIONS'] === '1') : undefined;
  if (regionProblem) {
    throw new SpecmeshError(`Invalid --aws-region: ${regionProblem}`, { fix: 'Use the cluster\'s region code, e.g. eu-west-1; if AWS opened this region after this release, set SPECMESH_ALLOW_UNKNOWN_REGIONS=1.' });
  }
  const emitters = [...new Set(flags.emitter)] as Emitter[];
  const variant = (flags['kafka-variant'] ?? 'apache') as KafkaVariant;
  const options: PlanSpecsOptions = {
    emitters,
    ...(flags['inline-schemas'] ? { inlineSchemas: true } : {}),
    cleanUnspecified: flags['clean-unspecified'] ?? false,
    ...specLoadOptions(flags),
    kafkaVariant: variant,
    ...(flags.state ? { state: flags.state } : {}),
    ...(flags['principal-map'] ? { principals: await readMapping(flags['principal-map'], 'the principal map') } : {}),
  };
  if (emitters.includes('iam') && flags['msk-cluster-arn']) {
    options.iam = {
      clusterArn: flags['msk-cluster-arn'],
      serverless: variant === 'msk-serverless',
      widenPublicReads: flags['iam-widen-public-reads'] ?? false,
      ...(flags['iam-shared-role'] ? { sharedRole: true } : {}),
      ...(process.env['SPECMESH_ALLOW_UNKNOWN_REGIONS'] === '1' ? { allowUnknownRegions: true } : {}),
      ...(flags['iam-role-template'] ? { roleTemplate: flags['iam-role-template'] } : {}),
      ...(flags['iam-role-map'] ? { roleMapping: await readMapping(flags['iam-role-map'], 'the IAM role map') } : {}),
    };
  }
  if (emitters.includes('scram')) {
    const clusterArn = flags['msk-cluster-arn'];
    if (!clusterArn) {
      throw new SpecmeshError('The scram emitter needs the MSK cluster', { fix: 'Pass --msk-cluster-arn arn:aws:kafka:<region>:<account>:cluster/<name>/<uuid> (or set SPECMESH_MSK_CLUSTER_ARN).' });
    }
    options.scram = {
      clusterArn,
      ...(flags['kms-key-id'] ? { kmsKeyId: flags['kms-key-id'] } : {}),
      createKmsKey: flags['create-kms-key'] ?? false,
      rotateSecrets: flags['rotate-secrets'] ?? false,
      deleteSecrets: flags['delete-secrets'] ?? false,
      ...(flags['aws-region'] ? { awsRegion: flags['aws-region'] } : {}),
    };
  }
  if (flags['iam-shared-role'] && !emitters.includes('iam')) {
    throw new SpecmeshError('--iam-shared-role is about the iam emitter\'s roles', { fix: 'Add --emitter iam, or drop --iam-shared-role.' });
  }
  if (flags['iam-manage'] && !emitters.includes('iam')) {
    throw new SpecmeshError('--iam-manage manages the iam emitter\'s policies', { fix: 'Add --emitter iam (with --msk-cluster-arn and --iam-role-template or --iam-role-map).' });
  }
  return options;
}

/** The run's connections, as the flags (and the environment) describe them; nothing is opened yet. */
export function sessionFromFlags(flags: RawFlags): Session {
  const aws = {
    ...(flags['aws-region'] ? { region: flags['aws-region'] } : {}),
    ...(flags['aws-profile'] ? { profile: flags['aws-profile'] } : {}),
    ...(flags['aws-endpoint'] ? { endpoint: flags['aws-endpoint'] } : {}),
  };
  return new Session({
    // MSK IAM tokens are signed for the cluster's region, which its ARN names.
    ...(flags.state ? {} : { kafka: { ...connectionInputsFromFlags(flags), ...(flags['msk-cluster-arn'] ? { mskClusterArn: flags['msk-cluster-arn'] } : {}) } }),
    schemaRegistry: {
      ...(flags['schema-registry-url'] ? { url: flags['schema-registry-url'] } : {}),
      ...(flags['schema-registry-user'] ? { user: flags['schema-registry-user'] } : {}),
      ...(flags['schema-registry-ca'] ? { caFile: flags['schema-registry-ca'] } : {}),
      ...(flags['schema-registry-timeout'] !== undefined ? { timeout: flags['schema-registry-timeout'] } : {}),
    },
    aws,
    ...(flags['msk-cluster-arn'] ? { mskClusterArn: flags['msk-cluster-arn'] } : {}),
    iamManage: flags['iam-manage'] ?? false,
  });
}
