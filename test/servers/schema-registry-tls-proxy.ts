// An HTTPS gateway in front of the real test registry, as registries are usually deployed: TLS with
// a certificate from a private CA (made here with openssl) and basic auth (API key and secret). It
// forwards every request unchanged; it can also answer the next requests with an error, to exercise
// retries against the real registry behind it. Binds 127.0.0.1 only.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';

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

function makeCertificates(dir: string): { key: string; cert: string; caFile: string } {
  const run = (args: string[]) => {
    try {
      return execFileSync('openssl', args, { cwd: dir, stdio: 'pipe', timeout: 60_000, killSignal: 'SIGKILL' });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new Error('openssl not found: the HTTPS registry gateway makes its test CA with it (Debian: apt-get install openssl)');
      throw e;
    }
  };
  run(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=specmesh test CA']);
  run(['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=127.0.0.1']);
  writeFileSync(path.join(dir, 'san.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
  run(['x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.pem', '-days', '2', '-extfile', 'san.ext']);
  return { key: readFileSync(path.join(dir, 'server.key'), 'utf8'), cert: readFileSync(path.join(dir, 'server.pem'), 'utf8'), caFile: path.join(dir, 'ca.pem') };
}

export async function startTlsRegistryProxy(upstreamUrl: string, credentials = { username: 'sr-api-key', password: 'sr-api-secret-DO-NOT-LOG' }): Promise<TlsRegistryProxy> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'specmesh-sr-tls-'));
  let certificates: ReturnType<typeof makeCertificates>;
  try {
    certificates = makeCertificates(dir);
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
