// What the golden tests share: comparing output with an expected file (UPDATE_GOLDEN=1 rewrites it),
// and the spec cases of the offline commands (graph, catalog).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { formatDiagnostics } from '../../src/cli/report.js';
import type { Domain } from '../../src/spec/model.js';
import { loadSpecs } from '../../src/spec/load/load-specs.js';

const update = process.env['UPDATE_GOLDEN'] === '1';

export function expectFile(file: string, actual: string): void {
  if (update) writeFileSync(file, actual);
  if (!existsSync(file)) throw new Error(`Missing expected file ${file}: run with UPDATE_GOLDEN=1 and review it`);
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

/**
 * Loads a case's specs (case.json: { specs: paths relative to the case, sameErrorsAs?: a plan case
 * whose errors.txt these specs must match }). Invalid specs must give the case's errors.txt (and the
 * plan case's, with its paths): then undefined. Valid ones must have no errors.txt: their domains.
 */
export async function loadSpecCase(dir: string): Promise<Domain[] | undefined> {
  const { specs, sameErrorsAs } = JSON.parse(readFileSync(path.join(dir, 'case.json'), 'utf8')) as { specs: string[]; sameErrorsAs?: string };
  const result = await loadSpecs(specs, { cwd: dir, cacheDir: false });
  if (!result.ok) {
    expectFile(path.join(dir, 'errors.txt'), formatDiagnostics(result.diagnostics));
    // The plan's golden case of the same specs reports them alike (its paths are relative to that case).
    if (sameErrorsAs) {
      const planErrors = readFileSync(path.join(dir, sameErrorsAs, 'errors.txt'), 'utf8');
      expect(formatDiagnostics(result.diagnostics).replaceAll(`${path.join(sameErrorsAs, 'specs')}/`, 'specs/')).toBe(planErrors);
    }
    return undefined;
  }
  expect(existsSync(path.join(dir, 'errors.txt'))).toBe(false);
  return result.domains;
}
