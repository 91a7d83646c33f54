// Drives the broker's emulated MSK IAM (msk-iam-broker.ts) from tests: which cluster it is, the
// AWS credentials AWS would know (as moto's STS or IAM issued them), the identity policies IAM holds
// for each principal (read back from moto, never written by hand), and MSK's connection rate limit.
// Reads the validator's and authorizer's decisions from its events file.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import {
  GetPolicyCommand, GetPolicyVersionCommand, GetRolePolicyCommand, GetUserPolicyCommand, IAMClient, ListAttachedRolePoliciesCommand,
  ListAttachedUserPoliciesCommand, ListRolePoliciesCommand, ListUserPoliciesCommand,
} from '@aws-sdk/client-iam';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import type { MskIamTestInfo } from './msk-iam-broker.js';

export interface RegisteredCredential {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  /** The caller's ARN as STS reports it (an assumed-role session ARN, or an IAM user ARN). */
  principalArn: string;
  /** Milliseconds since the epoch, for temporary credentials. */
  expiration?: number;
}

interface State {
  clusterArn?: string;
  credentials?: RegisteredCredential[];
  policies?: Record<string, unknown[]>;
  maxConnectsPerSecond?: number;
  refuseNextConnects?: { id: string; count: number };
  motoEndpoint?: string;
}

export interface MskIamEvent {
  time: string;
  event: 'authenticated' | 'refused' | 'throttled' | 'denied' | 'state-unreadable';
  requestId?: string;
  listener?: string;
  accessKeyId?: string;
  principal?: string;
  reason?: string;
  amzDate?: string;
  expiresAt?: string;
  action?: string;
  resource?: string;
  decision?: string;
  operation?: string;
  resourceType?: string;
  resourceName?: string;
}

/** AWS SDK client settings for moto (any key works for moto itself while it does not enforce IAM). */
export interface MotoAccess {
  endpoint: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
}

export class MskIamControl {
  constructor(readonly info: MskIamTestInfo) {}

  private read(): State {
    return JSON.parse(readFileSync(this.info.stateFile, 'utf8')) as State;
  }

  private update(change: (s: State) => void): void {
    const s = this.read();
    change(s);
    const tmp = `${this.info.stateFile}.${process.pid}.tmp`;
    writeFileSync(tmp, `${JSON.stringify(s, null, 2)}\n`);
    renameSync(tmp, this.info.stateFile);
  }

  /** The MSK cluster the broker is: resource ARNs are built from its name and uuid, tokens must be for its region. */
  setCluster(clusterArn: string): void {
    this.update((s) => { s.clusterArn = clusterArn; });
  }

  /** Access keys the tests did not register are looked up in this moto (which issued them), as AWS knows every key it issued. */
  setMotoEndpoint(endpoint: string): void {
    this.update((s) => { s.motoEndpoint = endpoint; });
  }

  /** Tells the validator an access key's secret, as AWS knows it. */
  registerCredential(c: RegisteredCredential): void {
    this.update((s) => {
      s.credentials = [...(s.credentials ?? []).filter((x) => x.accessKeyId !== c.accessKeyId), c];
    });
  }

  /** MSK's limit of new connections per second per broker (default 100). */
  setMaxConnectsPerSecond(n: number): void {
    this.update((s) => { s.maxConnectsPerSecond = n; });
  }

  /** The next `count` new connections are refused with "Too many connects", whatever the rate. */
  refuseNextConnects(count: number): void {
    this.update((s) => { s.refuseNextConnects = { id: `${process.pid}-${Date.now()}-${Math.random()}`, count }; });
  }

  /** The identity policies IAM holds for these principals (role or user ARNs), read from moto, become what the broker enforces. */
  async syncPoliciesFromIam(moto: MotoAccess, principals: readonly string[]): Promise<Record<string, unknown[]>> {
    const iam = new IAMClient({ endpoint: moto.endpoint, region: moto.region, credentials: moto.credentials });
    try {
      const read: Record<string, unknown[]> = {};
      for (const arn of principals) read[arn] = await policiesOf(iam, arn);
      this.update((s) => { s.policies = { ...(s.policies ?? {}), ...read }; });
      return read;
    } finally {
      iam.destroy();
    }
  }

  /** Events from byte `offset` of the events file on (take `eventsOffset()` before the action). */
  events(offset = 0): MskIamEvent[] {
    const text = readFileSync(this.info.eventsFile).subarray(offset).toString('utf8');
    return text.split('\n').filter(Boolean).map((l) => JSON.parse(l) as MskIamEvent);
  }

  eventsOffset(): number {
    return readFileSync(this.info.eventsFile).length;
  }
}

const decode = (doc: string | undefined): unknown => JSON.parse(decodeURIComponent(doc ?? '{}'));

/** Every policy IAM applies to a role or user: attached managed policies (default version) and inline ones. */
export async function policiesOf(iam: IAMClient, arn: string): Promise<unknown[]> {
  const m = /^arn:aws[a-z-]*:iam::\d{12}:(role|user)\/(?:.*\/)?([^/]+)$/.exec(arn);
  if (!m) throw new Error(`not a role or user ARN: ${arn}`);
  const [, kind, name] = m as unknown as [string, 'role' | 'user', string];
  const attached = kind === 'role'
    ? (await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: name }))).AttachedPolicies ?? []
    : (await iam.send(new ListAttachedUserPoliciesCommand({ UserName: name }))).AttachedPolicies ?? [];
  const docs: unknown[] = [];
  for (const p of attached) {
    const policy = await iam.send(new GetPolicyCommand({ PolicyArn: p.PolicyArn }));
    const version = await iam.send(new GetPolicyVersionCommand({ PolicyArn: p.PolicyArn, VersionId: policy.Policy?.DefaultVersionId }));
    docs.push(decode(version.PolicyVersion?.Document));
  }
  const inline = kind === 'role'
    ? (await iam.send(new ListRolePoliciesCommand({ RoleName: name }))).PolicyNames ?? []
    : (await iam.send(new ListUserPoliciesCommand({ UserName: name }))).PolicyNames ?? [];
  for (const policyName of inline) {
    const doc = kind === 'role'
      ? (await iam.send(new GetRolePolicyCommand({ RoleName: name, PolicyName: policyName }))).PolicyDocument
      : (await iam.send(new GetUserPolicyCommand({ UserName: name, PolicyName: policyName }))).PolicyDocument;
    docs.push(decode(doc));
  }
  return docs;
}

/** Temporary credentials of a role from moto's STS, as an application would get them, registered with the broker. */
export async function assumeRole(moto: MotoAccess, control: MskIamControl, roleArn: string, sessionName = 'specmesh-test', durationSeconds = 3600): Promise<RegisteredCredential> {
  const sts = new STSClient({ endpoint: moto.endpoint, region: moto.region, credentials: moto.credentials });
  try {
    const r = await sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: sessionName, DurationSeconds: durationSeconds }));
    const c = r.Credentials;
    if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken || !r.AssumedRoleUser?.Arn) throw new Error(`AssumeRole ${roleArn} returned no credentials`);
    const cred: RegisteredCredential = {
      accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken,
      principalArn: r.AssumedRoleUser.Arn, ...(c.Expiration ? { expiration: c.Expiration.getTime() } : {}),
    };
    control.registerCredential(cred);
    return cred;
  } finally {
    sts.destroy();
  }
}
