// The GitHub Action's scripts, run as the action runs them (child processes with GitHub's
// environment variables), against a local stand-in for GitHub's comments API.
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { spec2, writeTempFiles } from '../../support/temp-specs.js';
import { startFakeGitHub, type FakeGitHub } from './fake-github.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const prComment = path.join(root, 'scripts/github/pr-comment.mjs');
const planAndComment = path.join(root, 'scripts/github/plan-and-comment.mjs');
const TOKEN = 'ghs_secretTokenValue1234567890';
const REPO = 'acme/data-products';
const MARKER = '<!-- specmesh-plan -->';

const dir = writeTempFiles({ 'event.json': JSON.stringify({ action: 'synchronize', pull_request: { number: 7 } }) });
const cacheDir = writeTempFiles({});
// What the person running the tests has exported must not change what the scripts do here.
const cleanEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(SPECMESH_|AWS_|GITHUB_|INPUT_|PR_NUMBER$|RUNNER_)/.test(k)));

let github: FakeGitHub;
let outputs = 0;

beforeAll(async () => {
  github = await startFakeGitHub({ token: TOKEN, repository: REPO, pageSize: 2 });
});
afterAll(async () => {
  await github.close();
});
beforeEach(() => {
  github.comments.clear();
  github.requests.length = 0;
  github.refuse(undefined);
});

interface Run { code: number; stdout: string; stderr: string; outputs: Record<string, string> }

/** Runs a script as the action does; GITHUB_OUTPUT is read back into `outputs`. */
function runScript(script: string, args: string[], env: Record<string, string> = {}): Promise<Run> {
  const outputFile = path.join(dir, `output-${++outputs}`);
  writeFileSync(outputFile, '');
  const fullEnv = {
    ...cleanEnv,
    GITHUB_API_URL: github.url,
    GITHUB_REPOSITORY: REPO,
    GITHUB_TOKEN: TOKEN,
    GITHUB_EVENT_PATH: path.join(dir, 'event.json'),
    GITHUB_OUTPUT: outputFile,
    SPECMESH_CACHE_DIR: cacheDir,
    ...env,
  };
  return new Promise((resolve) => {
    execFile(process.execPath, [script, ...args], { cwd: dir, env: fullEnv }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      const written = Object.fromEntries(readFileSync(outputFile, 'utf8').split('\n').filter(Boolean).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
      resolve({ code, stdout, stderr, outputs: written });
    });
  });
}

/** A port nothing listens on (it was free a moment ago). */
function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function markdownFile(name: string, text: string): string {
  writeFileSync(path.join(dir, name), text);
  return path.join(dir, name);
}

const ours = (issue = 7) => (github.comments.get(issue) ?? []).filter((c) => c.body.startsWith(MARKER));

describe('the pull-request comment script', () => {
  it('creates the plan comment, then updates that same comment on the next run, leaving other comments alone', async () => {
    const other = github.add(7, 'Looks good to me, but check the retention.', 'reviewer');
    const first = await runScript(prComment, [markdownFile('first.md', '### specmesh plan\n\n**3 to create**\n')]);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^Created the plan comment on pull request #7: https:\/\/github.com\/acme\/data-products\/pull\/7#issuecomment-\d+\n$/);
    expect(ours()).toHaveLength(1);
    const id = ours()[0]!.id;
    expect(first.outputs['comment-id']).toBe(String(id));
    expect(ours()[0]!.body).toBe(`${MARKER}\n### specmesh plan\n\n**3 to create**\n`);

    const second = await runScript(prComment, [markdownFile('second.md', '### specmesh plan\n\nNo changes.\n')]);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/^Updated the plan comment on pull request #7/);
    expect(second.outputs['comment-id']).toBe(String(id));
    expect(github.comments.get(7)).toHaveLength(2);
    expect(ours()).toEqual([expect.objectContaining({ id, body: `${MARKER}\n### specmesh plan\n\nNo changes.\n` })]);
    expect(github.comments.get(7)![0]).toEqual(other);
    expect(github.requests.map((r) => r.method)).toEqual(['GET', 'POST', 'GET', 'PATCH']);
  });

  it('finds its comment on a later page of the comments (Link header) and updates it', async () => {
    for (let i = 0; i < 3; i++) github.add(7, `comment ${i}`);
    const mine = github.add(7, `${MARKER}\nold plan`, 'github-actions[bot]');
    github.add(7, 'after the plan');
    const r = await runScript(prComment, [markdownFile('paged.md', 'new plan\n')]);
    expect(r.code).toBe(0);
    expect(github.requests.filter((q) => q.method === 'GET').map((q) => q.url)).toEqual([
      '/repos/acme/data-products/issues/7/comments?per_page=100',
      '/repos/acme/data-products/issues/7/comments?per_page=2&page=2',
      '/repos/acme/data-products/issues/7/comments?per_page=2&page=3',
    ]);
    expect(github.requests.filter((q) => q.method !== 'GET')).toEqual([{ method: 'PATCH', url: `/repos/acme/data-products/issues/comments/${mine.id}` }]);
    expect(mine.body).toBe(`${MARKER}\nnew plan\n`);
    expect(github.comments.get(7)).toHaveLength(5);
  });

  it('does not take over a comment that only quotes the marker, and keeps separate markers apart', async () => {
    const quoting = github.add(7, `Why does the bot write\n> ${MARKER}\nhere?`, 'reviewer');
    const prod = await runScript(prComment, [markdownFile('prod.md', 'prod plan\n'), '--marker', 'specmesh-plan-prod']);
    const dev = await runScript(prComment, [markdownFile('dev.md', 'dev plan\n')]);
    expect([prod.code, dev.code]).toEqual([0, 0]);
    expect(github.comments.get(7)!.map((c) => c.body)).toEqual([quoting.body, '<!-- specmesh-plan-prod -->\nprod plan\n', `${MARKER}\ndev plan\n`]);
  });

  it('cuts a comment over GitHub\'s 65,536 characters, closing what the cut left open, and says so', async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => `| + | acl | \`ALLOW User:acme.d${i} READ on TOPIC PREFIXED "acme.d${i}._public."\` |`);
    const text = `### specmesh plan\n\n<details><summary>all</summary>\n\n${rows.join('\n')}\n\n</details>\n`;
    expect(text.length).toBeGreaterThan(65_536);
    const r = await runScript(prComment, [markdownFile('big.md', text)]);
    expect(r.stderr).toBe('');
    const body = ours()[0]!.body;
    expect(body.length).toBeLessThanOrEqual(65_536);
    expect(body).toMatch(/\n\n<\/details>\n\n> \[!NOTE\]\n> This comment was cut to GitHub's limit of 65,536 characters \(the full text was \d{3},\d{3}\); the whole output is in the job's log\.\n$/);
    expect(body.split('\n').filter((l) => l.startsWith('| + |')).every((l) => l.endsWith('|'))).toBe(true);
  });

  it('explains a refused token (403, 401, 404) with the fix, exits 1 and never prints the token', async () => {
    github.refuse(403);
    const forbidden = await runScript(prComment, [markdownFile('x.md', 'plan\n')]);
    expect(forbidden.code).toBe(1);
    expect(forbidden.stdout).toBe('');
    expect(forbidden.stderr).toBe(
      'error: Listing the comments of pull request #7 in acme/data-products: the token may not write pull-request comments (403). GitHub says: "Resource not accessible by integration". ' +
        'Give the job `permissions: pull-requests: write`. A pull request from a fork gets a read-only token: post its comment from a workflow it triggers (workflow_run).\n',
    );
    github.refuse(undefined);
    const badToken = await runScript(prComment, [path.join(dir, 'x.md')], { GITHUB_TOKEN: 'ghs_wrongToken' });
    expect(badToken.code).toBe(1);
    expect(badToken.stderr).toContain(`the token was refused (401). GitHub says: "Bad credentials". Pass a valid token: \`github-token: \${{ secrets.GITHUB_TOKEN }}\``);
    const otherRepo = await runScript(prComment, [path.join(dir, 'x.md')], { GITHUB_REPOSITORY: 'acme/elsewhere' });
    expect(otherRepo.code).toBe(1);
    expect(otherRepo.stderr).toContain('in acme/elsewhere: not found (404). GitHub says: "Not Found". Check the repository (GITHUB_REPOSITORY) and the pull request number');
    for (const r of [forbidden, badToken, otherRepo]) expect(r.stdout + r.stderr).not.toMatch(/ghs_/);
    expect(github.comments.get(7)).toBeUndefined();
  });

  it('says what is missing: the token, the pull request, an API it cannot reach', async () => {
    const noToken = await runScript(prComment, [path.join(dir, 'x.md')], { GITHUB_TOKEN: '' });
    expect(noToken.stderr).toBe(`error: No GitHub token: pass \`github-token: \${{ secrets.GITHUB_TOKEN }}\` to the action, or set GITHUB_TOKEN.\n`);
    const push = writeTempFiles({ 'event.json': JSON.stringify({ ref: 'refs/heads/main' }) });
    const noPr = await runScript(prComment, [path.join(dir, 'x.md')], { GITHUB_EVENT_PATH: path.join(push, 'event.json') });
    expect(noPr.stderr).toBe('error: No pull request to comment on: this event is not a pull request. Pass --pr <number> (or PR_NUMBER).\n');
    const closed = await freePort();
    const unreachable = await runScript(prComment, [path.join(dir, 'x.md'), '--pr', '9'], { GITHUB_API_URL: `http://127.0.0.1:${closed}` });
    expect(unreachable.stderr).toBe(`error: Listing the comments of pull request #9 in acme/data-products: cannot reach GitHub's API at http://127.0.0.1:${closed} (ECONNREFUSED). Check GITHUB_API_URL.\n`);
    expect([noToken.code, noPr.code, unreachable.code]).toEqual([1, 1, 1]);
  });
});

describe('the action\'s plan step (plan-and-comment)', () => {
  const badSpec = spec2('urn:acme.bad', '  _public.x:\n    bindings:\n      kafka:\n        partitions: 0\n    publish: {}\n');
  const goodSpec = spec2('urn:acme.bad', '  _public.x:\n    bindings:\n      kafka:\n        partitions: 3\n    publish: {}\n');

  it('posts the errors of invalid specs and fails the step; once fixed, the same comment shows the plan and the step passes', async () => {
    const specs = writeTempFiles({ 'bad-api.yaml': badSpec });
    const env = { INPUT_SPEC: specs, INPUT_OUT: path.join(specs, 'plan.json') };
    const failed = await runScript(planAndComment, [], env);
    expect(failed.code).toBe(1);
    expect(failed.outputs).toEqual({ exitcode: '1', 'has-changes': 'false', 'comment-id': String(ours()[0]!.id) });
    expect(failed.stderr).toContain('error: specmesh plan exited 1: its messages are above (and in the comment).');
    const body = ours()[0]!.body;
    expect(body).toContain(`${MARKER}\n### specmesh plan failed\n\n> [!CAUTION]\n> \`specmesh plan\` exited 1: nothing was planned.`);
    expect(body).toMatch(/```text\n.*bad-api\.yaml:10:9: error: Invalid topic "acme\.bad\._public\.x": partitions must be a whole number >= 1 \(got 0\) \[partitions-invalid\]\n {2}fix: Set `partitions` to 1 or more\.\n/);
    expect(readFileSync(path.join(specs, 'bad-api.yaml'), 'utf8')).toBe(badSpec);

    writeFileSync(path.join(specs, 'bad-api.yaml'), goodSpec);
    const planned = await runScript(planAndComment, [], env);
    expect(planned.code).toBe(0);
    expect(planned.outputs).toEqual({ exitcode: '2', 'has-changes': 'true', 'comment-id': failed.outputs['comment-id'] });
    expect(github.comments.get(7)).toHaveLength(1);
    expect(ours()[0]!.body).toMatch(/^<!-- specmesh-plan -->\n### specmesh plan\n\n\*\*\d+ to create, 0 to update, 0 to delete\*\*/);
    expect(ours()[0]!.body).toContain('`acme.bad._public.x` | partitions 3');
    expect(JSON.parse(readFileSync(path.join(specs, 'plan.json'), 'utf8'))).toMatchObject({ formatVersion: expect.any(Number) });
    expect(planned.stderr).not.toMatch(/ghs_/);
  });

  it('passes `args` to specmesh split as a shell splits them, and a plan without changes gives exit code 0', async () => {
    const specs = writeTempFiles({ 'spec dir/orders-api.yaml': goodSpec });
    // The live state of a cluster that already has everything: a saved JSON plan's changes as a snapshot.
    const plan = await new Promise<string>((resolve, reject) => execFile(process.execPath, [path.join(root, 'bin/run.js'), 'plan', '--spec', path.join(specs, 'spec dir'), '--format', 'json'],
      { env: { ...cleanEnv, SPECMESH_CACHE_DIR: cacheDir } }, (e, out) => (e ? reject(e) : resolve(out))));
    const changes = (JSON.parse(plan) as { changes: { kind: string; after: object }[] }).changes;
    writeFileSync(path.join(specs, 'spec dir', 'live state.json'), JSON.stringify({ topics: changes.filter((c) => c.kind === 'topic').map((c) => c.after), acls: changes.filter((c) => c.kind === 'acl').map((c) => c.after) }));
    const r = await runScript(planAndComment, [], { INPUT_SPEC: `"${path.join(specs, 'spec dir', 'orders-api.yaml')}"`, INPUT_ARGS: `--state '${path.join(specs, 'spec dir', 'live state.json')}'` });
    expect(r.stderr).toContain(`specmesh plan --format markdown --detailed-exitcode --spec ${path.join(specs, 'spec dir', 'orders-api.yaml')} --state ${path.join(specs, 'spec dir', 'live state.json')}\n`);
    expect(r.code).toBe(0);
    expect(r.outputs).toMatchObject({ exitcode: '0', 'has-changes': 'false' });
    expect(ours()[0]!.body).toContain('No changes.');
  });
});
