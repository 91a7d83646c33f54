import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { planSpecs, type PlanSpecsOptions } from '../../src/orchestrate/plan-specs.js';
import { renderJson } from '../../src/render/render-json.js';
import { renderMarkdown } from '../../src/render/render-markdown.js';
import { renderText } from '../../src/render/render-text.js';
import { formatDiagnostics } from '../../src/cli/report.js';
import { expectFile } from './golden-files.js';

// Each case: specs/ (input), case.json (plan options), optional state.json, and the expected
// plan.json / plan.txt / plan.md, or errors.txt when the specs must be rejected.
// UPDATE_GOLDEN=1 rewrites the expected files; review the diff before committing.
const root = path.join(path.dirname(new URL(import.meta.url).pathname), 'cases');

describe('golden plans', () => {
  for (const name of readdirSync(root).sort()) {
    it(name, async () => {
      const dir = path.join(root, name);
      const options = JSON.parse(readFileSync(path.join(dir, 'case.json'), 'utf8')) as PlanSpecsOptions & { description: string };
      const state = existsSync(path.join(dir, 'state.json')) ? { state: path.join(dir, 'state.json') } : {};
      const result = await planSpecs(['specs'], { cwd: dir, cacheDir: false, ...state, ...options });
      if (!result.plan) {
        expectFile(path.join(dir, 'errors.txt'), formatDiagnostics(result.diagnostics));
        return;
      }
      expect(existsSync(path.join(dir, 'errors.txt'))).toBe(false);
      expectFile(path.join(dir, 'plan.json'), renderJson(result.plan).replaceAll(dir + path.sep, ''));
      expectFile(path.join(dir, 'plan.txt'), renderText(result.plan));
      expectFile(path.join(dir, 'plan.md'), renderMarkdown(result.plan));
    });
  }
});
