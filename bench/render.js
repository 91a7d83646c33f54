import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { planSpecs, renderMarkdown, renderText, summarizeAccess } from '../dist/index.js';
import { baselineRenderMarkdown } from './baseline-render-markdown.js';
import { generateSpecs } from './generate-specs.js';

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const time = (fn) => { const start = performance.now(); const out = fn(); return { ms: performance.now() - start, out }; };

/**
 * The access summary and the markdown plan of the 1,000-domain estate, against the markdown
 * renderer as it was before the summary, on the same plan in the same run (alternating, median of `rounds`).
 */
export async function benchRender({ specs = 1000, rounds = 7 } = {}) {
  const work = mkdtempSync(path.join(os.tmpdir(), 'specmesh-bench-render-'));
  const dir = generateSpecs(path.join(work, 'specs'), specs);
  const { plan } = await planSpecs([dir], { emitters: ['acl'], cacheDir: path.join(work, 'cache') });
  rmSync(work, { recursive: true, force: true });
  if (!plan) throw new Error('the benchmark estate did not plan');
  const { access: _computed, ...bare } = plan;
  const baseline = []; const measured = []; const accessOnly = []; const text = [];
  let md = ''; let baselineMd = '';
  for (let i = 0; i < rounds; i++) {
    const b = time(() => baselineRenderMarkdown(bare));
    baseline.push(b.ms); baselineMd = b.out;
    const a = time(() => summarizeAccess(bare.changes, bare.specs.map((s) => s.domain)));
    const m = time(() => renderMarkdown({ ...bare, access: a.out }));
    accessOnly.push(a.ms); measured.push(a.ms + m.ms); md = m.out;
    text.push(time(() => renderText({ ...bare, access: a.out })).ms);
  }
  return {
    name: 'access summary + markdown render',
    specs, changes: plan.changes.length,
    baselineMs: Math.round(median(baseline)), baseline: 'the markdown renderer before the access summary (bench/baseline-render-markdown.js), same plan, same run',
    accessMs: Math.round(median(accessOnly)),
    accessAndMarkdownMs: Math.round(median(measured)),
    ratio: +(median(measured) / median(baseline)).toFixed(2),
    textWithAccessMs: Math.round(median(text)),
    markdownChars: md.length, baselineMarkdownChars: baselineMd.length,
    access: plan.access?.counts,
    target: { ratio: 1.5, markdownChars: 65536 },
  };
}
