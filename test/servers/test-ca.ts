// A private CA and a certificate for 127.0.0.1/localhost signed by it, made with openssl, for the
// test servers that speak TLS (the registry's HTTPS gateway, the broker's MSK IAM listeners).
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface TestCertificates {
  /** PEM private key (PKCS#8, unencrypted) of the server certificate. */
  key: string;
  /** PEM server certificate for IP 127.0.0.1 and DNS localhost. */
  cert: string;
  /** Path of the CA's PEM certificate, for clients to trust. */
  caFile: string;
  /** Path of a PEM file holding the key, then the certificate (Kafka's PEM keystore). */
  keyAndCertFile: string;
}

/** Makes the CA and the server certificate in `dir` (valid `days` days). */
export function makeTestCertificates(dir: string, user: string, days = 2): TestCertificates {
  const run = (args: string[]) => {
    try {
      return execFileSync('openssl', args, { cwd: dir, stdio: 'pipe', timeout: 60_000, killSignal: 'SIGKILL' });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(`openssl not found: ${user} makes its test CA with it (Debian: apt-get install openssl)`);
      throw e;
    }
  };
  run(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', String(days), '-subj', '/CN=specmesh test CA']);
  run(['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=127.0.0.1']);
  writeFileSync(path.join(dir, 'san.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
  run(['x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.pem', '-days', String(days), '-extfile', 'san.ext']);
  const key = readFileSync(path.join(dir, 'server.key'), 'utf8');
  const cert = readFileSync(path.join(dir, 'server.pem'), 'utf8');
  const keyAndCertFile = path.join(dir, 'server-key-and-cert.pem');
  writeFileSync(keyAndCertFile, `${key.trim()}\n${cert.trim()}\n`, { mode: 0o600 });
  return { key, cert, caFile: path.join(dir, 'ca.pem'), keyAndCertFile };
}
