// The `scram` emitter through the built CLI, as a user runs it: plan and provision with
// --emitter scram (--kms-key-id, --create-kms-key, --rotate-secrets, --aws-endpoint, --aws-region),
// then prove that no password (read back from Secrets Manager) appears in stdout, stderr, the plan
// JSON, or the logs of the servers involved.
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { CreateKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { MskEmulatorControl } from '../servers/msk-emulator-control.js';
import { useAwsTestServers } from '../servers/msk-emulator-inject.js';
import type { AwsTestInfo } from '../servers/msk-emulator-setup.js';
import { PrincipalClient } from './support/access-probes.js';
import { kafkajsConfig } from '../servers/kafka-admin-tools.js';
import { adminConnection, runCli, type CliResult } from './support/cli.js';
import { spec2, writeTempFiles } from '../support/temp-specs.js';

const kafka = inject('kafka');
const tag = `cli${randomBytes(3).toString('hex')}`;
const domains = [`${tag}.orders`, `${tag}.payments`];
const dir = writeTempFiles(Object.fromEntries(domains.map((d) => [`${d}.yaml`,
  spec2(`urn:${d}`, '  _public.events:\n    publish:\n      message: { payload: { type: object } }\n')])));

let aws: AwsTestInfo;
let stopAws: () => Promise<void>;
let clusterArn: string;
let keyArn: string;
const outputs: CliResult[] = [];

const env = (): Record<string, string> => ({
  ...adminConnection(kafka).env,
  AWS_ACCESS_KEY_ID: aws.credentials.accessKeyId,
  AWS_SECRET_ACCESS_KEY: aws.credentials.secretAccessKey,
  AWS_REGION: aws.region,
});

async function cli(command: 'plan' | 'provision', ...extra: string[]): Promise<CliResult> {
  const r = await runCli([command, '--spec', dir, '--emitter', 'scram', '--msk-cluster-arn', clusterArn,
    '--aws-endpoint', aws.endpoint, '--aws-region', aws.region, ...adminConnection(kafka).args, ...extra], env());
  outputs.push(r);
  return r;
}

async function passwords(): Promise<string[]> {
  const sm = new SecretsManagerClient({ region: aws.region, endpoint: aws.endpoint, credentials: aws.credentials });
  try {
    return await Promise.all(domains.map(async (d) =>
      (JSON.parse((await sm.send(new GetSecretValueCommand({ SecretId: `AmazonMSK_specmesh_${d}` }))).SecretString!) as { password: string }).password));
  } finally {
    sm.destroy();
  }
}

const seen = new Set<string>();

beforeAll(async () => {
  ({ info: aws, stop: stopAws } = await useAwsTestServers(kafka));
  clusterArn = await new MskEmulatorControl(aws.endpoint).createCluster({ name: tag });
  const kms = new KMSClient({ region: aws.region, endpoint: aws.endpoint, credentials: aws.credentials });
  keyArn = (await kms.send(new CreateKeyCommand({ Description: 'specmesh CLI test' }))).KeyMetadata!.Arn!;
  kms.destroy();
});

afterAll(async () => {
  await stopAws?.();
});

describe('specmesh provision --emitter scram (CLI)', () => {
  it('plans the secrets with the password (sensitive) and the MSK warnings', async () => {
    const r = await cli('plan', '--kms-key-id', keyArn, '--format', 'json');
    expect(r.code, r.stderr).toBe(0);
    const plan = JSON.parse(r.stdout) as { changes: { kind: string; action: string; id: string; after?: { password?: string } }[]; warnings: { code: string }[] };
    const secrets = plan.changes.filter((c) => c.kind === 'scram-secret');
    expect(secrets.map((c) => [c.action, c.id])).toEqual(domains.map((d) => ['create', `AmazonMSK_specmesh_${d}`]));
    expect(secrets.every((c) => c.after?.password === '(sensitive)')).toBe(true);
    expect(plan.warnings.map((w) => w.code)).toEqual(expect.arrayContaining(['msk-allow-everyone-default', 'msk-admin-acls']));
  });

  it('provisions: secrets created and associated, every domain logs in with its password from Secrets Manager', async () => {
    const r = await cli('provision', '--kms-key-id', keyArn);
    expect(r.code, r.stderr).toBe(0);
    for (const d of domains) expect(r.stdout).toContain(`+ scram-secret AmazonMSK_specmesh_${d}`);
    const pw = await passwords();
    for (const p of pw) seen.add(p);
    for (const [i, d] of domains.entries()) {
      const client = new PrincipalClient(kafkajsConfig(kafka, { clientId: `cli-${d}`, username: d, password: pw[i]! }));
      expect(await client.produce(`${d}._public.events`)).toBe('allowed');
    }
  });

  it('rotates with --rotate-secrets (json output), keeps passwords otherwise', async () => {
    const before = await passwords();
    const same = await cli('provision', '--kms-key-id', keyArn, '--format', 'json');
    expect(same.code, same.stderr).toBe(0);
    expect(await passwords()).toEqual(before);
    const rotated = await cli('provision', '--kms-key-id', keyArn, '--rotate-secrets', '--format', 'json');
    expect(rotated.code, rotated.stderr).toBe(0);
    const after = await passwords();
    for (const p of after) seen.add(p);
    expect(after).toHaveLength(domains.length);
    for (const [i, p] of after.entries()) expect(p, `password of ${domains[i]}`).not.toBe(before[i]);
  });

  it('refuses an alias for --kms-key-id, naming the fix, and changes nothing', async () => {
    const r = await cli('plan', '--kms-key-id', 'alias/aws/secretsmanager');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/is an alias; SCRAM secrets must name their key by id or ARN/);
    expect(r.stderr).toMatch(/fix: It points to arn:aws:kms:\S+, which MSK cannot use either: Pass a customer-managed key/);
  });

  it('plans a key with --create-kms-key', async () => {
    const r = await cli('plan', '--create-kms-key');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/\+ kms-key alias\/specmesh\/msk-scram\//);
  });

  it('never prints or logs a password: stdout, stderr, plan JSON, broker log, AWS server log', () => {
    expect(seen.size).toBe(domains.length * 2);
    const texts = [...outputs.flatMap((o) => [o.stdout, o.stderr]), readFileSync(kafka.logFile, 'utf8'), readFileSync(aws.motoLogFile, 'utf8')];
    for (const text of texts) for (const p of seen) expect(text).not.toContain(p);
  });
});
