// Policies as code: the CloudFormation template `plan --iam-out --iam-format cloudformation` writes is
// checked by AWS's own linter, cfn-lint (installed from PyPI into .cache by scripts/install-cfn-lint.sh).
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { runFetchScript } from '../servers/fetch-script.js';
import { writeTempFiles } from '../support/temp-specs.js';
import { runCli } from './support/cli.js';
import { writeEstate } from './support/estate.js';

const run = promisify(execFile);
let cfnLint: string;

async function lint(template: string): Promise<{ code: number; out: string }> {
  try {
    const { stdout } = await run(cfnLint, ['--format', 'parseable', '--', template], { timeout: 120_000 });
    return { code: 0, out: stdout };
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string };
    return { code: err.code ?? -1, out: `${err.stdout ?? ''}${err.stderr ?? ''}` };
  }
}

beforeAll(async () => {
  cfnLint = path.join(await runFetchScript('install-cfn-lint.sh', [], (bin) => existsSync(path.join(bin, 'cfn-lint'))), 'cfn-lint');
}, 300_000);

describe('IAM policies as CloudFormation', () => {
  it('writes a template cfn-lint finds nothing wrong with: managed policies on their roles, and the MSK cluster policy', async () => {
    const { dir, domains } = writeEstate('cfn');
    const maps = writeTempFiles({ 'roles.yaml': `${domains[2]}: arn:aws:iam::444455556666:role/payments-connector\n` });
    const out = path.join(maps, 'out');
    const r = await runCli(['plan', '--spec', dir, '--emitter', 'iam', '--msk-cluster-arn', 'arn:aws:kafka:eu-west-1:123456789012:cluster/prod/abcd1234-5678-90ab-cdef-1234567890ab-2',
      '--iam-role-template', 'arn:aws:iam::123456789012:role/specmesh-{domain}', '--iam-role-map', path.join(maps, 'roles.yaml'), '--iam-out', out, '--iam-format', 'cloudformation']);
    expect(r.code, r.stderr).toBe(0);
    const template = path.join(out, 'specmesh-iam.cfn.json');
    const types = Object.values(JSON.parse(readFileSync(template, 'utf8')).Resources as Record<string, { Type: string }>).map((x) => x.Type);
    expect(types.filter((t) => t === 'AWS::IAM::ManagedPolicy')).toHaveLength(domains.length);
    expect(types).toContain('AWS::MSK::ClusterPolicy');
    expect(await lint(template)).toEqual({ code: 0, out: '' });

    // The linter does look: the same template with a role given as a string instead of a list fails it.
    const broken = JSON.parse(readFileSync(template, 'utf8')) as { Resources: Record<string, { Properties: Record<string, unknown> }> };
    const first = Object.values(broken.Resources)[0]!;
    first.Properties.Roles = 'not-a-list';
    const brokenFile = path.join(out, 'broken.cfn.json');
    writeFileSync(brokenFile, JSON.stringify(broken));
    const findings = await lint(brokenFile);
    expect(findings.code).not.toBe(0);
    expect(findings.out).toMatch(/E3012:'not-a-list' is not of type 'array'/);
  });
});
