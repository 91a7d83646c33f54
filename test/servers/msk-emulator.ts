// An emulator of the MSK control-plane routes moto lacks, on 127.0.0.1: ListScramSecrets,
// BatchAssociateScramSecret, BatchDisassociateScramSecret, GetBootstrapBrokers, DescribeCluster,
// DescribeClusterV2 and Get/Put/DeleteClusterPolicy, with the REST paths and JSON shapes of @aws-sdk/client-kafka. It enforces
// MSK's rules (msk-emulator-rules.ts) against the secrets and keys in moto, and does what MSK does
// with associated secrets (msk-emulator-clusters.ts): they become SCRAM users of the real broker.
//
// Every other request (Secrets Manager, KMS, IAM, STS) is passed through to moto unchanged, Host
// header included so SigV4 signatures still verify: one endpoint serves every service the SCRAM
// emitter calls, as `--aws-endpoint` expects. Test-only control routes live under /_emulator (see
// msk-emulator-control.ts), so a test worker can drive an emulator global setup started elsewhere.
import { randomUUID } from 'node:crypto';
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { IAMClient } from '@aws-sdk/client-iam';
import { KMSClient } from '@aws-sdk/client-kms';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { KafkaAdminConnection } from './kafka-admin-tools.js';
import { EmulatedClusters, type EmulatedCluster } from './msk-emulator-clusters.js';
import { iamRefusal } from './msk-emulator-iam.js';
import { scramCallRefusal, SERVERLESS_REFUSAL, type CallRefusal } from './msk-emulator-rules.js';
import { MOTO_ACCOUNT, MOTO_TEST_CREDENTIALS } from './moto.js';

export { MSK_MAX_PER_CALL } from './msk-emulator-rules.js';

/** One MSK API request the emulator answered (test control routes excluded), as /_emulator/requests lists them. */
export interface EmulatedRequest {
  /** The MSK operation, e.g. `ListScramSecrets`; `Unknown` for a path MSK does not have. */
  op: string;
  clusterArn?: string;
  status: number;
  /** The error type of a refused request (`TooManyRequestsException`, `BadRequestException`, …). */
  errorType?: string;
}

export interface MskEmulatorOptions {
  /** moto's endpoint: where the secrets and keys MSK reads live, and where other requests go. */
  motoEndpoint: string;
  region?: string;
  account?: string;
  /** The broker associated secrets become SCRAM users on; without it associations are only recorded. */
  kafka?: KafkaAdminConnection;
  /** Credentials the emulator (as MSK) uses towards moto; needed when moto enforces IAM. */
  credentials?: { accessKeyId: string; secretAccessKey: string };
  port?: number;
}

export interface MskEmulator {
  readonly endpoint: string;
  readonly port: number;
  readonly region: string;
  readonly account: string;
  stop(): Promise<void>;
}

class HttpError extends Error {
  constructor(readonly status: number, readonly type: string, message: string, readonly invalidParameter?: string) {
    super(message);
  }
}

const refused = (r: CallRefusal): HttpError => new HttpError(r.status, r.type, r.message, r.invalidParameter);

/** The MSK operation and cluster a request names, by its method and path. */
function operationOf(method: string, path: string): { op: string; clusterArn?: string } {
  const routes: [RegExp, Record<string, string>][] = [
    [/^\/v1\/clusters\/([^/]+)\/scram-secrets$/, { GET: 'ListScramSecrets', POST: 'BatchAssociateScramSecret', PATCH: 'BatchDisassociateScramSecret' }],
    [/^\/v1\/clusters\/([^/]+)\/bootstrap-brokers$/, { GET: 'GetBootstrapBrokers' }],
    [/^\/v1\/clusters\/([^/]+)\/policy$/, { GET: 'GetClusterPolicy', PUT: 'PutClusterPolicy', DELETE: 'DeleteClusterPolicy' }],
    [/^\/v1\/clusters\/([^/]+)$/, { GET: 'DescribeCluster' }],
    [/^\/api\/v2\/clusters\/([^/]+)$/, { GET: 'DescribeClusterV2' }],
  ];
  for (const [re, ops] of routes) {
    const m = re.exec(path);
    if (m) return { op: ops[method] ?? 'Unknown', clusterArn: decodeURIComponent(m[1]!) };
  }
  return { op: 'Unknown' };
}

/** Paths the emulator answers itself; everything else belongs to moto. */
const OWN_ROUTES = /^\/(v1\/clusters|api\/v2\/clusters|_emulator)(\/|$|\?)/;

export async function startMskEmulator(options: MskEmulatorOptions): Promise<MskEmulator> {
  const region = options.region ?? 'eu-west-1';
  const account = options.account ?? MOTO_ACCOUNT;
  const awsConfig = { region, endpoint: options.motoEndpoint, credentials: options.credentials ?? MOTO_TEST_CREDENTIALS, maxAttempts: 3 };
  const secrets = new SecretsManagerClient(awsConfig);
  const kms = new KMSClient(awsConfig);
  const clusters = new EmulatedClusters({ region, account }, { secrets, kms }, options.kafka);
  const denied = new Set<string>();
  /** Throttling replies still to serve, and served since the last PUT /_emulator/throttle. */
  const throttle = { pending: 0, served: 0 };
  const calls: { op: string; clusterArn: string; count: number }[] = [];
  /** Each cluster's resource policy and its version, as MSK keeps them. */
  const policies = new Map<string, { policy: string; version: number }>();
  const requests: EmulatedRequest[] = [];

  const clusterOf = (arn: string): EmulatedCluster => {
    const c = clusters.get(arn);
    if (!c) throw new HttpError(404, 'NotFoundException', `The specified cluster ARN was not found: ${arn}`, 'clusterArn');
    return c;
  };
  /** When on, every MSK call is checked against the caller's IAM policies in moto (msk-emulator-iam.ts). */
  let enforceIam = false;
  const motoIam = new IAMClient(awsConfig);
  const authorize = async (req: IncomingMessage, action: string, resource: string): Promise<void> => {
    if (!String(req.headers.authorization ?? '').startsWith('AWS4-HMAC-SHA256 ')) {
      throw new HttpError(403, 'ForbiddenException', 'Missing Authentication Token');
    }
    // Tests may also name actions to deny outright.
    if (denied.has(action)) {
      throw new HttpError(403, 'ForbiddenException', `User: arn:aws:iam::${account}:user/specmesh-test is not authorized to perform: ${action} on resource: ${resource}`);
    }
    if (!enforceIam) return;
    const refusal = await iamRefusal(req, action, resource, { endpoint: options.motoEndpoint, iam: motoIam, account });
    if (refusal) throw new HttpError(403, 'AccessDeniedException', refusal);
  };

  async function scramSecrets(req: IncomingMessage, url: URL, arn: string, body: unknown): Promise<[number, unknown]> {
    if (req.method === 'GET') {
      await authorize(req, 'kafka:ListScramSecrets', arn);
      const cluster = clusterOf(arn);
      const refusal = scramCallRefusal(cluster, 'list');
      if (refusal) throw refused(refusal);
      const all = [...cluster.associations.keys()];
      const max = Math.min(Number(url.searchParams.get('maxResults') ?? 100) || 100, 100);
      const from = Number(Buffer.from(url.searchParams.get('nextToken') ?? '', 'base64').toString() || 0);
      const next = from + max < all.length ? Buffer.from(String(from + max)).toString('base64') : undefined;
      return [200, { secretArnList: all.slice(from, from + max), ...(next ? { nextToken: next } : {}) }];
    }
    const op = req.method === 'POST' ? 'BatchAssociateScramSecret' : 'BatchDisassociateScramSecret';
    await authorize(req, `kafka:${op}`, arn);
    const cluster = clusterOf(arn);
    const list = (body as { secretArnList?: unknown }).secretArnList;
    const refusal = scramCallRefusal(cluster, req.method === 'POST' ? 'associate' : 'disassociate', list);
    if (refusal) throw refused(refusal);
    calls.push({ op, clusterArn: arn, count: (list as string[]).length });
    const unprocessed = await (req.method === 'POST' ? clusters.associate(cluster, list as string[]) : clusters.disassociate(cluster, list as string[]));
    // Refusals come back inside a 200 reply, as MSK sends them.
    return [200, { clusterArn: arn, unprocessedScramSecrets: unprocessed.map((u) => ({ ...u.refusal, secretArn: u.arn })) }];
  }

  /** MSK's cluster policy: one resource policy per cluster, replaced whole, guarded by its current version. */
  async function clusterPolicy(req: IncomingMessage, arn: string, body: unknown): Promise<[number, unknown]> {
    const method = req.method ?? 'GET';
    const op = method === 'GET' ? 'GetClusterPolicy' : method === 'PUT' ? 'PutClusterPolicy' : 'DeleteClusterPolicy';
    await authorize(req, `kafka:${op}`, arn);
    clusterOf(arn);
    const held = policies.get(arn);
    if (method === 'GET') {
      if (!held) throw new HttpError(404, 'NotFoundException', `The cluster ${arn} has no cluster policy.`);
      return [200, { currentVersion: String(held.version), policy: held.policy }];
    }
    if (method === 'DELETE') {
      if (!held) throw new HttpError(404, 'NotFoundException', `The cluster ${arn} has no cluster policy.`);
      policies.delete(arn);
      return [200, {}];
    }
    const { policy, currentVersion } = body as { policy?: unknown; currentVersion?: unknown };
    if (typeof policy !== 'string') throw new HttpError(400, 'BadRequestException', 'The policy is required.', 'policy');
    let parsed: { Statement?: unknown };
    try {
      parsed = JSON.parse(policy) as { Statement?: unknown };
    } catch {
      throw new HttpError(400, 'BadRequestException', 'The policy is not valid JSON.', 'policy');
    }
    if (!Array.isArray(parsed.Statement) || parsed.Statement.some((st) => !(st as { Principal?: unknown }).Principal)) {
      throw new HttpError(400, 'BadRequestException', 'A cluster policy needs statements, each with a Principal.', 'policy');
    }
    if (held && currentVersion !== String(held.version)) {
      throw new HttpError(400, 'BadRequestException', `The current version of the cluster policy is ${held.version}, not ${String(currentVersion)}.`, 'currentVersion');
    }
    const version = (held?.version ?? 0) + 1;
    policies.set(arn, { policy, version });
    return [200, { currentVersion: String(version) }];
  }

  async function route(req: IncomingMessage, url: URL, body: unknown): Promise<[number, unknown]> {
    const path = url.pathname;
    const method = req.method ?? 'GET';
    const match = (re: RegExp): RegExpExecArray | null => re.exec(path);
    let m: RegExpExecArray | null;
    if (throttle.pending > 0 && !path.startsWith('/_emulator/')) {
      throttle.pending -= 1;
      throttle.served += 1;
      throw new HttpError(429, 'TooManyRequestsException', 'Too Many Requests');
    }
    m = match(/^\/v1\/clusters\/([^/]+)\/scram-secrets$/);
    if (m && ['GET', 'POST', 'PATCH'].includes(method)) {
      return scramSecrets(req, url, decodeURIComponent(m[1]!), body);
    }
    m = match(/^\/v1\/clusters\/([^/]+)\/policy$/);
    if (m && ['GET', 'PUT', 'DELETE'].includes(method)) {
      return clusterPolicy(req, decodeURIComponent(m[1]!), body);
    }
    m = match(/^\/v1\/clusters\/([^/]+)\/bootstrap-brokers$/);
    if (m && method === 'GET') {
      const arn = decodeURIComponent(m[1]!);
      await authorize(req, 'kafka:GetBootstrapBrokers', arn);
      const c = clusterOf(arn);
      // The broker has a SCRAM listener only: clusters without SCRAM (serverless ones included) list none of it.
      return [200, options.kafka && c.scram ? { bootstrapBrokerStringSaslScram: options.kafka.bootstrap } : {}];
    }
    m = match(/^\/v1\/clusters\/([^/]+)$/);
    if (m && method === 'GET') {
      const arn = decodeURIComponent(m[1]!);
      await authorize(req, 'kafka:DescribeCluster', arn);
      const c = clusterOf(arn);
      if (c.serverless) throw refused(SERVERLESS_REFUSAL);
      return [200, { clusterInfo: { clusterArn: c.arn, clusterName: c.name, state: 'ACTIVE', ...provisionedInfo(c) } }];
    }
    m = match(/^\/api\/v2\/clusters\/([^/]+)$/);
    if (m && method === 'GET') {
      const arn = decodeURIComponent(m[1]!);
      await authorize(req, 'kafka:DescribeClusterV2', arn);
      const c = clusterOf(arn);
      return [200, { clusterInfo: {
        clusterArn: c.arn, clusterName: c.name, state: 'ACTIVE', clusterType: c.serverless ? 'SERVERLESS' : 'PROVISIONED',
        ...(c.serverless ? { serverless: { clientAuthentication: { sasl: { iam: { enabled: true } } } } } : { provisioned: provisionedInfo(c) }),
      } }];
    }
    // ---- test control ----
    if (path === '/_emulator/clusters' && method === 'POST') return [200, { clusterArn: clusters.create(body as object).arn }];
    m = match(/^\/_emulator\/clusters\/([^/]+)\/users$/);
    if (m && method === 'GET') return [200, { users: clusters.users(clusterOf(decodeURIComponent(m[1]!))) }];
    if (path === '/_emulator/sync' && method === 'POST') return [200, { updated: await clusters.sync() }];
    m = match(/^\/_emulator\/clusters\/([^/]+)\/sync$/);
    if (m && method === 'POST') return [200, { updated: await clusters.sync(clusterOf(decodeURIComponent(m[1]!))) }];
    if (path === '/_emulator/deny' && method === 'PUT') {
      denied.clear();
      for (const a of (body as { actions?: string[] }).actions ?? []) denied.add(a);
      return [200, { denied: [...denied] }];
    }
    if (path === '/_emulator/enforce-iam' && method === 'PUT') {
      enforceIam = (body as { enabled?: boolean }).enabled === true;
      return [200, { enforceIam }];
    }
    if (path === '/_emulator/calls' && method === 'GET') return [200, { calls }];
    if (path === '/_emulator/requests' && method === 'GET') return [200, { requests }];
    if (path === '/_emulator/throttle' && method === 'PUT') {
      throttle.pending = Number((body as { count?: number }).count ?? 0);
      throttle.served = 0;
      return [200, { ...throttle }];
    }
    if (path === '/_emulator/throttle' && method === 'GET') return [200, { ...throttle }];
    throw new HttpError(404, 'NotFoundException', `No route for ${method} ${path}`);
  }

  const moto = new URL(options.motoEndpoint);
  const server = createServer((req, res) => {
    if (!OWN_ROUTES.test(req.url ?? '/')) {
      passThrough(req, res, moto);
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const headers: Record<string, string> = { 'content-type': 'application/json', 'x-amzn-requestid': randomUUID() };
        let status: number;
        let payload: unknown;
        try {
          const text = Buffer.concat(chunks).toString('utf8');
          [status, payload] = await route(req, new URL(req.url ?? '/', 'http://127.0.0.1'), text ? (JSON.parse(text) as unknown) : {});
        } catch (e) {
          const err = e instanceof HttpError ? e : new HttpError(500, 'InternalServerErrorException', e instanceof Error ? e.message : String(e));
          status = err.status;
          headers['x-amzn-errortype'] = err.type;
          payload = { message: err.message, ...(err.invalidParameter ? { invalidParameter: err.invalidParameter } : {}) };
        }
        const url = new URL(req.url ?? '/', 'http://127.0.0.1');
        if (!url.pathname.startsWith('/_emulator/')) {
          requests.push({ ...operationOf(req.method ?? 'GET', url.pathname), status, ...(headers['x-amzn-errortype'] ? { errorType: headers['x-amzn-errortype'] } : {}) });
        }
        send(res, status, headers, payload);
      })();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    region,
    account,
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      secrets.destroy();
      kms.destroy();
      motoIam.destroy();
    },
  };
}

function passThrough(req: IncomingMessage, res: ServerResponse, target: URL): void {
  const upstream = request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers }, (up) => {
    res.writeHead(up.statusCode ?? 502, up.headers);
    up.pipe(res);
  });
  upstream.on('error', (e) => {
    if (!res.headersSent) res.writeHead(502, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ message: `moto unreachable: ${e.message}` }));
  });
  req.pipe(upstream);
}

function send(res: ServerResponse, status: number, headers: Record<string, string>, payload: unknown): void {
  res.writeHead(status, headers);
  res.end(JSON.stringify(payload));
}

function provisionedInfo(c: EmulatedCluster) {
  return {
    numberOfBrokerNodes: 1,
    currentBrokerSoftwareInfo: { kafkaVersion: '3.9.x' },
    clientAuthentication: { sasl: { scram: { enabled: c.scram }, iam: { enabled: false } }, unauthenticated: { enabled: false } },
  };
}
