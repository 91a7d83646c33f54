// specmesh as users get it: the npm tarball, installed into an empty project from the registry
// (npm's cache first), then run as a CLI, imported as a library and type-checked against.
//
// The tarball is packed from the dist/ that `npm test` (or `npm run test:unit`) has just built, with
// --ignore-scripts: the `prepare` build would otherwise replace dist/ under the unit tests running
// beside this file. Every child process runs on this test's Node (first on PATH, so npm and the
// `specmesh` shim use it too), which is how scripts/node-matrix.sh runs it on other Node versions.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { name: string; version: string };

interface Run { code: number; stdout: string; stderr: string }
interface PackResult { filename: string; size: number; unpackedSize: number; entryCount: number; files: { path: string; size: number }[] }

// Warnings a supported Node must never show a user: engine mismatches, Node's own process warnings
// (the AWS SDK's NodeVersionSupportWarning among them), deprecations.
const NODE_WARNING = /\(node:\d+\)|Warning:|EBADENGINE/;

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'specmesh-package-'));
process.once('exit', () => fs.rmSync(tmp, { recursive: true, force: true }));
const project = path.join(tmp, 'project');
const specmeshBin = path.join(project, 'node_modules', '.bin', 'specmesh');

/** A clean environment: this Node first on PATH; nothing inherited from an enclosing npm run. */
function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(npm_|INIT_CWD$|AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED$|NODE_OPTIONS$|NODE_ENV$|VITEST)/i.test(key)) continue;
    env[key] = value;
  }
  env['PATH'] = `${path.dirname(process.execPath)}${path.delimiter}${process.env['PATH'] ?? ''}`;
  env['NO_COLOR'] = '1';
  env['XDG_CACHE_HOME'] = path.join(tmp, 'cache'); // specmesh's spec cache, if anything uses it
  return { ...env, ...extra };
}

function run(command: string, args: string[], cwd: string, extra: Record<string, string> = {}, timeout = 240_000): Promise<Run> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd, env: childEnv(extra), timeout, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout: String(stdout), stderr: String(stderr) + (error && code === 1 && !stderr ? String(error) : '') });
    });
  });
}

function expectOk(what: string, result: Run): void {
  if (result.code !== 0) throw new Error(`${what} exited ${result.code}\n--- stdout\n${result.stdout.slice(-4000)}\n--- stderr\n${result.stderr.slice(-4000)}`);
}

let pack: PackResult;
let install: Run;

beforeAll(async () => {
  if (!fs.existsSync(path.join(root, 'dist', 'index.js'))) throw new Error('dist/ is missing: run `npm run build` first');
  const packed = await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', tmp], root);
  expectOk('npm pack', packed);
  pack = (JSON.parse(packed.stdout) as PackResult[])[0]!;
  console.log(`tarball ${pack.filename}: ${pack.size} bytes, ${pack.unpackedSize} unpacked, ${pack.entryCount} files`);

  fs.mkdirSync(project);
  fs.writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'uses-specmesh', version: '1.0.0', private: true, type: 'module' }, null, 2));
  fs.cpSync(path.join(root, 'specs'), path.join(project, 'specs'), { recursive: true });
  install = await run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', path.join(tmp, pack.filename)], project,
    { SCARF_ANALYTICS: 'false' });
  expectOk('npm install <tarball>', install);
}, 300_000);

afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('the npm tarball', () => {
  it('holds only what users need: bin, the built code and its types, package.json, README, LICENSE, CHANGELOG', () => {
    const paths = pack.files.map((f) => f.path).sort();
    // Besides the compiled sources: oclif bundled into one file (a faster start) and the build's id (the spec cache's key).
    const built = ['dist/vendor/oclif-core.cjs', 'dist/build-id.json'];
    const unexpected = paths.filter((p) => !built.includes(p) && !/^(package\.json|README\.md|LICENSE|CHANGELOG\.md|bin\/run\.js|dist\/.+\.(js|d\.ts))$/.test(p));
    expect(unexpected).toEqual([]);
    expect(paths).toEqual(expect.arrayContaining(['LICENSE', 'CHANGELOG.md', 'README.md', 'bin/run.js', 'dist/index.js', 'dist/index.d.ts', ...built]));
    // Every built file comes from a source that still exists (no leftovers of moved or deleted sources),
    // and every module has its types.
    const stale = paths.filter((p) => p.startsWith('dist/') && !built.includes(p))
      .filter((p) => !fs.existsSync(path.join(root, 'src', p.slice('dist/'.length).replace(/\.(d\.ts|js)$/, '.ts'))));
    expect(stale, 'dist/ holds files no source builds: run `npm run build` (it starts from an empty dist/)').toEqual([]);
    const js = paths.filter((p) => p.endsWith('.js') && p.startsWith('dist/'));
    expect(js.filter((p) => !paths.includes(p.replace(/\.js$/, '.d.ts')))).toEqual([]);
  });

  it('installs on this Node without engine warnings', () => {
    expect(install.stderr).not.toMatch(/EBADENGINE/);
    expect(fs.readFileSync(path.join(project, 'node_modules', 'specmesh', 'package.json'), 'utf8')).toContain(`"version": "${manifest.version}"`);
  });

  it('brings the install scripts the README names, and no others', () => {
    // A package runs code at install time through these scripts (or node-gyp, when it has a binding.gyp).
    const withScripts: string[] = [];
    const visit = (dir: string): void => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        if (!entry.isDirectory() || entry.name === '.bin' || entry.name === '.cache') continue;
        const pkgDir = path.join(dir, entry.name);
        if (entry.name.startsWith('@')) { visit(pkgDir); continue; }
        const file = path.join(pkgDir, 'package.json');
        if (fs.existsSync(file)) {
          const pkg = JSON.parse(fs.readFileSync(file, 'utf8')) as { name: string; scripts?: Record<string, string> };
          const s = pkg.scripts ?? {};
          if (s['preinstall'] || s['install'] || s['postinstall'] || fs.existsSync(path.join(pkgDir, 'binding.gyp'))) withScripts.push(pkg.name);
        }
        if (fs.existsSync(path.join(pkgDir, 'node_modules'))) visit(path.join(pkgDir, 'node_modules'));
      }
    };
    visit(path.join(project, 'node_modules'));
    expect([...new Set(withScripts)].sort()).toEqual(['@scarf/scarf']);
  });

  it('runs `specmesh --version`, which names the package version', async () => {
    const result = await run(specmeshBin, ['--version'], project);
    expectOk('specmesh --version', result);
    expect(result.stdout).toMatch(new RegExp(`^specmesh/${manifest.version.replace(/\./g, '\\.')} `));
    expect(result.stdout).toContain(`node-${process.version}`);
    expect(result.stderr).toBe('');
  });

  it('runs `specmesh plan` on the example specs, also where NODE_ENV=development', async () => {
    // (oclif looks for TypeScript sources in development and test mode unless told not to)
    const result = await run(specmeshBin, ['plan', '--spec', 'specs/', '--no-cache', '--format', 'json'], project, { NODE_ENV: 'development' });
    expectOk('specmesh plan', result);
    const plan = JSON.parse(result.stdout) as { formatVersion: number; specs: unknown[]; summary: { create: number } };
    expect(plan.formatVersion).toBe(1);
    expect(plan.specs).toHaveLength(3);
    expect(plan.summary.create).toBeGreaterThan(0);
    expect(result.stderr).not.toMatch(NODE_WARNING);
  });

  it('imports as a library from every entry point it exports, and opens an AWS client without warnings', async () => {
    // Every subpath of package.json's `exports` loads; the AWS client comes from whichever entry exports it.
    const script = `import('node:fs').then(async ({ readFileSync }) => {
      const { exports } = JSON.parse(readFileSync('node_modules/specmesh/package.json', 'utf8'));
      const entries = typeof exports === 'object' && !exports.import ? Object.keys(exports) : ['.'];
      const modules = {};
      for (const entry of entries.filter((e) => !e.endsWith('.json'))) modules[entry] = await import('specmesh' + entry.slice(1));
      const m = modules['.'];
      const { plan, diagnostics } = await m.planSpecs(['specs/'], { cacheDir: false, emitters: ['acl'] });
      const aws = Object.values(modules).find((mod) => mod.ClusterPolicyAdapter);
      new aws.ClusterPolicyAdapter({ region: 'eu-west-1' });
      console.log(JSON.stringify({ entries: Object.keys(modules), errors: m.hasErrors(diagnostics), create: plan.summary.create, markdown: m.renderMarkdown(plan).length }));
    })`;
    const result = await run(process.execPath, ['-e', script], project);
    expectOk('import("specmesh")', result);
    const out = JSON.parse(result.stdout) as { entries: string[]; errors: boolean; create: number; markdown: number };
    expect(out.entries).toContain('.');
    expect(out.errors).toBe(false);
    expect(out.create).toBeGreaterThan(0);
    expect(out.markdown).toBeGreaterThan(0);
    expect(result.stderr).not.toMatch(NODE_WARNING);
  });

  it('gives TypeScript users its types through the package exports', async () => {
    fs.writeFileSync(path.join(project, 'check.ts'), [
      "import { planSpecs, renderText, type Plan } from 'specmesh';",
      "const result = await planSpecs(['specs/'], { emitters: ['acl'] });",
      'const plan: Plan | undefined = result.plan;',
      'if (plan) console.log(renderText(plan));',
      '',
    ].join('\n'));
    fs.writeFileSync(path.join(project, 'tsconfig.json'), JSON.stringify({
      compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', strict: true, noEmit: true, skipLibCheck: true, types: [] },
      files: ['check.ts'],
    }));
    const result = await run(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'], project);
    expectOk('tsc against the installed package', result);
  });
});
