import type { Change, Plan } from '../core/change.js';
import { maskSecrets } from '../core/mask-secrets.js';
import { ACTION_VERB } from './describe-change.js';
import { BUILTIN_KINDS, describeDetail, describeSubject, type KindRegistry } from '../kinds/registry.js';
import { describeLiveSource } from './render-text.js';
import { pushTo } from '../core/push-to.js';

const ICON: Record<Change['action'], string> = { create: '🟢 +', update: '🟡 ~', replace: '🟣 ±', delete: '🔴 −', 'no-op': '⚪' };
const html = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
/**
 * Text for a table cell or list item. Outside `code spans`, `<domain>` would be taken for an HTML
 * tag and dropped by GitHub, so it is escaped there (inside them it shows as written).
 */
const cell = (s: string): string => s.split(/(`[^`]*`)/).map((part) => (part.startsWith('`') ? part : html(part))).join('')
  .replace(/\|/g, '\\|').replace(/\n/g, ' ');
/** Text inside backticks: only the table's pipes need escaping. */
const code = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** A pull-request comment: a headline, then one collapsible section per domain. */
export function renderMarkdown(unmasked: Plan, options: { kinds?: KindRegistry } = {}): string {
  const kinds = options.kinds ?? BUILTIN_KINDS;
  const plan = maskSecrets(unmasked);
  const s = plan.summary;
  const out: string[] = [];
  out.push('### specmesh plan', '');
  out.push(`**${s.create} to create, ${s.update} to update, ${s.delete} to delete**, ${s.noop} unchanged — ${plan.specs.length} spec${plan.specs.length === 1 ? '' : 's'} ${describeLiveSource(plan)}.`, '');
  if (s.delete > 0) out.push(`> [!CAUTION]\n> This plan deletes ${s.delete} resource${s.delete === 1 ? '' : 's'}.`, '');
  const byDomain = new Map<string, Change[]>();
  for (const c of plan.changes) {
    if (c.action === 'no-op') continue;
    const key = c.domain ?? '(cluster)';
    pushTo(byDomain, key, c);
  }
  for (const [domain, changes] of byDomain) {
    const counts = (['create', 'update', 'replace', 'delete'] as const)
      .map((a) => [a, changes.filter((c) => c.action === a).length] as const).filter(([, n]) => n > 0)
      .map(([a, n]) => `${n} to ${ACTION_VERB[a]}`).join(', ');
    out.push(`<details><summary><b>${cell(domain)}</b>: ${counts}</summary>`, '');
    out.push('| | kind | resource | detail |', '|---|---|---|---|');
    for (const c of changes) out.push(`| ${ICON[c.action]} | ${c.kind} | \`${code(describeSubject(c, kinds))}\` | ${cell(describeDetail(c, kinds))} |`);
    out.push('', '</details>', '');
  }
  if (byDomain.size === 0) out.push('No changes. The cluster matches the specs.', '');
  if (plan.warnings.length) {
    out.push('<details open><summary>⚠️ Warnings</summary>', '');
    for (const w of plan.warnings) out.push(`- ${w.file ? `\`${w.file}${w.line ? `:${w.line}` : ''}\`: ` : ''}${cell(w.message)}`);
    out.push('', '</details>', '');
  }
  return out.join('\n');
}
