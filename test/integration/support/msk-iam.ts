// What the MSK IAM integration tests share: the broker's IAM listeners and their control, moto (IAM
// and STS) and the MSK emulator, roles made in moto, and Kafka clients that connect as those roles
// through specmesh's own MSK IAM connection code, with aws-msk-iam-sasl-signer-js signing.
import { readFileSync } from 'node:fs';
import { CreateRoleCommand, IAMClient, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { generateAuthTokenFromCredentialsProvider } from 'aws-msk-iam-sasl-signer-js';
import type { KafkaConfig } from 'kafkajs';
import { inject } from 'vitest';
import { kafkaClientConfig, resolveConnection, type ConnectionInputs, type MskIamSigner } from '../../../src/adapters/kafka/connection/index.js';
import { kafkajsConfig, type KafkaTestInfo } from '../../servers/kafka-admin-tools.js';
import { PrincipalClient } from './access-probes.js';
import type { MskIamTestInfo } from '../../servers/msk-iam-broker.js';
import { MskIamControl, assumeRole, type MotoAccess, type RegisteredCredential } from '../../servers/msk-iam-control.js';
import { MskEmulatorControl } from '../../servers/msk-emulator-control.js';
import { useAwsTestServers } from '../../servers/msk-emulator-inject.js';
import type { AwsTestInfo } from '../../servers/msk-emulator-setup.js';

export interface MskIamWorld {
  kafka: KafkaTestInfo;
  iam: MskIamTestInfo;
  aws: AwsTestInfo;
  /** moto itself, for IAM and STS. */
  moto: MotoAccess;
  control: MskIamControl;
  /** A cluster of the MSK emulator, which the broker now is. */
  clusterArn: string;
  account: string;
  region: string;
  stop(): Promise<void>;
}

/** The broker as MSK cluster `name` (made in the MSK emulator), with moto for its IAM. */
export async function useMskIam(name: string): Promise<MskIamWorld> {
  const kafka = inject('kafka');
  const iam = inject('mskIam');
  const { info: aws, stop } = await useAwsTestServers(kafka);
  const clusterArn = await new MskEmulatorControl(aws.endpoint).createCluster({ name, scram: false });
  const control = new MskIamControl(iam);
  control.setCluster(clusterArn);
  control.setMaxConnectsPerSecond(100);
  control.setMotoEndpoint(aws.motoEndpoint);
  return {
    kafka, iam, aws, control, clusterArn, account: aws.account, region: aws.region, stop,
    moto: { endpoint: aws.motoEndpoint, region: aws.region, credentials: { ...aws.credentials } },
  };
}

const trust = (account: string) => JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: 'sts:AssumeRole' }],
});

/** A role in moto that this account may assume, with optional inline policies (as an administrator would write them). */
export async function createRole(world: MskIamWorld, name: string, inlinePolicies: object[] = []): Promise<string> {
  const iam = new IAMClient(world.moto);
  try {
    const role = await iam.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: trust(world.account) }));
    for (const [i, doc] of inlinePolicies.entries()) {
      await iam.send(new PutRolePolicyCommand({ RoleName: name, PolicyName: `${name}-${i}`, PolicyDocument: JSON.stringify(doc) }));
    }
    return role.Role!.Arn!;
  } finally {
    iam.destroy();
  }
}

/** Temporary credentials of the role from moto's STS, registered with the broker as AWS would know them. */
export function credentialsOf(world: MskIamWorld, roleArn: string, sessionName?: string): Promise<RegisteredCredential> {
  return assumeRole(world.moto, world.control, roleArn, sessionName);
}

/** aws-msk-iam-sasl-signer-js signing with these credentials (the library, as specmesh calls it, with a fixed credential source). */
export const signerWith = (cred: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }, region?: string): MskIamSigner =>
  async (aws) => generateAuthTokenFromCredentialsProvider({
    region: region ?? aws.region,
    awsCredentialsProvider: async () => ({ accessKeyId: cred.accessKeyId, secretAccessKey: cred.secretAccessKey, ...(cred.sessionToken ? { sessionToken: cred.sessionToken } : {}) }),
  });

/** Connection inputs for the broker's IAM listener (SASL_SSL, AWS_MSK_IAM, the test CA, the cluster's region). */
export const iamInputs = (world: MskIamWorld, extra: ConnectionInputs = {}): ConnectionInputs => ({
  bootstrapServers: world.iam.bootstrap, saslMechanism: 'AWS_MSK_IAM', sslCaFile: world.iam.caFile, awsRegion: world.region, ...extra,
});

/** A kafkajs config made by specmesh's connection code for the IAM listener, signing as `signer` does. */
export function iamKafkaConfig(world: MskIamWorld, signer: MskIamSigner, opts: { clientId?: string; inputs?: ConnectionInputs } = {}): KafkaConfig {
  const conn = resolveConnection(iamInputs(world, opts.inputs), {}, (f) => readFileSync(f, 'utf8'));
  return kafkaClientConfig(conn, { iamSigner: signer, ...(opts.clientId ? { clientId: opts.clientId } : {}) });
}

/** CLI flags for the IAM listener; credentials come from the environment (`cliCredentialsEnv`). */
export const iamCliArgs = (world: MskIamWorld): string[] => [
  '--bootstrap-server', world.iam.bootstrap, '--sasl-mechanism', 'AWS_MSK_IAM', '--ssl-ca-file', world.iam.caFile, '--aws-region', world.region,
];

/** The environment of a CLI that signs with these credentials (the default AWS credential chain reads them). */
export const cliCredentialsEnv = (cred: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }): Record<string, string> => ({
  AWS_ACCESS_KEY_ID: cred.accessKeyId, AWS_SECRET_ACCESS_KEY: cred.secretAccessKey, ...(cred.sessionToken ? { AWS_SESSION_TOKEN: cred.sessionToken } : {}),
});

/**
 * Makes the group and transaction coordinators' topics exist before probes need them: a fresh
 * broker answers the first joins with COORDINATOR_NOT_AVAILABLE for a while. As the SCRAM super user.
 */
export async function warmUpCoordinators(kafka: KafkaTestInfo, topic: string): Promise<void> {
  const superUser = new PrincipalClient(kafkajsConfig(kafka, { clientId: 'warm-up' }));
  for (const step of [() => superUser.produce(topic), () => superUser.consume(topic, 'warm-up'), () => superUser.transact('warm-up', topic)]) {
    for (let attempt = 1; ; attempt++) {
      try {
        if (await step() === 'allowed') break;
      } catch (e) {
        if (attempt >= 15) throw e;
      }
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
}
