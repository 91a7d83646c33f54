// The GitHub Action's metadata (action.yml) and the example workflows users copy: valid YAML with
// the keys GitHub accepts, inputs that exist, and the commands that make plan-on-PR, apply-on-merge.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
/** A GitHub Actions expression, `${{ … }}`. */
const expr = (inner: string): string => `\${{ ${inner} }}`;

type Step = Record<string, unknown> & { id?: string; uses?: string; run?: string; with?: Record<string, unknown>; if?: string; env?: Record<string, string> };
interface Job { steps: Step[]; permissions?: Record<string, string>; [key: string]: unknown }
interface Workflow { on: Record<string, unknown>; permissions?: Record<string, string>; concurrency?: Record<string, unknown>; jobs: Record<string, Job> }
interface Action { runs: { using: string; steps: Step[] }; inputs: Record<string, { description: string; default?: string }>; outputs: Record<string, { value: string }> }

function readYaml<T>(file: string): T {
  const doc = parseDocument(readFileSync(path.join(root, file), 'utf8'), { uniqueKeys: true, strict: true });
  expect(doc.errors.map((e) => e.message), file).toEqual([]);
  expect(doc.warnings.map((e) => e.message), file).toEqual([]);
  return doc.toJS() as T;
}

// Keys GitHub's workflow and action schemas allow.
const WORKFLOW_KEYS = ['name', 'run-name', 'on', 'permissions', 'env', 'defaults', 'concurrency', 'jobs'];
const JOB_KEYS = ['name', 'needs', 'permissions', 'if', 'runs-on', 'environment', 'concurrency', 'outputs', 'env', 'defaults', 'steps', 'timeout-minutes', 'strategy', 'continue-on-error', 'container', 'services'];
const STEP_KEYS = ['id', 'if', 'name', 'uses', 'run', 'shell', 'with', 'env', 'continue-on-error', 'timeout-minutes', 'working-directory'];
const ACTION_KEYS = ['name', 'author', 'description', 'inputs', 'outputs', 'runs', 'branding'];

const action = readYaml<Action>('action.yml');
const plan = readYaml<Workflow>('examples/github/plan.yml');
const provision = readYaml<Workflow>('examples/github/provision.yml');
const stepsOf = (w: Workflow): Step[] => Object.values(w.jobs).flatMap((j) => j.steps);
const specmeshSteps = (w: Workflow): Step[] => stepsOf(w).filter((s) => /^[\w.-]+\/specmesh@[\w.-]+$/.test(s.uses ?? ''));

function expectValidSteps(steps: Step[], where: string): void {
  const ids = new Set(steps.map((s) => s.id).filter(Boolean));
  for (const step of steps) {
    expect(Object.keys(step).filter((k) => !STEP_KEYS.includes(k)), where).toEqual([]);
    expect(Number('uses' in step) + Number('run' in step), `${where}: a step has either uses or run`).toBe(1);
    // Every `steps.<id>.outputs` an expression reads is a step of the same job.
    for (const [, id] of JSON.stringify(step).matchAll(/steps\.([\w-]+)\.outputs/g)) expect(ids, where).toContain(id);
  }
}

describe('action.yml', () => {
  it('is a composite action whose plan step runs the script shipped beside it', () => {
    expect(Object.keys(action).filter((k) => !ACTION_KEYS.includes(k))).toEqual([]);
    expect(action.runs.using).toBe('composite');
    expectValidSteps(action.runs.steps, 'action.yml');
    // A composite action's run steps must name their shell.
    expect(action.runs.steps.filter((s) => s.run && !s.shell)).toEqual([]);
    expect(action.runs.steps[0]!.uses).toMatch(/^actions\/setup-node@v\d+$/);
    const install = action.runs.steps.find((s) => s.name === 'Install specmesh')!;
    expect(install.run).toContain('cd "$GITHUB_ACTION_PATH"\nnpm ci --no-audit --no-fund --ignore-scripts\nnpm run build\n');
    const planStep = action.runs.steps.find((s) => s.id === 'plan')!;
    expect(planStep.run).toBe('node "$GITHUB_ACTION_PATH/scripts/github/plan-and-comment.mjs"');
    expect(existsSync(path.join(root, 'scripts/github/plan-and-comment.mjs'))).toBe(true);
    expect(existsSync(path.join(root, 'scripts/github/pr-comment.mjs'))).toBe(true);
    expect(action.outputs).toEqual({
      exitcode: expect.objectContaining({ value: expr('steps.plan.outputs.exitcode') }),
      'has-changes': expect.objectContaining({ value: expr('steps.plan.outputs.has-changes') }),
      'comment-id': expect.objectContaining({ value: expr('steps.plan.outputs.comment-id') }),
    });
  });

  it('uses every input it declares and declares every input it uses', () => {
    const used = new Set([...JSON.stringify(action.runs).matchAll(/inputs\.([\w-]+)/g)].map((m) => m[1]));
    expect([...used].sort()).toEqual(Object.keys(action.inputs).sort());
    for (const [name, input] of Object.entries(action.inputs)) expect(input.description, name).toBeTruthy();
    // The plan step hands each input to the script as INPUT_<NAME>, the token as GITHUB_TOKEN.
    const env = action.runs.steps.find((s) => s.id === 'plan')!.env!;
    for (const name of ['spec', 'args', 'config', 'profile', 'out', 'comment', 'comment-marker', 'pr-number']) {
      expect(env[`INPUT_${name.toUpperCase().replace(/-/g, '_')}`], name).toBe(expr(`inputs.${name}`));
    }
    expect(env['GITHUB_TOKEN']).toBe(expr('inputs.github-token'));
  });
});

describe('the example workflows', () => {
  for (const [file, workflow] of [['plan.yml', plan], ['provision.yml', provision]] as const) {
    it(`${file} has only keys GitHub accepts, and passes the action only inputs it has`, () => {
      expect(Object.keys(workflow).filter((k) => !WORKFLOW_KEYS.includes(k))).toEqual([]);
      for (const [name, job] of Object.entries(workflow.jobs)) {
        expect(Object.keys(job).filter((k) => !JOB_KEYS.includes(k)), name).toEqual([]);
        expect(job['runs-on'], name).toBe('ubuntu-latest');
        expectValidSteps(job.steps, `${file} ${name}`);
      }
      expect(specmeshSteps(workflow).length).toBeGreaterThan(0);
      for (const step of specmeshSteps(workflow)) {
        expect(Object.keys(step.with ?? {}).filter((k) => !(k in action.inputs))).toEqual([]);
      }
    });
  }

  it('plan.yml plans each pull request with the action, may comment, and keeps the saved plan as an artifact', () => {
    expect(Object.keys(plan.on)).toEqual(['pull_request']);
    expect(plan.permissions).toMatchObject({ 'pull-requests': 'write', contents: 'read' });
    const steps = stepsOf(plan);
    expect(steps[0]!.uses).toMatch(/^actions\/checkout@v\d+$/);
    const [planStep] = specmeshSteps(plan);
    expect(planStep!.with).toMatchObject({ spec: 'specs/', out: 'plan.json' });
    const upload = steps.find((s) => /^actions\/upload-artifact@v\d+$/.test(s.uses ?? ''))!;
    expect(upload.with).toMatchObject({ name: 'specmesh-plan', path: 'plan.json' });
    expect(steps.indexOf(upload)).toBeGreaterThan(steps.indexOf(planStep!));
  });

  it('provision.yml applies the reviewed saved plan on a push to main, one run at a time, and nothing without it', () => {
    expect(provision.on).toEqual({ push: expect.objectContaining({ branches: ['main'] }) });
    expect(provision.concurrency).toMatchObject({ 'cancel-in-progress': false });
    expect(provision.permissions).toMatchObject({ actions: 'read', contents: 'read' });
    const steps = stepsOf(provision);
    expect(specmeshSteps(provision).map((s) => s.with)).toEqual([{ 'install-only': 'true' }]);
    // The plan workflow's artifact, by the name plan.yml uploads it under.
    const find = steps.find((s) => s.id === 'find')!;
    expect(find.run).toContain('gh run list --repo "$GITHUB_REPOSITORY" --workflow specmesh-plan.yml --commit "$head_sha"');
    const download = steps.find((s) => /^actions\/download-artifact@v\d+$/.test(s.uses ?? ''))!;
    expect(download.with).toMatchObject({ name: 'specmesh-plan', 'run-id': expr('steps.find.outputs.run-id') });
    expect(steps.find((s) => s.if === "steps.find.outputs.run-id == ''")!.run).toContain('exit 1');
    const apply = steps.at(-1)!;
    expect(apply.run).toBe('specmesh provision --plan plan.json --command-config ci/client.properties');
    // The file names the README tells users to copy them to.
    expect(readFileSync(path.join(root, 'examples/github/plan.yml'), 'utf8')).toMatch(/^# \.github\/workflows\/specmesh-plan\.yml:/);
    expect(readFileSync(path.join(root, 'examples/github/provision.yml'), 'utf8')).toMatch(/^# \.github\/workflows\/specmesh-provision\.yml:/);
  });
});
