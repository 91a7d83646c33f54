import { execFile } from 'node:child_process';
import { cpSync, existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { spec2, writeTempFiles } from '../../support/temp-specs.js';

// The built CLI, run as users run it (`npm test` builds first).
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
// A cache of this file's run only: one left by an older build must never answer for this one.
const cacheDir = writeTempFiles({});
// What the person running the tests has exported must not change what the CLI does here.
const cleanEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(SPECMESH_|AWS_)/.test(k)));
const bin = path.join(root, 'bin/run.js');
const run = promisify(execFile);

async function specmesh(args: string[], env: Record<string, string> = {}, cwd = root) {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], { cwd, env: { ...cleanEnv, NO_COLOR: '', FORCE_COLOR: '', SPECMESH_CACHE_DIR: cacheDir, ...env } });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

const ANSI = new RegExp(`${String.fromCharCode(27)}\\[`);

describe('specmesh CLI', () => {
  it('plans the example specs against an empty cluster and says so', async () => {
    const r = await specmesh(['plan', '--spec', 'specs/']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^specmesh plan: 3 specs .* against an empty cluster \(no connection\)/);
    expect(r.stdout).toMatch(/\+ topic acme\.retail\.orders\._public\.order_placed/);
    expect(r.stdout).toMatch(/Plan: \d+ to create, 0 to update, 0 to delete, 0 unchanged\.\n$/);
  });

  it('prints the JSON contract on stdout and nothing else', async () => {
    const r = await specmesh(['plan', '--spec', 'specs/', '--format', 'json']);
    const plan = JSON.parse(r.stdout);
    expect(plan.formatVersion).toBe(1);
    expect(plan.specs.map((s: { domain: string }) => s.domain).sort()).toEqual(['acme.retail', 'acme.retail.orders', 'acme.retail.payments']);
    expect(plan.summary.create).toBe(plan.changes.length);
    expect(Object.keys(plan.summary)).toEqual(['create', 'update', 'delete', 'noop']);
  });

  it('exits 2 with --detailed-exitcode when changes are pending, 0 when none are', async () => {
    expect((await specmesh(['plan', '--spec', 'specs/', '--detailed-exitcode'])).code).toBe(2);
    const plan = JSON.parse((await specmesh(['plan', '--spec', 'specs/', '--format', 'json'])).stdout);
    const state = {
      topics: plan.changes.filter((c: { kind: string }) => c.kind === 'topic').map((c: { after: object }) => ({ ...c.after })),
      acls: plan.changes.filter((c: { kind: string }) => c.kind === 'acl').map((c: { after: object }) => c.after),
    };
    const dir = writeTempFiles({ 'state.json': JSON.stringify(state) });
    const again = await specmesh(['plan', '--spec', 'specs/', '--state', path.join(dir, 'state.json'), '--detailed-exitcode']);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('No changes.');
  });

  it('reports invalid specs with file:line:column and the fix, exit 1, no stack trace, nothing on stdout', async () => {
    const dir = writeTempFiles({ 'bad-api.yaml': spec2('urn:acme.bad', '  _public.x:\n    bindings:\n      kafka:\n        partitions: 0\n    publish: {}\n') });
    const r = await specmesh(['plan', '--spec', dir], {}, dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('bad-api.yaml:10:9: error: Invalid topic "acme.bad._public.x": partitions must be a whole number >= 1 (got 0)');
    expect(r.stderr).toContain('fix: Set `partitions` to 1 or more.');
    expect(r.stderr).not.toMatch(/\n\s+at .+\(.+:\d+:\d+\)/);
  });

  it('reports a missing spec, an unreadable state file and a bad flag value clearly', async () => {
    const missing = await specmesh(['plan', '--spec', 'nope/']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('Spec not found: nope/');
    const state = await specmesh(['plan', '--spec', 'specs/', '--state', 'no-such-state.json']);
    expect(state.code).toBe(1);
    expect(state.stderr).toContain('Cannot read state file no-such-state.json');
    const format = await specmesh(['plan', '--spec', 'specs/', '--format', 'yaml']);
    expect(format.code).toBe(1);
    expect(format.stderr).toMatch(/Expected --format=yaml to be one of: text, markdown, json/);
  });

  it('answers --sasl-password, which is not a flag, with the ways to give the password', async () => {
    for (const args of [['plan', '--spec', 'specs/', '--sasl-password', 'secret'], ['storage', '--spec', 'specs/', '--sasl-password=secret']]) {
      const r = await specmesh(args);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr).toContain('Nonexistent flag');
      expect(r.stderr).toMatch(/fix: .*SPECMESH_SASL_PASSWORD, or pass --sasl-password-file <file>, or put sasl\.jaas\.config in a --command-config file/);
    }
    expect((await specmesh(['plan', '--bogus'])).stderr).not.toContain('fix:');
  });

  it('exits 1 on a usage error, never the 2 that means changes are pending', async () => {
    for (const args of [['plan', '--spec', 'specs/', '--format', 'yaml'], ['plan', '--bogus'], ['plan'], ['validate'], ['plan', '--spec', 'specs/', '--emitter', 'nope']]) {
      const r = await specmesh([...args, '--detailed-exitcode']);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stdout, args.join(' ')).toBe('');
    }
  });

  it('shows the specs\' own warnings in the plan, in every format', async () => {
    const dir = writeTempFiles({ 'a-api.yaml': spec2('urn:acme.a', '  _public.x:\n    publish: {}\n  legacy_topic:\n    subscribe: {}\n') });
    const text = await specmesh(['plan', '--spec', dir], {}, dir);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/! a-api\.yaml:9: "legacy_topic" does not follow/);
    const json = JSON.parse((await specmesh(['plan', '--spec', dir, '--format', 'json'], {}, dir)).stdout);
    expect(json.warnings).toContainEqual(expect.objectContaining({ code: 'consume-unowned', file: 'a-api.yaml', line: 9 }));
    const md = (await specmesh(['plan', '--spec', dir, '--format', 'markdown'], {}, dir)).stdout;
    expect(md).toContain('- `a-api.yaml:9`: "legacy_topic" does not follow the &lt;domain&gt;._public');
  });

  it('colours only when asked, and NO_COLOR wins', async () => {
    expect((await specmesh(['plan', '--spec', 'specs/'])).stdout).not.toMatch(ANSI);
    expect((await specmesh(['plan', '--spec', 'specs/'], { FORCE_COLOR: '1' })).stdout).toMatch(ANSI);
    expect((await specmesh(['plan', '--spec', 'specs/'], { FORCE_COLOR: '1', NO_COLOR: '1' })).stdout).not.toMatch(ANSI);
  });

  it('writes IAM policy documents with --iam-out', async () => {
    const out = writeTempFiles({});
    const r = await specmesh(['plan', '--spec', 'specs/', '--emitter', 'iam', '--msk-cluster-arn', 'arn:aws:kafka:eu-west-1:123456789012:cluster/prod/abcd-1234-5678',
      '--iam-role-template', 'arn:aws:iam::123456789012:role/specmesh-{domain}', '--iam-out', out]);
    expect(r.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['specmesh-acme.retail.json', 'specmesh-acme.retail.orders.json', 'specmesh-acme.retail.payments.json']);
    const doc = JSON.parse(readFileSync(path.join(out, 'specmesh-acme.retail.orders.json'), 'utf8'));
    expect(doc.Version).toBe('2012-10-17');
    expect(JSON.stringify(doc)).not.toContain('kafka-cluster:*');
  });

  it('says --iam-out writes nothing when no emitter plans IAM policies, and leaves no empty folder', async () => {
    const out = path.join(writeTempFiles({}), 'policies');
    const r = await specmesh(['plan', '--spec', 'specs/', '--iam-out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`warning: --iam-out ${out}: the acl emitter plans no IAM policies, so nothing was written (add --emitter iam)`);
    expect(existsSync(out)).toBe(false);
  });

  it('saves the plan with --out, over an existing file too, with the specs\' hashes and no secrets', async () => {
    const dir = writeTempFiles({ 'plan.json': 'old' });
    const file = path.join(dir, 'plan.json');
    const r = await specmesh(['plan', '--spec', 'specs/', '--out', file]);
    expect(r.code, r.stderr).toBe(0);
    const saved = JSON.parse(readFileSync(file, 'utf8'));
    expect(saved).toMatchObject({ formatVersion: 1, type: 'specmesh-saved-plan', inputs: { spec: ['specs/'], emitter: ['acl'] } });
    expect(saved.specsHash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(Object.keys(saved.specFiles).length).toBe(3);
    expect(Object.values(saved.fingerprints).every((f) => f === 'absent')).toBe(true);
    expect(saved.plan.changes.length).toBeGreaterThan(0);
    expect(saved.plan.access.counts.widenings).toBeGreaterThan(0);
    expect(r.stderr).toContain(`Saved the plan to ${file}; apply it with: specmesh provision --plan ${file}\n`);
  });

  it('confirms a saved plan on stderr with the provision command that applies it, the connection settings given included, also with --format json', async () => {
    const dir = writeTempFiles({ 'team.yaml': 'kafka-variant: apache\n' });
    cpSync(path.join(root, 'specs'), path.join(dir, 'specs'), { recursive: true });
    const r = await specmesh(['plan', '--spec', 'specs/', '--config', 'team.yaml', '--out', 'saved plan.json', '--format', 'json'], {}, dir);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).formatVersion).toBe(1);
    expect(r.stderr).toContain("Saved the plan to saved plan.json; apply it with: specmesh provision --plan 'saved plan.json' --config team.yaml\n");
    expect(existsSync(path.join(dir, 'saved plan.json'))).toBe(true);
  });

  it('never repeats a registry secret given as --schema-registry-user key:secret in that confirmation', async () => {
    const dir = writeTempFiles({});
    const r = await specmesh(['plan', '--spec', 'specs/', '--schema-registry-user', 'reg-key:s3cret-value', '--out', path.join(dir, 'plan.json')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(' --schema-registry-user reg-key\n');
    expect(r.stderr + r.stdout).not.toContain('s3cret-value');
  });

  it('refuses --iam-out onto a file with the fix, not a crash', async () => {
    const dir = writeTempFiles({ policies: 'x' });
    const file = path.join(dir, 'policies');
    const r = await specmesh(['plan', '--spec', 'specs/', '--emitter', 'iam', '--msk-cluster-arn', 'arn:aws:kafka:eu-west-1:123456789012:cluster/prod/abcd-1234-5678',
      '--iam-role-template', 'arn:aws:iam::123456789012:role/specmesh-{domain}', '--iam-out', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('is a file');
    expect(r.stderr).not.toContain('unexpected');
  });

  it('answers an unknown command and a stray argument with exit 1 and the usage, and -h with help', async () => {
    const unknown = await specmesh(['plann']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('unknown command "plann"');
    expect(unknown.stderr).toMatch(/plan\s+Show what provisioning/);
    expect(unknown.stderr).toContain('Did you mean "plan"?');
    expect(unknown.stderr).toMatch(/\n {2}iam tool-policy {2}Print the IAM policy/);
    expect(unknown.stderr).toMatch(/\n {2}autocomplete +Display autocomplete/);
    const nearMiss = await specmesh(['local', 'strat']);
    expect(nearMiss.code).toBe(1);
    expect(nearMiss.stderr).toContain('unknown command "local strat"\nDid you mean "local start"?');
    expect(nearMiss.stderr).not.toContain('local:');
    const stray = await specmesh(['plan', 'specs/']);
    expect(stray.code).toBe(1);
    expect(stray.stderr).toContain('unexpected argument "specs/" for plan');
    expect(stray.stderr).toContain('--spec specs/');
    const help = await specmesh(['plan', '-h']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--detailed-exitcode');
  });

  it('validates and fails as JSON documents on stdout with --format json, exit codes unchanged', async () => {
    const ok = await specmesh(['validate', '--spec', 'specs/', '--format', 'json']);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ formatVersion: 1, valid: true, errors: [] });
    expect(JSON.parse(ok.stdout).specs).toHaveLength(3);
    const invalid = path.join(root, 'test/golden/cases/04-invalid-specs/specs');
    for (const command of ['validate', 'plan']) {
      const bad = await specmesh([command, '--spec', invalid, '--format', 'json']);
      expect(bad.code).toBe(1);
      const doc = JSON.parse(bad.stdout);
      expect(doc.formatVersion).toBe(1);
      expect(doc.errors.length).toBeGreaterThan(0);
      for (const e of doc.errors) expect(Object.keys(e).sort()).toEqual(['code', 'column', 'file', 'fix', 'line', 'summary']);
      expect(doc.errors.some((e: { file?: string; line?: number; column?: number }) => /\.ya?ml$/.test(e.file ?? '') && typeof e.line === 'number' && typeof e.column === 'number')).toBe(true);
      expect(doc.errors.some((e: { fix?: string }) => e.fix)).toBe(true);
    }
    const config = await specmesh(['plan', '--spec', 'specs/', '--emitter', 'scram', '--format', 'json']);
    expect(config.code).toBe(1);
    expect(JSON.parse(config.stdout).errors[0]).toMatchObject({ summary: 'The scram emitter needs the MSK cluster' });
    expect(JSON.parse(config.stdout).errors[0].fix).toContain('--msk-cluster-arn');
  });

  it('writes the same policies as Terraform (JSON syntax) or CloudFormation with --iam-format', async () => {
    const arn = 'arn:aws:kafka:eu-west-1:123456789012:cluster/prod/abcd-1234-5678';
    const dir = writeTempFiles({ 'roles.yaml': 'acme.retail.payments: arn:aws:iam::444455556666:role/payments-connector\n' });
    const map = path.join(dir, 'roles.yaml');
    const out = (format: string) => {
      const o = path.join(dir, format);
      return specmesh(['plan', '--spec', 'specs/', '--emitter', 'iam', '--msk-cluster-arn', arn, '--iam-role-template', 'arn:aws:iam::123456789012:role/specmesh-{domain}',
        '--iam-role-map', map, '--iam-out', o, '--iam-format', format]).then((r) => ({ r, o }));
    };
    const json = await out('json');
    expect(json.r.code).toBe(0);
    const doc = (name: string) => JSON.parse(readFileSync(path.join(json.o, name), 'utf8'));

    const tf = await out('terraform');
    expect(tf.r.code).toBe(0);
    expect(readdirSync(tf.o)).toEqual(['specmesh-iam.tf.json']);
    const { resource } = JSON.parse(readFileSync(path.join(tf.o, 'specmesh-iam.tf.json'), 'utf8'));
    expect(Object.keys(resource.aws_iam_policy)).toEqual(['specmesh-acme_retail', 'specmesh-acme_retail_orders', 'specmesh-acme_retail_payments']);
    expect(resource.aws_iam_policy['specmesh-acme_retail_orders']).toMatchObject({ name: 'specmesh-acme.retail.orders', path: '/specmesh/', tags: { 'specmesh:domain': 'acme.retail.orders', 'specmesh:cluster': arn } });
    expect(JSON.parse(resource.aws_iam_policy['specmesh-acme_retail_orders'].policy)).toEqual(doc('specmesh-acme.retail.orders.json'));
    expect(resource.aws_iam_role_policy_attachment['specmesh-acme_retail_orders']).toEqual({ role: 'specmesh-acme.retail.orders', policy_arn: `\${aws_iam_policy.specmesh-acme_retail_orders.arn}` });
    expect(resource.aws_iam_role_policy_attachment['specmesh-acme_retail_payments'].role).toBe('payments-connector');
    expect(resource.aws_msk_cluster_policy.specmesh.cluster_arn).toBe(arn);
    expect(JSON.parse(resource.aws_msk_cluster_policy.specmesh.policy)).toEqual(doc('msk-cluster-policy.json'));

    const cfn = await out('cloudformation');
    expect(cfn.r.code).toBe(0);
    const template = JSON.parse(readFileSync(path.join(cfn.o, 'specmesh-iam.cfn.json'), 'utf8'));
    expect(Object.entries(template.Resources).map(([id, r]) => [id, (r as { Type: string }).Type])).toEqual([
      ['SpecmeshAcmeRetail', 'AWS::IAM::ManagedPolicy'], ['SpecmeshAcmeRetailOrders', 'AWS::IAM::ManagedPolicy'],
      ['SpecmeshAcmeRetailPayments', 'AWS::IAM::ManagedPolicy'], ['SpecmeshMskClusterPolicy', 'AWS::MSK::ClusterPolicy'],
    ]);
    expect(template.Resources.SpecmeshAcmeRetailOrders.Properties).toEqual({
      ManagedPolicyName: 'specmesh-acme.retail.orders', Path: '/specmesh/', Description: 'MSK access of domain acme.retail.orders (specmesh)',
      PolicyDocument: doc('specmesh-acme.retail.orders.json'), Roles: ['specmesh-acme.retail.orders'],
    });
    expect(template.Resources.SpecmeshMskClusterPolicy.Properties).toEqual({ ClusterArn: arn, Policy: doc('msk-cluster-policy.json') });
  });

  it('takes --iam-format only with --iam-out', async () => {
    const r = await specmesh(['plan', '--spec', 'specs/', '--iam-format', 'terraform']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('--iam-out');
  });

  it('prints the IAM policy specmesh itself needs with `iam tool-policy`, and refuses a malformed cluster ARN', async () => {
    const r = await specmesh(['iam', 'tool-policy', '--emitter', 'iam', '--iam-manage', '--for', 'provision', '--msk-cluster-arn', 'arn:aws:kafka:eu-west-1:123456789012:cluster/prod/abcd-1']);
    expect(r.code).toBe(0);
    const policy = JSON.parse(r.stdout) as { Version: string; Statement: { Action: string[] }[] };
    expect(policy.Version).toBe('2012-10-17');
    expect(policy.Statement.flatMap((s) => s.Action)).toEqual(expect.arrayContaining(['iam:CreatePolicy', 'kafka-cluster:CreateTopic', 'kafka:PutClusterPolicy']));
    const bad = await specmesh(['iam', 'tool-policy', '--for', 'plan', '--msk-cluster-arn', 'arn:aws:kafka:eu-west-1:123:cluster/x']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--msk-cluster-arn: "arn:aws:kafka:eu-west-1:123:cluster/x" is not an MSK cluster ARN');
  });

  it('iam tool-policy: no IAM action without --iam-manage, a region AWS does not have refused, and the config file\'s settings used', async () => {
    const arn = 'arn:aws:kafka:eu-west-1:123456789012:cluster/prod/abcd-1';
    const files = await specmesh(['iam', 'tool-policy', '--emitter', 'iam', '--for', 'provision', '--msk-cluster-arn', arn]);
    expect(files.code, files.stderr).toBe(0);
    expect((JSON.parse(files.stdout) as { Statement: { Action: string[] }[] }).Statement.flatMap((s) => s.Action).filter((a) => !a.startsWith('kafka-cluster:'))).toEqual([]);
    const noFor = await specmesh(['iam', 'tool-policy', '--emitter', 'iam']);
    expect(noFor.code).toBe(1);
    expect(noFor.stderr).toContain('iam tool-policy needs --for: the command the policy is for');
    expect(noFor.stderr).toContain('--for plan (a read-only role for pull-request review) or --for provision');
    const typo = await specmesh(['iam', 'tool-policy', '--for', 'plan', '--msk-cluster-arn', 'arn:aws:kafka:eu-wset-1:123456789012:cluster/prod/abcd-1']);
    expect(typo.code).toBe(1);
    expect(typo.stderr).toContain('--msk-cluster-arn names an unknown region');
    expect(typo.stderr).toContain('eu-west-1');
    const dir = writeTempFiles({ 'specmesh.config.yaml': `emitter: [iam]\nmsk-cluster-arn: ${arn}\niam-manage: true\niam-role-template: arn:aws:iam::123456789012:role/specmesh-{domain}\n` });
    const fromConfig = await specmesh(['iam', 'tool-policy', '--for', 'provision'], {}, dir);
    expect(fromConfig.code, fromConfig.stderr).toBe(0);
    const attach = (JSON.parse(fromConfig.stdout) as { Statement: { Action: string[]; Resource: string[] }[] }).Statement.find((s) => s.Action.includes('iam:AttachRolePolicy'));
    expect(attach?.Resource).toEqual(['arn:aws:iam::123456789012:role/specmesh-*']);
  });

  it('refuses a role template that puts every domain under one role unless --iam-shared-role, and regions AWS does not have', async () => {
    const iam = (...extra: string[]) => specmesh(['plan', '--spec', 'specs/', '--emitter', 'iam', '--msk-cluster-arn', 'arn:aws:kafka:eu-west-1:123456789012:cluster/prod/abcd-1', ...extra]);
    const shared = await iam('--iam-role-template', 'arn:aws:iam::123456789012:role/specmesh');
    expect(shared.code).toBe(1);
    expect(shared.stderr).toMatch(/has no \{domain\}: every domain .* would share that one role[\s\S]*pass --iam-shared-role/);
    expect((await iam('--iam-role-template', 'arn:aws:iam::123456789012:role/specmesh', '--iam-shared-role')).code).toBe(0);
    const region = await iam('--iam-role-template', 'arn:aws:iam::123456789012:role/specmesh-{domain}', '--aws-region', 'eu-west-9');
    expect(region.code).toBe(1);
    expect(region.stderr).toContain('Invalid --aws-region: "eu-west-9" is not an AWS region (did you mean eu-west-1, eu-west-2, eu-west-3?)');
    const upper = await iam('--iam-role-template', 'arn:aws:iam::123456789012:role/specmesh-{domain}', '--aws-region', 'EU-WEST-1');
    expect(upper.code).toBe(1);
    expect(upper.stderr).toContain('Invalid --aws-region: "EU-WEST-1" is not an AWS region (did you mean eu-west-1?)');
  });

  it('asks for the cluster ARN when the iam emitter has none', async () => {
    const r = await specmesh(['plan', '--spec', 'specs/', '--emitter', 'iam']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('--msk-cluster-arn');
    expect(r.stderr).not.toContain('No cluster connection');
  });

  it('validates specs without a cluster', async () => {
    const r = await specmesh(['validate', '--spec', 'specs/']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('3 specs valid: acme.retail.orders, acme.retail.payments, acme.retail\n');
  });

  it('draws the example estate with `graph`, as Mermaid by default and as Graphviz dot, offline and the same as its golden files', async () => {
    const mermaid = await specmesh(['graph', '--spec', 'specs/']);
    expect(mermaid.code).toBe(0);
    expect(mermaid.stdout).toBe(readFileSync(path.join(root, 'test/golden/graph/01-example-specs/graph.mmd'), 'utf8'));
    const dot = await specmesh(['graph', '--spec', 'specs/', '--format', 'dot']);
    expect(dot.code).toBe(0);
    expect(dot.stdout).toBe(readFileSync(path.join(root, 'test/golden/graph/01-example-specs/graph.dot'), 'utf8'));
  });

  it('refuses invalid specs in `graph` with the diagnostics validate gives, exit 1 and nothing on stdout', async () => {
    const dir = writeTempFiles({ 'bad-api.yaml': spec2('urn:acme.bad', '  _public.x:\n    bindings:\n      kafka:\n        partitions: 0\n    publish: {}\n') });
    const graph = await specmesh(['graph', '--spec', dir], {}, dir);
    const validate = await specmesh(['validate', '--spec', dir], {}, dir);
    expect(graph.code).toBe(1);
    expect(graph.stdout).toBe('');
    expect(graph.stderr).toContain('bad-api.yaml:10:9: error: Invalid topic "acme.bad._public.x": partitions must be a whole number >= 1 (got 0)');
    expect(graph.stderr).toBe(validate.stderr);
    expect((await specmesh(['graph'])).stderr).toContain('graph needs specs');
    expect((await specmesh(['graph', '--spec', 'specs/', '--format', 'svg'])).code).toBe(1);
  });

  it('documents every command and flag in --help', async () => {
    const r = await specmesh(['plan', '--help']);
    for (const flag of ['--spec', '--emitter', '--format', '--env', '--kafka-variant', '--state', '--out', '--iam-out', '--detailed-exitcode', '--clean-unspecified']) {
      expect(r.stdout).toContain(flag);
    }
    const top = await specmesh(['--help']);
    expect(top.stdout).toMatch(/plan\s+Show what provisioning/);
    expect(top.stdout).toMatch(/validate\s+Check AsyncAPI specs/);
    expect(top.stdout).toMatch(/graph\s+Draw the estate/);
    expect(existsSync(bin)).toBe(true);
  });

  it('names each flag\'s environment variable once in --help', async () => {
    for (const command of ['plan', 'provision', 'validate', 'graph', 'catalog', 'export', 'storage', 'consumption', 'iam tool-policy', 'local start', 'local status', 'local stop']) {
      const help = (await specmesh([...command.split(' '), '--help'])).stdout;
      for (const [, name = ''] of help.matchAll(/\[env: (\w+)\]/g)) {
        expect({ command, name, times: help.split(name).length - 1 }).toEqual({ command, name, times: 1 });
      }
    }
  });

  it('runs the IAM example of `plan --help` as written: the documents land in the --iam-out folder', async () => {
    const help = (await specmesh(['plan', '--help'])).stdout;
    const example = help.split('\n').find((l) => l.includes('--emitter iam'));
    expect(example).toContain('--iam-out policies/');
    const args = [...(example ?? '').matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2] ?? '').slice(2);
    const dir = writeTempFiles({});
    cpSync(path.join(root, 'specs'), path.join(dir, 'specs'), { recursive: true });
    const r = await specmesh(args, {}, dir);
    expect(r.code).toBe(0);
    expect(readdirSync(path.join(dir, 'policies')).sort()).toEqual(['specmesh-acme.retail.json', 'specmesh-acme.retail.orders.json', 'specmesh-acme.retail.payments.json']);
  });
});
