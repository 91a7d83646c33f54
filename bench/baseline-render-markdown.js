// The markdown renderer as it was before the access summary (commit bd119eb), kept only as the
// benchmark's baseline: the same plan is rendered by both in the same run.
import { describeDetail, describeSubject } from '../dist/index.js';

const ICON = { create: '🟢 +', update: '🟡 ~', replace: '🟣 ±', delete: '🔴 −', 'no-op': '⚪' };
const VERB = { create: 'create', update: 'update', replace: 'replace', delete: 'delete', 'no-op': 'unchanged' };
const html = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const cell = (s) => s.split(/(`[^`]*`)/).map((part) => (part.startsWith('`') ? part : html(part))).join('').replace(/\|/g, '\\|').replace(/\n/g, ' ');
const code = (s) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const SECRET_KEY = /^(password|secret|secretString|SecretString|sasl\.password|apiSecret)$/i;
const mask = (v) => JSON.parse(JSON.stringify(v, (k, x) => (SECRET_KEY.test(k) && x !== undefined && x !== null ? '(sensitive)' : x)));

export function baselineRenderMarkdown(unmasked) {
  const plan = mask(unmasked);
  const s = plan.summary;
  const out = ['### specmesh plan', ''];
  out.push(`**${s.create} to create, ${s.update} to update, ${s.delete} to delete**, ${s.noop} unchanged — ${plan.specs.length} specs.`, '');
  if (s.delete > 0) out.push(`> [!CAUTION]\n> This plan deletes ${s.delete} resources.`, '');
  const byDomain = new Map();
  for (const c of plan.changes) {
    if (c.action === 'no-op') continue;
    const key = c.domain ?? '(cluster)';
    if (!byDomain.has(key)) byDomain.set(key, []);
    byDomain.get(key).push(c);
  }
  for (const [domain, changes] of byDomain) {
    const counts = ['create', 'update', 'replace', 'delete'].map((a) => [a, changes.filter((c) => c.action === a).length]).filter(([, n]) => n > 0).map(([a, n]) => `${n} to ${VERB[a]}`).join(', ');
    out.push(`<details><summary><b>${cell(domain)}</b>: ${counts}</summary>`, '');
    out.push('| | kind | resource | detail |', '|---|---|---|---|');
    for (const c of changes) out.push(`| ${ICON[c.action]} | ${c.kind} | \`${code(describeSubject(c))}\` | ${cell(describeDetail(c))} |`);
    out.push('', '</details>', '');
  }
  if (plan.warnings.length) {
    out.push('<details open><summary>⚠️ Warnings</summary>', '');
    for (const w of plan.warnings) out.push(`- ${w.file ? `\`${w.file}${w.line ? `:${w.line}` : ''}\`: ` : ''}${cell(w.message)}`);
    out.push('', '</details>', '');
  }
  return out.join('\n');
}
