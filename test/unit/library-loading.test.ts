import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Runs a module script in a fresh Node process at the repo root (where `specmesh` resolves to the build) and returns the packages it loaded. */
function packagesLoadedBy(script: string): string[] {
  const probe = `${script}
const { createRequire } = await import('node:module');
const cache = createRequire(import.meta.url).cache;
const names = new Set(Object.keys(cache).filter((k) => k.includes('/node_modules/')).map((k) => {
  const parts = k.split('/node_modules/').at(-1).split('/');
  return parts[0].startsWith('@') ? parts[0] + '/' + parts[1] : parts[0];
}));
process.stdout.write(JSON.stringify([...names].sort()));`;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', probe], { cwd: root, env: { ...process.env, SPECMESH_CACHE_DIR: '', NO_COLOR: '1' }, encoding: 'utf8' });
  return JSON.parse(out) as string[];
}

const CLIENTS = /^(kafkajs|undici|@aws-sdk\/|@smithy\/|aws-msk-iam-sasl-signer-js|@asyncapi\/|@oclif\/)/;

describe('the library root', () => {
  it('loads no client library, parser or CLI framework when imported', () => {
    expect(packagesLoadedBy("await import('specmesh');").filter((p) => CLIENTS.test(p))).toEqual([]);
  });

  it('plans offline without loading kafkajs, the AWS SDK or an HTTP client', () => {
    const loaded = packagesLoadedBy(`const { planSpecs } = await import('specmesh');
const { plan } = await planSpecs(['specs/'], { emitters: ['acl', 'iam'], cacheDir: false, iam: { clusterArn: 'arn:aws:kafka:eu-west-1:123456789012:cluster/c/abcd-1234', roleTemplate: 'arn:aws:iam::123456789012:role/specmesh-{domain}' } });
if (!plan || plan.changes.length === 0) throw new Error('no plan');`);
    expect(loaded.filter((p) => /^(kafkajs|undici|@aws-sdk\/|@smithy\/|@oclif\/)/.test(p))).toEqual([]);
    expect(loaded).toContain('@asyncapi/parser'); // the specs were really parsed, not served from a cache
  });

  it('offers the adapters under subpaths of their own', async () => {
    const names = packagesLoadedBy("const k = await import('specmesh/kafka'); const a = await import('specmesh/aws'); const r = await import('specmesh/schema-registry'); if (!k.KafkajsAdmin || !a.openScram || !a.openIam || !r.httpSchemaRegistry) throw new Error('missing export');");
    expect(names).toEqual(expect.arrayContaining(['kafkajs', 'undici']));
    expect(names.some((n) => n.startsWith('@aws-sdk/'))).toBe(true);
  });
});
