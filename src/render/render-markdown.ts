import type { Change, Plan } from '../core/change.js';
import { maskSecrets } from '../core/mask-secrets.js';
import { ACTION_VERB } from './describe-change.js';
import { BUILTIN_KINDS, describeDetail, describeSubject, type KindRegistry } from '../kinds/registry.js';
import { describeLiveSource, noChangesLine } from './render-text.js';
import { pushTo } from '../core/push-to.js';
import { accessCounts, accessOf, describeAccess, describeOwner, FLAG_TEXT } from './describe-access.js';
import { isWidening } from '../core/access-summary.js';

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

/** GitHub refuses a comment longer than this. */
export const COMMENT_LIMIT = 65_536;

export interface MarkdownRenderOptions {
  kinds?: KindRegistry;
  /** The most characters the comment may hold; default GitHub's limit. */
  limit?: number;
}

/**
 * A pull-request comment: a headline, the access summary (widenings, lost access and deletions
 * first), then one collapsible section per domain with its changes. Past `limit` characters the
 * details go first (whole domain sections, then the unflagged access lines), never the headline,
 * widenings, lost access or deletions; the comment says what was left out.
 */
export function renderMarkdown(unmasked: Plan, options: MarkdownRenderOptions = {}): string {
  const kinds = options.kinds ?? BUILTIN_KINDS;
  const limit = options.limit ?? COMMENT_LIMIT;
  // Masked change by change as rendered: a large plan's comment shows only some of them.
  const { changes: unmaskedChanges, access: _access, ...rest } = unmasked;
  const plan = { ...maskSecrets(rest), changes: unmaskedChanges };
  const s = plan.summary;
  const head: string[] = [];
  head.push('### specmesh plan', '');
  head.push(`**${s.create} to create, ${s.update} to update, ${s.delete} to delete**, ${s.noop} unchanged — ${plan.specs.length} spec${plan.specs.length === 1 ? '' : 's'} ${describeLiveSource(plan)}.`, '');
  if (s.delete > 0) head.push(`> [!CAUTION]\n> This plan deletes ${s.delete} resource${s.delete === 1 ? '' : 's'}.`, '');
  const access = accessOf(unmasked);
  const flagged: string[] = [];
  const other: string[] = [];
  const q = (x: string): string => `\`${code(x)}\``;
  if (access.entries.length === 0 && access.owners.length === 0 && access.deletions.length === 0) {
    head.push('#### Access', '', 'No change of access.', '');
  } else {
    head.push('#### Access', '');
    head.push(`${access.counts.widenings + access.counts.lost + access.counts.deletions > 0 ? '> [!WARNING]\n> ' : ''}**${accessCounts(access)}**`, '');
    const section = (title: string, lines: string[]): string[] => (lines.length ? [`**${title}**`, '', ...lines, ''] : []);
    const flags = (e: (typeof access.entries)[number]): string => ` — _${e.flags.map((f) => FLAG_TEXT[f]).join(', ')}_`;
    flagged.push(
      ...section('Widenings', access.entries.filter(isWidening).map((e) => `- ⚠️ ${describeAccess(e, q)}${flags(e)}`)),
      ...section('Lost access', access.entries.filter((e) => !isWidening(e) && e.flags.includes('lost')).map((e) => `- 🔒 ${describeAccess(e, q)}${flags(e)}`)),
      ...section('Deletions', access.deletions.map((d) => `- 🔴 ${d.kind} ${q(d.id)}`)),
    );
    other.push(...section('Other access changes', [
      ...access.owners.map((o) => `- 🟢 ${describeOwner(o, q)}`),
      ...access.entries.filter((e) => e.flags.length === 0).map((e) => `- ${describeAccess(e, q)}`),
    ]));
  }
  const details: string[] = [];
  const byDomain = new Map<string, Change[]>();
  for (const c of plan.changes) {
    if (c.action === 'no-op') continue;
    const key = c.domain ?? '(cluster)';
    pushTo(byDomain, key, c);
  }
  // Blocks are rendered only while they could fit: a large plan's comment is cut anyway.
  let budget = limit - size(head) - size(flagged) - size(other);
  for (const [domain, changes] of byDomain) {
    if (budget < 0) break;
    const counts = (['create', 'update', 'replace', 'delete'] as const)
      .map((a) => [a, changes.filter((c) => c.action === a).length] as const).filter(([, n]) => n > 0)
      .map(([a, n]) => `${n} to ${ACTION_VERB[a]}`).join(', ');
    const block = [`<details><summary><b>${cell(domain)}</b>: ${counts}</summary>`, '', '| | kind | resource | detail |', '|---|---|---|---|'];
    for (const unmaskedChange of changes) {
      const c = maskSecrets(unmaskedChange);
      block.push(`| ${ICON[c.action]} | ${c.kind} | \`${code(describeSubject(c, kinds))}\` | ${cell(describeDetail(c, kinds))} |`);
    }
    block.push('', '</details>', '');
    const text = block.join('\n');
    details.push(text);
    budget -= text.length + 1;
  }
  const warnings: string[] = [];
  if (plan.warnings.length) {
    warnings.push('<details open><summary>⚠️ Warnings</summary>', '');
    for (const w of plan.warnings) warnings.push(`- ${w.file ? `\`${w.file}${w.line ? `:${w.line}` : ''}\`: ` : ''}${cell(w.message)}`);
    warnings.push('', '</details>', '');
  }
  const changesHead = byDomain.size === 0 ? [noChangesLine(plan), ''] : ['#### Changes', ''];
  return fitComment({ head, flagged, other, changesHead, details, detailsTotal: byDomain.size, warnings }, limit);
}

interface Parts { head: string[]; flagged: string[]; other: string[]; changesHead: string[]; details: string[]; detailsTotal: number; warnings: string[] }

const size = (lines: readonly string[]): number => lines.reduce((n, l) => n + l.length + 1, 0);

/** Everything when it fits; else the head, the flagged access lines and as much of the rest as fits, saying what was cut. */
function fitComment(p: Parts, limit: number): string {
  const all = [...p.head, ...p.flagged, ...p.other, ...p.changesHead, ...p.details, ...p.warnings];
  if (p.details.length === p.detailsTotal && size(all) <= limit) return all.join('\n');
  // Room for the note that says what was cut.
  const noteRoom = 600;
  let room = limit - noteRoom - size(p.head);
  const kept: string[] = [...p.head];
  let flaggedCut = 0;
  for (const line of p.flagged) {
    if (line.length + 1 <= room) { kept.push(line); room -= line.length + 1; } else flaggedCut++;
  }
  let otherCut = 0;
  const otherLines = p.other.filter((l) => l.startsWith('- '));
  const otherKept: string[] = [];
  for (const line of otherLines) {
    if (line.length + 1 <= room - size(p.changesHead) - 2) { otherKept.push(line); room -= line.length + 1; } else otherCut++;
  }
  if (otherKept.length) kept.push('**Other access changes**', '', ...otherKept, '');
  let warningsKept = false;
  if (size(p.warnings) <= room - size(p.changesHead)) { room -= size(p.warnings); warningsKept = true; }
  kept.push(...p.changesHead);
  room -= size(p.changesHead);
  let detailsKept = 0;
  for (const block of p.details) {
    if (block.length + 1 > room) break;
    kept.push(block);
    room -= block.length + 1;
    detailsKept++;
  }
  if (warningsKept) kept.push(...p.warnings);
  const cut = [
    ...(detailsKept < p.detailsTotal ? [`the changes of ${p.detailsTotal - detailsKept} of ${p.detailsTotal} domains`] : []),
    ...(otherCut ? [`${otherCut} other access lines`] : []),
    ...(!warningsKept && p.warnings.length ? ['the warnings'] : []),
    ...(flaggedCut ? [`${flaggedCut} flagged access lines (more than fit in one comment)`] : []),
  ];
  kept.push('> [!NOTE]', `> This comment is cut to GitHub's limit of ${limit.toLocaleString('en-US')} characters: it leaves out ${cut.join(', ')}. The full plan is in \`specmesh plan --format json\` (under \`access\` and \`changes\`) and the text output.`, '');
  return kept.join('\n');
}
