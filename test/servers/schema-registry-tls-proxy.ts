// An HTTPS gateway in front of the real test registry, as registries are usually deployed: TLS with
// a certificate from a private CA (made here with openssl) and basic auth (API key and secret). It
// forwards every request unchanged; it can also answer the next requests with an error, to exercise
// retries against the real registry behind it. Binds 127.0.0.1 only.
import { mkdtempSync, rmSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { makeTestCertificates } from './test-ca.js';

export interface TlsRegistryProxy {
  /** https URL of the same API path as the upstream URL. */
  url: string;
  /** PEM file of the CA that signed the proxy's certificate. */
  caFile: string;
  username: string;
  password: string;
  /** Requests that reached the proxy (including refused ones). */
  readonly requests: number;
  /** Answer the next `count` requests with `status` instead of forwarding them. */
  failNext(count: number, status: number): void;
  stop(): Promise<void>;
}

export async function startTlsRegistryProxy(upstreamUrl: string, credentials = { username: 'sr-api-key', password: 'sr-api-secret-DO-NOT-LOG' }): Promise<TlsRegistryProxy> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'specmesh-sr-tls-'));
  let certificates: ReturnType<typeof makeTestCertificates>;
  try {
    certificates = makeTestCertificates(dir, 'the HTTPS registry gateway');
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  const { key, cert, caFile } = certificates;
  const upstream = new URL(upstreamUrl);
  const expected = `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`;
  let requests = 0;
  let failures: { count: number; status: number } = { count: 0, status: 0 };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    requests++;
    if (failures.count > 0) {
      failures.count--;
      res.writeHead(failures.status, { 'content-type': 'application/json' }).end(JSON.stringify({ error_code: failures.status * 100, message: 'injected by the test gateway' }));
      return;
    }
    if (req.headers.authorization !== expected) {
      // A careless gateway that echoes what it got: the client must still never print the secret.
      const got = Buffer.from((req.headers.authorization ?? '').replace(/^Basic /, ''), 'base64').toString();
      res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ error_code: 40101, message: `Unauthorized: bad credentials ${got}` }));
      return;
    }
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const target = new URL(req.url ?? '/', `${upstream.protocol}//${upstream.host}`);
    const answer = await fetch(target, {
      method: req.method ?? 'GET',
      headers: { ...(req.headers['content-type'] ? { 'content-type': req.headers['content-type'] } : {}), accept: req.headers.accept ?? '*/*' },
      ...(chunks.length ? { body: Buffer.concat(chunks) } : {}),
    });
    res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' }).end(Buffer.from(await answer.arrayBuffer()));
  };

  const server = createServer({ key, cert }, (req, res) => {
    handle(req, res).catch((e: unknown) => res.writeHead(502).end(String(e)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `https://127.0.0.1:${port}${upstream.pathname}`,
    caFile,
    ...credentials,
    get requests() {
      return requests;
    },
    failNext(count, status) {
      failures = { count, status };
    },
    async stop() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
