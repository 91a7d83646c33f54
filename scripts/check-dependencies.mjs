#!/usr/bin/env node
// Keeps specmesh's dependencies honest. Run by `npm test`; reads the installed tree, so run it after
// `npm ci`. Checks the production tree (what `npm i specmesh` installs: `npm ls --omit=dev --all`):
//
// 1. Licences. Every package's `license` must be a reviewed permissive licence (ALLOWED below). Strong
//    copyleft (GPL, AGPL, LGPL, SSPL, EUPL, OSL, …) fails, and so does any licence not reviewed yet
//    (missing, UNLICENSED, "SEE LICENSE IN …", or simply new). MPL-2.0 is allowed and listed: its
//    copyleft is per file and applies to changed MPL files, while npm installs them unchanged, each
//    in its own package. SPDX expressions are read: `A OR B` needs one of them allowed, `A AND B` both.
//    Tests may use anything (`@cloud-copilot/iam-simulate` is AGPL, hence a devDependency only).
// 2. Engines. Every package's `engines.node` must accept every Node version specmesh's `engines`
//    accepts, so no supported Node sees EBADENGINE.
// 3. Imports. Every bare import or export-from in src/ names a production dependency (or a node:
//    builtin), so src/ never reaches a devDependency or a package it only gets by chance through
//    another one. `require` through createRequire is left alone: src/spec/asyncapi-validate.ts
//    resolves spectral from @asyncapi/parser's own folder on purpose, to share the parser's copy.
//
//   node scripts/check-dependencies.mjs      # prints a summary; exit 1 with every problem on stderr
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import semver from 'semver';
import ts from 'typescript';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

const ALLOWED = new Set([
  '0BSD', 'Apache-2.0', 'BlueOak-1.0.0', 'BSD-2-Clause', 'BSD-3-Clause', 'CC-BY-3.0', 'CC-BY-4.0',
  'CC0-1.0', 'ISC', 'MIT', 'MIT-0', 'PSF-2.0', 'Python-2.0', 'Unlicense', 'Zlib',
]);
const WEAK_COPYLEFT = new Set(['MPL-2.0']);
const COPYLEFT = /^(A?GPL|LGPL|SSPL|EUPL|OSL|CPAL|RPL|QPL|Sleepycat|CC-BY-(NC-)?SA|CECILL)(-|$)/i;
// Packages whose licence field is not SPDX but whose licence was read and found permissive:
// 'name@version': 'what the licence is'.
const REVIEWED = {};

const problems = [];

// --- the production tree
let listing;
try {
  listing = execFileSync('npm', ['ls', '--omit=dev', '--all', '--parseable'], {
    cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'],
  });
} catch (error) {
  console.error(`check-dependencies: \`npm ls --omit=dev --all\` failed (run \`npm ci\` first):\n${error.stderr || error.message}`);
  process.exit(1);
}
const packages = [...new Set(listing.split('\n').filter(Boolean))]
  .filter((dir) => path.resolve(dir) !== root)
  .map((dir) => JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')));

// --- 1. licences
// rank: 0 allowed, 1 allowed with a note (weak copyleft), 2 not reviewed, 3 copyleft
const rankOf = (id) => (ALLOWED.has(id) ? 0 : WEAK_COPYLEFT.has(id) ? 1 : COPYLEFT.test(id) ? 3 : 2);

/** The rank of an SPDX expression: OR takes the best choice, AND the worst part, `X WITH e` is X. */
function rankExpression(expression) {
  const tokens = expression.match(/\(|\)|[^\s()]+/g) ?? [];
  let at = 0;
  const primary = () => {
    const token = tokens[at++];
    if (token === '(') {
      const rank = or();
      at++; // ')'
      return rank;
    }
    if (token === undefined) return 2;
    const rank = rankOf(token.replace(/\+$/, ''));
    if (tokens[at] === 'WITH') at += 2;
    return rank;
  };
  const and = () => {
    let rank = primary();
    while (tokens[at] === 'AND') { at++; rank = Math.max(rank, primary()); }
    return rank;
  };
  const or = () => {
    let rank = and();
    while (tokens[at] === 'OR') { at++; rank = Math.min(rank, and()); }
    return rank;
  };
  return or();
}

function licenceOf(pkg) {
  if (typeof pkg.license === 'string') return pkg.license;
  if (pkg.license?.type) return pkg.license.type;
  // The old `licenses` array: read as all of them (the stricter reading).
  if (Array.isArray(pkg.licenses)) return pkg.licenses.map((l) => l.type ?? l).join(' AND ');
  return undefined;
}

const byLicence = new Map();
const notes = [];
for (const pkg of packages) {
  const id = `${pkg.name}@${pkg.version}`;
  const licence = licenceOf(pkg);
  byLicence.set(licence ?? '(none)', (byLicence.get(licence ?? '(none)') ?? 0) + 1);
  if (REVIEWED[id]) continue;
  const rank = licence ? rankExpression(licence) : 2;
  if (rank === 1) notes.push(`${id} is ${licence} (weak copyleft, allowed: used unchanged)`);
  if (rank === 2) problems.push(`${id}: licence ${licence ? `"${licence}"` : 'missing'} is not reviewed; read it, then add it to ALLOWED or REVIEWED in scripts/check-dependencies.mjs`);
  if (rank === 3) problems.push(`${id}: licence "${licence}" is copyleft; a production dependency may not be (a test-only package belongs in devDependencies)`);
}

// --- 2. engines
const ours = manifest.engines?.node;
if (!ours || !semver.validRange(ours)) problems.push(`package.json: engines.node ${JSON.stringify(ours)} is not a version range`);
let withEngines = 0;
for (const pkg of packages) {
  const theirs = typeof pkg.engines?.node === 'string' ? pkg.engines.node : undefined;
  if (!theirs || !ours || !semver.validRange(ours)) continue;
  withEngines++;
  if (!semver.validRange(theirs)) continue; // npm ignores what it cannot read, and so do we
  if (!semver.subset(ours, theirs)) {
    problems.push(`${pkg.name}@${pkg.version} needs node "${theirs}", but specmesh's engines say "${ours}": raise engines.node or pick a version of it that fits`);
  }
}

// --- 3. imports from src/
const declared = new Set(Object.keys(manifest.dependencies ?? {}));
const builtins = new Set(builtinModules);
const sources = fs.readdirSync(path.join(root, 'src'), { recursive: true })
  .filter((file) => /\.[cm]?tsx?$/.test(file))
  .map((file) => path.join('src', file));
for (const file of sources) {
  const { importedFiles } = ts.preProcessFile(fs.readFileSync(path.join(root, file), 'utf8'), true, false);
  for (const { fileName: specifier } of importedFiles) {
    if (specifier.startsWith('.') || specifier.startsWith('node:') || builtins.has(specifier)) continue;
    const name = specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/');
    if (!declared.has(name)) problems.push(`${file} imports "${specifier}", but "${name}" is not in dependencies`);
  }
}

// --- report
const counts = [...byLicence].sort((a, b) => b[1] - a[1]).map(([licence, n]) => `${n} ${licence}`).join(', ');
console.log(`check-dependencies: ${packages.length} production packages (${counts}); ${withEngines} declare engines.node, checked against "${ours}"; imports of ${sources.length} files in src/ checked`);
for (const note of notes) console.log(`  note: ${note}`);
if (problems.length > 0) {
  for (const problem of problems) console.error(`  ✗ ${problem}`);
  process.exit(1);
}
