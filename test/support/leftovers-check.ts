// vitest globalSetup of every project: a test run leaves nothing behind, or it fails naming what.
//
// - Temp files: the test workers (and every process they start) get a temp dir of this run as
//   TMPDIR (leftovers-tmpdir.ts, a setupFile), so os.tmpdir() of a test is that dir. Whatever is
//   still in it when the run ends was left behind by a test; the dir itself is removed either way.
//   A dir of its own rather than a diff of the system's temp dir, so another run going on beside
//   this one (another checkout, an editor's test runner) can neither fail this one nor hide in it.
// - The working tree: untracked and ignored entries that appeared during the run, from
//   `git status`, except the servers' .cache/ (their run folders are fine), node_modules/, dist/
//   and coverage/.
//
// It must stay the first globalSetup of a project: vitest tears them down in reverse order and
// stops at the first teardown that throws, so this one runs after the servers are stopped and its
// failure cannot keep them running. When several projects run, the last teardown checks.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The temp dir of this run: TMPDIR of the test workers, which must leave it empty. */
    testTmpDir: string;
  }
}

interface RunState {
  /** Projects whose teardown has not run yet. */
  users: number;
  tmpDir: string;
  root: string;
  /** Undefined when the tests do not run in a git checkout: then only the temp dir is checked. */
  tree: Set<string> | undefined;
}

// Shared by the projects of one run (each loads this file on its own).
const KEY = Symbol.for('specmesh.test.leftovers');
const shared = globalThis as typeof globalThis & { [KEY]?: RunState };

/** Paths (relative to the repo root) the run may create or change. */
const ALLOWED = /^(\.cache|node_modules|dist|coverage)(\/|$)/;

/** Untracked and ignored entries of the working tree (ignored folders as one entry, `dir/`); undefined outside a git checkout. */
function treeEntries(root: string): Set<string> | undefined {
  let out: string;
  try {
    out = execFileSync('git', ['status', '--porcelain=v1', '-z', '--ignored=matching', '--untracked-files=all'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return undefined;
  }
  const entries = new Set<string>();
  for (const record of out.split('\0')) {
    const status = record.slice(0, 2);
    const file = record.slice(3);
    if ((status === '??' || status === '!!') && file && !ALLOWED.test(file)) entries.add(file);
  }
  return entries;
}

/** `name/ (a, b, c, …)`: a leftover with a glimpse of what is in it, to tell which test made it. */
function describeEntry(dir: string, name: string): string {
  const full = path.join(dir, name);
  try {
    if (!statSync(full).isDirectory()) return name;
    const inside = readdirSync(full).sort();
    const shown = inside.slice(0, 4).join(', ') + (inside.length > 4 ? `, … (${inside.length} entries)` : '');
    return `${name}/ (${inside.length ? shown : 'empty'})`;
  } catch {
    return name;
  }
}

export default function setup({ provide, config }: TestProject): () => Promise<void> {
  const state = shared[KEY] ??= {
    users: 0,
    tmpDir: mkdtempSync(path.join(os.tmpdir(), 'specmesh-test-tmp-')),
    root: config.root,
    tree: treeEntries(config.root),
  };
  state.users += 1;
  provide('testTmpDir', state.tmpDir);
  return async () => {
    state.users -= 1;
    if (state.users > 0) return;
    delete shared[KEY];
    const inTmp = readdirSync(state.tmpDir).sort().map((name) => describeEntry(state.tmpDir, name));
    rmSync(state.tmpDir, { recursive: true, force: true });
    const before = state.tree;
    const inTree = before ? [...treeEntries(state.root) ?? []].filter((e) => !before.has(e)).sort() : [];
    if (inTmp.length === 0 && inTree.length === 0) return;
    const lines = [
      'The tests left files behind; each test must remove what it creates (afterEach/afterAll, onTestFinished, or writeTempFiles in test/support/temp-specs.ts).',
      ...(inTmp.length ? [`In the tests' temp dir ${state.tmpDir} (now removed):`, ...inTmp.map((e) => `  ${e}`)] : []),
      ...(inTree.length ? [`In the working tree ${state.root} (new since the run started; one you added yourself meanwhile counts too):`, ...inTree.map((e) => `  ${e}`)] : []),
    ];
    throw new Error(lines.join('\n'));
  };
}
