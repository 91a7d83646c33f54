import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { writeTempFiles } from '../../support/temp-specs.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const run = promisify(execFile);
const cleanEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(SPECMESH|AWS)_/.test(k)));

async function specmesh(args: string[], cwd: string) {
  try {
    const { stdout, stderr } = await run(process.execPath, [path.join(root, 'bin/run.js'), ...args], { cwd, env: { ...cleanEnv, NO_COLOR: '1' } });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

const CONFIG = `# settings every profile shares
spec: specs
no-cache: true
profiles:
  prod:
    emitter: [iam]
    msk-cluster-arn: arn:aws:kafka:eu-west-1:123456789012:cluster/prod/abcd-1234-5678
    iam-role-template: arn:aws:iam::123456789012:role/specmesh-{domain}
    sasl-password-env: PROD_KAFKA_PASSWORD
`;

function project(config: string): { dir: string; sub: string } {
  const dir = writeTempFiles({ 'specmesh.config.yaml': config });
  cpSync(path.join(root, 'specs'), path.join(dir, 'specs'), { recursive: true });
  const sub = path.join(dir, 'sub', 'deeper');
  mkdirSync(sub, { recursive: true });
  return { dir, sub };
}

describe('the config file', () => {
  it('is found in a parent folder; a profile chooses the emitter and cluster; flags override it', async () => {
    const { sub } = project(CONFIG);
    const prod = await specmesh(['plan', '--profile', 'prod', '--format', 'json'], sub);
    expect(prod.code, prod.stderr).toBe(0);
    const kinds = new Set(JSON.parse(prod.stdout).changes.map((c: { kind: string }) => c.kind));
    expect(kinds.has('iam-policy')).toBe(true);
    const flagWins = await specmesh(['plan', '--profile', 'prod', '--emitter', 'acl', '--format', 'json'], sub);
    expect(flagWins.code, flagWins.stderr).toBe(0);
    const kindsAcl = new Set(JSON.parse(flagWins.stdout).changes.map((c: { kind: string }) => c.kind));
    expect(kindsAcl.has('acl')).toBe(true);
    expect(kindsAcl.has('iam-policy')).toBe(false);
    const noProfile = await specmesh(['plan', '--profile', 'staging'], sub);
    expect(noProfile.code).toBe(1);
    expect(noProfile.stderr).toContain('no profile "staging"');
    expect(noProfile.stderr).toContain('prod');
  });

  it('refuses a secret written in it, at its line, with how to reference one', async () => {
    const { dir } = project('spec: specs\nprofiles:\n  prod:\n    sasl-password: hunter2\n');
    const r = await specmesh(['plan'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('specmesh.config.yaml:4');
    expect(r.stderr).toContain('sasl-password-env');
    expect(r.stderr).not.toContain('hunter2');
  });

  it('reports bad YAML and unknown settings at their line', async () => {
    const bad = project('spec: specs\nemitter: [acl\n');
    const yaml = await specmesh(['validate'], bad.dir);
    expect(yaml.code).toBe(1);
    expect(yaml.stderr).toMatch(/specmesh\.config\.yaml:\d+: not valid YAML/);
    const unknown = project('spec: specs\nbootstrap-servers: x:9092\n');
    writeFileSync(path.join(unknown.dir, 'extra.txt'), '');
    const r = await specmesh(['validate'], unknown.dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('specmesh.config.yaml:2: unknown setting "bootstrap-servers"');
  });
});
