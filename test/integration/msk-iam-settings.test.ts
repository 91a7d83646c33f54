// The settings MSK users already keep work as they are: the unprefixed variables of MSK's tools
// and AWS's examples (an IAMLoginModule that assumes a role through STS), and a Java client.properties
// with a named AWS profile. Each connects to the MSK IAM listener and signs for real.
import { randomBytes } from 'node:crypto';
import { copyFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildToolPolicy } from '../../src/iam/tool-policy.js';
import type { RegisteredCredential } from '../servers/msk-iam-control.js';
import { spec2, writeTempFiles } from '../support/temp-specs.js';
import { runCli } from './support/cli.js';
import { createRole, credentialsOf, useMskIam, type MskIamWorld } from './support/msk-iam.js';

const tag = `is${randomBytes(3).toString('hex')}`;
const dir = writeTempFiles({ 'app-api.yaml': spec2(`urn:${tag}.app`, '  _public.events:\n    publish: {}\n') });
let world: MskIamWorld;
let admin: string;
let adminCred: RegisteredCredential;

const plan = () => ['plan', '--spec', dir, '--emitter', 'iam', '--msk-cluster-arn', world.clusterArn, '--iam-role-template', `arn:aws:iam::${world.account}:role/${tag}-{domain}`];

beforeAll(async () => {
  world = await useMskIam(tag);
  admin = await createRole(world, `${tag}-specmesh`, [buildToolPolicy({ emitters: ['iam'], command: 'plan', clusterArn: world.clusterArn, iamManage: false })]);
  await world.control.syncPoliciesFromIam(world.moto, [admin]);
  adminCred = await credentialsOf(world, admin);
});

afterAll(async () => {
  await world?.stop();
});

describe('MSK IAM settings as MSK users keep them', () => {
  it('SECURITY_PROTOCOL, SASL_MECHANISM, SASL_JAAS_CONFIG with awsRoleArn and SASL_CLIENT_CALLBACK_HANDLER_CLASS: specmesh assumes the role through STS', async () => {
    const from = world.control.eventsOffset();
    const run = await runCli(plan(), {
      SPECMESH_BOOTSTRAP_SERVERS: world.iam.bootstrap,
      SPECMESH_SSL_CA_FILE: world.iam.caFile,
      SECURITY_PROTOCOL: 'SASL_SSL',
      SASL_MECHANISM: 'AWS_MSK_IAM',
      SASL_JAAS_CONFIG: `software.amazon.msk.auth.iam.IAMLoginModule required awsRoleArn="${admin}" awsRoleSessionName="${tag}-ci";`,
      SASL_CLIENT_CALLBACK_HANDLER_CLASS: 'software.amazon.msk.auth.iam.IAMClientCallbackHandler',
      // The credentials the role is assumed with, and STS (moto's).
      AWS_ACCESS_KEY_ID: world.aws.credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: world.aws.credentials.secretAccessKey,
      AWS_ENDPOINT_URL_STS: world.aws.motoEndpoint,
    });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`+ topic ${tag}.app._public.events`);
    const auth = world.control.events(from).filter((e) => e.event === 'authenticated');
    expect(auth.map((e) => e.principal)).toEqual([admin]);
    // A session specmesh made itself: not one of the credentials this test registered.
    expect(auth[0]!.accessKeyId).not.toBe(adminCred.accessKeyId);
  });

  it('a client.properties with awsProfileName and a PEM truststore', async () => {
    const files = writeTempFiles({
      credentials: `[msk-admin]\naws_access_key_id = ${adminCred.accessKeyId}\naws_secret_access_key = ${adminCred.secretAccessKey}\naws_session_token = ${adminCred.sessionToken}\n`,
      'client.properties': [
        `bootstrap.servers=${world.iam.bootstrap}`,
        'security.protocol=SASL_SSL',
        'sasl.mechanism=AWS_MSK_IAM',
        'sasl.jaas.config=software.amazon.msk.auth.iam.IAMLoginModule required awsProfileName="msk-admin";',
        'sasl.client.callback.handler.class=software.amazon.msk.auth.iam.IAMClientCallbackHandler',
        'ssl.truststore.type=PEM',
        'ssl.truststore.location=ca.pem',
        '',
      ].join('\n'),
    });
    copyFileSync(world.iam.caFile, path.join(files, 'ca.pem'));
    writeFileSync(path.join(files, 'config'), '');
    const from = world.control.eventsOffset();
    const run = await runCli([...plan(), '--command-config', path.join(files, 'client.properties')], {
      AWS_SHARED_CREDENTIALS_FILE: path.join(files, 'credentials'), AWS_CONFIG_FILE: path.join(files, 'config'),
    });
    expect(run.code, run.stderr).toBe(0);
    expect(world.control.events(from).filter((e) => e.event === 'authenticated').map((e) => [e.principal, e.accessKeyId])).toEqual([[admin, adminCred.accessKeyId]]);
  });
});
