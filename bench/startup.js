// `npm run bench startup`: how long starting specmesh takes, against starting bare node.
// Each run times, in a rotating order so none always goes first, three processes:
//   bare    `node -e 0`
//   import  `node --input-type=module -e "await import('specmesh')"`, from the repository root (the
//           package resolves by its own name there, through package.json `exports`, to dist/)
//   plan    `node bin/run.js plan --spec specs/`, with a warm spec cache of the benchmark's own
// and divides each by the bare start of the same run; the figures are medians over the runs.
// Env: BENCH_STARTUP_RUNS (15).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

function time(args, env) {
  const start = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: root, env, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const ms = performance.now() - start;
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited ${r.status ?? r.signal}: ${(r.stderr ?? '').slice(-2000)}`);
  return ms;
}

export async function benchStartup({ runs = 15 } = {}) {
  const { name } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  const cacheDir = mkdtempSync(path.join(os.tmpdir(), 'specmesh-bench-startup-'));
  // The cache is the benchmark's own (not the user's), passed as the CLI's env so the command stays as users type it.
  const env = { ...process.env, SPECMESH_CACHE_DIR: cacheDir, NO_COLOR: '1' };
  const commands = {
    bare: ['-e', '0'],
    import: ['--input-type=module', '-e', `await import(${JSON.stringify(name)})`],
    plan: [path.join('bin', 'run.js'), 'plan', '--spec', 'specs/'],
  };
  try {
    // Not counted: fills the spec cache and the file system's.
    for (const args of Object.values(commands)) time(args, env);
    const names = Object.keys(commands);
    const ms = Object.fromEntries(names.map((n) => [n, []]));
    for (let i = 0; i < runs; i++) {
      for (let k = 0; k < names.length; k++) {
        const n = names[(i + k) % names.length];
        ms[n].push(time(commands[n], env));
      }
    }
    const ratio = (n) => +median(ms[n].map((x, i) => x / ms.bare[i])).toFixed(2);
    return {
      name: 'startup',
      runs,
      bareNodeMs: Math.round(median(ms.bare)),
      importMs: Math.round(median(ms.import)),
      importVsBare: ratio('import'),
      planWarmMs: Math.round(median(ms.plan)),
      planWarmVsBare: ratio('plan'),
      commands: {
        bare: 'node -e 0',
        import: `node --input-type=module -e "await import('${name}')" (from the repository root)`,
        plan: 'node bin/run.js plan --spec specs/ (warm spec cache)',
      },
      targets: { importVsBare: 2, planWarmVsBare: 3 },
    };
  } finally {
    rmSync(cacheDir, { recursive: true, force: true });
  }
}
