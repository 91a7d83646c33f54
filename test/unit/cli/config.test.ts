import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
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

/** The example config of the README's "Config file and profiles" section, as a user copies it. */
function readmeConfig(): string {
  const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('### Config file and profiles'));
  const block = /```yaml\n([\s\S]*?)```/.exec(section)?.[1];
  if (!block) throw new Error('README.md has no yaml example under "Config file and profiles"');
  return block;
}

describe('one config file shared by every command', () => {
  it("the README's example works with validate, graph and catalog, which ignore the connection and emitter settings", async () => {
    const config = readmeConfig();
    expect(config).toContain('command-config:');
    const { dir } = project(config);
    for (const command of ['validate', 'graph', 'catalog']) {
      const r = await specmesh([command, '--profile', 'prod'], dir);
      expect(r.stderr, command).not.toContain('unknown setting');
      expect(r.code, `${command}: ${r.stderr}`).toBe(0);
    }
  });

  it("plan, storage and consumption take the README example's connection from its profile", async () => {
    const { dir } = project(readmeConfig());
    // No cluster here: each reads the profile's command-config (relative to the config file's folder), which does not exist.
    for (const command of ['plan', 'storage', 'consumption']) {
      const r = await specmesh([command, '--profile', 'prod'], dir);
      expect(r.code, command).toBe(1);
      expect(r.stderr, command).not.toContain('unknown setting');
      expect(r.stderr, command).toContain(path.join(dir, 'prod', 'client.properties'));
    }
  });

  it('a top-level emitter is used by plan and ignored by validate', async () => {
    const { dir } = project('spec: specs\nemitter: [acl]\n');
    const validate = await specmesh(['validate'], dir);
    expect(validate.code, validate.stderr).toBe(0);
    expect(validate.stdout).toContain('3 specs valid');
    const plan = await specmesh(['plan', '--format', 'json'], dir);
    expect(plan.code, plan.stderr).toBe(0);
    expect(JSON.parse(plan.stdout).changes.some((c: { kind: string }) => c.kind === 'acl')).toBe(true);
  });

  it('refuses a setting no command has, at its line, with the one it is near', async () => {
    const { dir } = project('spec: specs\nprofiles:\n  prod:\n    comand-config: prod/client.properties\n');
    for (const command of ['validate', 'plan']) {
      const r = await specmesh([command, '--profile', 'prod'], dir);
      expect(r.code, command).toBe(1);
      expect(r.stderr, command).toContain('specmesh.config.yaml:4: unknown setting "comand-config" (did you mean "command-config"?)');
    }
  });

  it('refuses an emitter in it that no emitter has, instead of planning topics only', async () => {
    const { dir } = project('spec: specs\nemitter: [ACL]\n');
    const r = await specmesh(['plan'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Unknown emitter "ACL" (did you mean "acl"?)');
  });
});
