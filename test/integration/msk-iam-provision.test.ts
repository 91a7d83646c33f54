// specmesh against an MSK IAM broker, end to end, nothing mocked: it connects with its own MSK IAM
// code (aws-msk-iam-sasl-signer-js signing with temporary credentials from moto's STS), provisions
// a multi-domain estate and its IAM policies (--iam-manage, into moto), and then each domain's role
// proves on the broker that it can do exactly what its spec allows, under the policies IAM holds.
import { randomBytes } from 'node:crypto';
import { generateAuthTokenFromCredentialsProvider } from 'aws-msk-iam-sasl-signer-js';
import { Kafka, logLevel, type LogEntry } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openIamPorts } from '../../src/adapters/aws/open-iam.js';
import type { MskIamSigner } from '../../src/adapters/kafka/connection/index.js';
import { openAdmin } from '../../src/adapters/kafka/open-admin.js';
import { buildToolPolicy } from '../../src/iam/tool-policy.js';
import type { IamPorts } from '../../src/iam/manage/read-iam-state.js';
import { provisionSpecs } from '../../src/orchestrate/provision-specs.js';
import { openSession } from '../../src/orchestrate/session.js';
import { kafkajsConfig } from '../servers/kafka-admin-tools.js';
import type { RegisteredCredential } from '../servers/msk-iam-control.js';
import { PrincipalClient } from './support/access-probes.js';
import { estateProbes, probeEstate } from './support/estate-access.js';
import { runCli } from './support/cli.js';
import { writeEstate } from './support/estate.js';
import { warmUpCoordinators, cliCredentialsEnv, createRole, credentialsOf, iamCliArgs, iamInputs, iamKafkaConfig, signerWith, useMskIam, type MskIamWorld } from './support/msk-iam.js';

const tag = `ip${randomBytes(3).toString('hex')}`;
const { dir, domains } = writeEstate(tag);
const orders = domains[1]!;
let world: MskIamWorld;
let admin: string;
let adminCred: RegisteredCredential;
const creds = new Map<string, RegisteredCredential>();

const roleName = (d: string) => `${tag}-${d}`;
const roleTemplate = () => `arn:aws:iam::${world.account}:role/${tag}-{domain}`;
const cliEnv = (cred: RegisteredCredential) => ({ ...cliCredentialsEnv(cred), AWS_REGION: world.region });
const specmesh = (command: string, ...extra: string[]) => [command, '--spec', dir, '--emitter', 'iam', '--iam-manage', '--msk-cluster-arn', world.clusterArn,
  '--iam-role-template', roleTemplate(), '--aws-endpoint', world.aws.endpoint, ...iamCliArgs(world), ...extra];

/** The access matrix of the last run, printed for the record. */
const matrix: string[] = [];

beforeAll(async () => {
  world = await useMskIam(tag);
  for (const d of domains) await createRole(world, roleName(d));
  // specmesh's own role holds exactly what `specmesh iam tool-policy --emitter iam --for provision` prints.
  admin = await createRole(world, `${tag}-specmesh`, [buildToolPolicy({ emitters: ['iam'], command: 'provision', clusterArn: world.clusterArn, iamManage: true })]);
  await world.control.syncPoliciesFromIam(world.moto, [admin]);
  adminCred = await credentialsOf(world, admin, 'specmesh-ci');
  // Every topic gets a message to read (written by the SCRAM super user), and the group and
  // transaction coordinators exist before the probes need them.
  const k = new Kafka({ ...kafkajsConfig(world.kafka), logLevel: logLevel.NOTHING });
  const a = k.admin();
  await a.connect();
  await a.createTopics({ topics: [{ topic: `${tag}.warm-up`, numPartitions: 1 }], waitForLeaders: true });
  await a.disconnect();
  await warmUpCoordinators(world.kafka, `${tag}.warm-up`);
});

afterAll(async () => {
  if (matrix.length) console.log(`MSK IAM access matrix (${tag}):\n${matrix.join('\n')}`);
  await world?.stop();
});

describe('specmesh on an MSK IAM cluster', () => {
  it('provisions topics and IAM policies over an IAM-authenticated connection, as the role its credentials are a session of', async () => {
    const from = world.control.eventsOffset();
    const run = await runCli(specmesh('provision', '--visibility-timeout', '60', '--auto-approve'), cliEnv(adminCred));
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toMatch(/\+ topic .*order_placed/);
    expect(run.stdout).toMatch(new RegExp(`\\+ iam-policy specmesh-${orders.replaceAll('.', '\\.')} for arn:aws:iam::\\d+:role/${tag}-${orders.replaceAll('.', '\\.')}`));
    const events = world.control.events(from);
    expect(events.filter((e) => e.event === 'authenticated').map((e) => e.principal)).toContain(admin);
    expect(events.filter((e) => e.event !== 'authenticated')).toEqual([]);
    const again = await runCli([...specmesh('plan'), '--detailed-exitcode'], cliEnv(adminCred));
    expect(again.code, again.stdout + again.stderr).toBe(0);
  });

  it('gives each domain\'s role exactly what its spec allows, under the policies IAM holds for it', async () => {
    const roles = domains.map((d) => `arn:aws:iam::${world.account}:role/${roleName(d)}`);
    const held = await world.control.syncPoliciesFromIam(world.moto, roles);
    expect(Object.values(held).every((docs) => docs.length === 1)).toBe(true);
    for (const [d, role] of domains.map((x, i) => [x, roles[i]!] as const)) creds.set(d, await credentialsOf(world, role, `app-${d}`));
    const producer = new Kafka({ ...kafkajsConfig(world.kafka), logLevel: logLevel.NOTHING }).producer();
    await producer.connect();
    for (const d of domains) {
      for (const t of (await listOwnTopics(d))) await producer.send({ topic: t, messages: [{ value: 'seed' }] });
    }
    await producer.disconnect();

    const as = (d: string) => new PrincipalClient(iamKafkaConfig(world, signerWith(creds.get(d)!), { clientId: `probe-${d}` }));
    const probes = estateProbes(domains);
    const { actual, expected } = await probeEstate(probes, 'iam', as, { oneAtATime: true });
    for (const p of probes) matrix.push(`| ${p.name} | ${expected[p.name]} | ${actual[p.name]} |`);
    expect(actual).toEqual(expected);
  });
});

async function listOwnTopics(d: string): Promise<string[]> {
  const a = new Kafka({ ...kafkajsConfig(world.kafka), logLevel: logLevel.NOTHING }).admin();
  await a.connect();
  try {
    return (await a.listTopics()).filter((t) => t.startsWith(`${d}._`));
  } finally {
    await a.disconnect();
  }
}

describe('refused connections: specmesh says why and what to fix', () => {
  const plan = (cred: RegisteredCredential, ...extra: string[]) => runCli([...specmesh('plan'), ...extra], cliEnv(cred));
  /** The same flags, signing for another region. */
  const inRegion = (args: string[], region: string) => args.map((a, i) => (args[i - 1] === '--aws-region' ? region : a));

  it('a role with no policy', async () => {
    const nobody = await createRole(world, `${tag}-nobody`);
    await world.control.syncPoliciesFromIam(world.moto, [nobody]);
    const cred = await credentialsOf(world, nobody);
    const from = world.control.eventsOffset();
    const run = await plan(cred);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`MSK IAM authentication failed for the IAM identity from the default AWS credential chain (access key ${cred.accessKeyId})`);
    expect(run.stderr).toContain(`do not allow kafka-cluster:Connect on ${world.clusterArn}`);
    expect(run.stderr).toMatch(/aws sts get-caller-identity.*specmesh iam tool-policy/s);
    expect(world.control.events(from).find((e) => e.event === 'refused')?.reason).toBe(`${nobody} may not kafka-cluster:Connect on ${world.clusterArn} (IMPLICIT_DENY)`);
  });

  it('a token signed for another region: before dialling when the cluster ARN says where it is, else after MSK refuses it', async () => {
    const early = await runCli(inRegion(specmesh('plan'), 'us-east-1'), cliEnv(adminCred));
    expect(early.code).toBe(1);
    expect(early.stderr).toContain(`MSK IAM tokens would be signed for region us-east-1 (--aws-region), but the cluster ARN (--msk-cluster-arn) says the cluster is in ${world.region}`);
    expect(early.stderr).toContain(`--aws-region ${world.region}`);
    const from = world.control.eventsOffset();
    const late = await runCli(inRegion(['plan', '--spec', dir, ...iamCliArgs(world)], 'us-east-1'), cliEnv(adminCred));
    expect(late.code).toBe(1);
    expect(late.stderr).toMatch(/the token specmesh sent was signed for region us-east-1 \(--aws-region\).*us-east-1 is not the cluster's region/s);
    expect(world.control.events(from).find((e) => e.event === 'refused')?.reason).toContain('host kafka.us-east-1.amazonaws.com is not');
  });

  it('an expired token: MSK refuses it, and specmesh shows when it was signed and expired', async () => {
    const behind: MskIamSigner = async (aws) => {
      vi.useFakeTimers({ now: Date.now() - 20 * 60_000, toFake: ['Date'] });
      try {
        const token = await signerWith(adminCred)(aws);
        return { ...token, expiryTime: token.expiryTime + 20 * 60_000 };
      } finally {
        vi.useRealTimers();
      }
    };
    const e = await openAdmin(iamInputs(world, { mskClusterArn: world.clusterArn }), {}, { iamSigner: behind }).then(() => undefined, (err: Error) => err);
    expect(e?.name).toBe('ConnectionError');
    expect(e?.message).toMatch(/the token had expired at \S+; it was signed at \S+, 20 minutes ago$/);
    expect((e as { fix?: string }).fix).toMatch(/clock/);
  });

  it('expired credentials: refused before dialling', async () => {
    const run = await plan(adminCred);
    expect(run.code).toBe(0);
    const expired = await runCli(specmesh('plan'), { ...cliEnv(adminCred), AWS_CREDENTIAL_EXPIRATION: new Date(Date.now() - 60_000).toISOString() }, { timeoutMs: 60_000 });
    expect(expired.code, expired.stderr).toBe(1);
    expect(expired.stderr).toMatch(/Could not sign an MSK IAM token: the AWS credentials expired at \S+/);
  });

  it('a token altered on its way: MSK refuses it; the broker\'s log says the signature failed', async () => {
    const tampered: MskIamSigner = async (aws) => {
      const { token, expiryTime } = await signerWith(adminCred)(aws);
      const url = new URL(Buffer.from(token, 'base64url').toString());
      url.searchParams.set('X-Amz-Signature', '0'.repeat(64));
      return { token: Buffer.from(url.toString()).toString('base64url'), expiryTime };
    };
    const from = world.control.eventsOffset();
    const e = await openAdmin(iamInputs(world, { mskClusterArn: world.clusterArn }), {}, { iamSigner: tampered }).then(() => undefined, (err: Error) => err);
    expect(e?.message).toContain(`(access key ${adminCred.accessKeyId}) at ${world.iam.bootstrap}`);
    expect(e?.message).toContain('the signature did not verify');
    expect(world.control.events(from).find((x) => x.event === 'refused')?.reason).toContain('signature does not match');
  });
});

describe('long runs and busy brokers', () => {
  // Its first connection was refused once in a loaded full run (never alone): retried, and a real fault still fails all three tries.
  it('re-authenticates with renewed tokens when the broker\'s sessions end during a long provision, and no request fails', { retry: 2 }, async () => {
    // A prefix of each attempt's own, so a retry creates fresh roles and domains.
    const run = `${tag}r${Math.random().toString(36).slice(2, 6)}`;
    const estate = writeEstate(run);
    for (const d of estate.domains) await createRole(world, `${run}-${d}`);
    // Credentials that are always about a minute from expiring, as a refreshing credential source gives
    // them: each token lives a minute, so specmesh signs a new one every few seconds.
    const rolling: MskIamSigner = async (aws) => generateAuthTokenFromCredentialsProvider({
      region: aws.region,
      awsCredentialsProvider: async () => ({ accessKeyId: adminCred.accessKeyId, secretAccessKey: adminCred.secretAccessKey, sessionToken: adminCred.sessionToken!, expiration: new Date(Date.now() + 65_000) }),
    });
    const kafkaLog: string[] = [];
    const logCreator = () => (entry: LogEntry) => { kafkaLog.push(`${entry.label} ${entry.namespace} ${entry.log.message}`); };
    // IAM answers in hundreds of milliseconds (moto in a few): the IAM phase of this provision takes
    // longer than the broker's sessions last.
    const ports = slowIam(openIamPorts(world.clusterArn, { endpoint: world.aws.endpoint, region: world.region, credentials: cliCredentials(adminCred) }), 1500);
    const session = openSession({
      kafka: iamInputs(world, { bootstrapServers: world.iam.reauthBootstrap, mskClusterArn: world.clusterArn }),
      kafkaClient: { iamSigner: rolling, logLevel: logLevel.WARN, logCreator },
      mskClusterArn: world.clusterArn, iamManage: true, ports: { iam: ports },
    });
    const from = world.control.eventsOffset();
    const started = Date.now();
    try {
      const r = await provisionSpecs([estate.dir], {
        emitters: ['iam'], session, cacheDir: false, visibilityTimeoutMs: 30_000,
        iam: { clusterArn: world.clusterArn, roleTemplate: `arn:aws:iam::${world.account}:role/${run}-{domain}` },
      });
      const took = Date.now() - started;
      expect(r.report?.failed, JSON.stringify(r.report?.results.filter((x) => x.status !== 'ok'))).toBe(0);
      expect(r.visible).toBe(true);
      expect(took).toBeGreaterThan(world.iam.reauthMs * 1.5);
    } catch (e) {
      // What the broker refused, and why, is in its events: shown with the failure.
      const refusals = world.control.events(from).filter((x) => x.event !== 'authenticated');
      throw new Error(`${(e as Error).message}\nbroker events other than authentications: ${JSON.stringify(refusals)}`);
    } finally {
      ports.close();
      await session.close();
    }
    const auths = world.control.events(from).filter((e) => e.event === 'authenticated' && e.listener === 'IAMREAUTH');
    expect(auths.length).toBeGreaterThanOrEqual(3);
    expect(new Set(auths.map((e) => e.amzDate)).size).toBeGreaterThanOrEqual(2);
    expect(world.control.events(from).filter((e) => e.event !== 'authenticated')).toEqual([]);
    expect(kafkaLog).toEqual([]);
  });

  it('backs off at least a second when MSK answers "Too many connects", and succeeds', async () => {
    const from = world.control.eventsOffset();
    world.control.refuseNextConnects(2);
    const run = await runCli(specmesh('plan'), cliEnv(adminCred));
    expect(run.code, run.stderr).toBe(0);
    const events = world.control.events(from);
    const throttled = events.filter((e) => e.event === 'throttled');
    expect(throttled).toHaveLength(2);
    const gaps = [...throttled.slice(1), events.find((e) => e.event === 'authenticated')!].map((e, i) => Number(e.time) - Number(throttled[i]!.time));
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(1000);
  });
});

const cliCredentials = (c: RegisteredCredential) => ({ accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey, ...(c.sessionToken ? { sessionToken: c.sessionToken } : {}) });

/** The IAM ports with every call taking `ms` longer, as IAM's own latency does. */
function slowIam(ports: IamPorts & { close(): void }, ms: number): IamPorts & { close(): void } {
  const slow = <T extends object>(target: T): T => new Proxy(target, {
    get(t, key, receiver) {
      const v = Reflect.get(t, key, receiver) as unknown;
      if (typeof v !== 'function') return v;
      return async (...args: unknown[]) => {
        await new Promise((r) => setTimeout(r, ms));
        return (v as (...a: unknown[]) => unknown).apply(t, args);
      };
    },
  });
  return { iam: slow(ports.iam), clusterPolicy: slow(ports.clusterPolicy), close: ports.close };
}
