import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Plan } from '../core/change.js';
import { SpecmeshError } from '../core/errors.js';
import { maskSecrets } from '../core/mask-secrets.js';
import { canonicalJson, changeKey, type SavedPlan } from '../core/saved-plan.js';
import { makeDir } from '../adapters/files/make-dir.js';

const sha256 = (text: string | Buffer): string => `sha256:${createHash('sha256').update(text).digest('hex')}`;

/** `sha256:` of each spec file's content, by path relative to `cwd`. */
export async function hashSpecFiles(files: readonly { file: string }[], cwd = process.cwd()): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const { file } of files) out[path.relative(cwd, path.resolve(cwd, file)) || file] = sha256(await fs.readFile(path.resolve(cwd, file)));
  return out;
}

/** Fingerprints of the live state each change read: `before` (masked), or `absent` for a create. */
export function fingerprintChanges(plan: Plan, all = false): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of plan.changes) {
    if (c.action === 'no-op' && !all) continue;
    out[changeKey(c)] = c.action === 'create' ? 'absent' : sha256(canonicalJson(maskSecrets(c.before)));
  }
  return out;
}

export async function buildSavedPlan(plan: Plan, specFiles: Record<string, string>, inputs: Record<string, unknown>): Promise<SavedPlan> {
  const hashes = Object.entries(specFiles).sort(([a], [b]) => (a < b ? -1 : 1)).map(([f, h]) => `${f}=${h}`).join('\n');
  return {
    formatVersion: 1,
    type: 'specmesh-saved-plan',
    specsHash: sha256(hashes),
    specFiles,
    inputs,
    fingerprints: fingerprintChanges(plan),
    plan: maskSecrets(plan),
  };
}

export async function writeSavedPlan(file: string, saved: SavedPlan): Promise<void> {
  try {
    await makeDir(path.dirname(path.resolve(file)));
    await fs.writeFile(file, `${JSON.stringify(saved, null, 2)}\n`);
  } catch (err) {
    const why = (err as NodeJS.ErrnoException).code === 'EISDIR' ? 'it is a folder' : (err as Error).message;
    throw new SpecmeshError(`Cannot write the saved plan to ${file}: ${why}`, { fix: 'Pass --out a file path in a folder you can write to (missing folders are created).' });
  }
}

export async function readSavedPlan(file: string): Promise<SavedPlan> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (err) {
    throw new SpecmeshError(`Cannot read the saved plan ${file}`, { cause: err, fix: 'Pass the file `specmesh plan --out <file>` wrote.', code: 'saved-plan-unreadable' });
  }
  let saved: unknown;
  try {
    saved = JSON.parse(text);
  } catch (err) {
    throw new SpecmeshError(`The saved plan ${file} is not JSON: ${(err as Error).message}`, { fix: 'Save it again with `specmesh plan --out <file>`.', code: 'saved-plan-unreadable' });
  }
  const s = saved as Partial<SavedPlan> | null;
  if (s?.type !== 'specmesh-saved-plan' || s.formatVersion !== 1 || !s.plan || !s.fingerprints || !s.specFiles) {
    throw new SpecmeshError(`${file} is not a plan saved by \`specmesh plan --out\``, { fix: 'Save one with `specmesh plan --spec … --out plan.json`.', code: 'saved-plan-unreadable' });
  }
  return s as SavedPlan;
}
