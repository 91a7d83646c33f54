import type { Change, Plan } from '../core/change.js';
import { maskSecrets } from '../core/mask-secrets.js';
import { ACTION_VERB, changeDetail, isShown } from './describe-change.js';
import { BUILTIN_KINDS, describeSubject, type KindRegistry } from '../kinds/registry.js';
import { describeLiveSource, noChangesLine } from './render-text.js';
import { pushTo } from '../core/push-to.js';
import { accessCounts, accessOf, describeAccess, describeOwner, FLAG_TEXT, who } from './describe-access.js';
import { type AccessEntry, type AccessFlag, isWidening } from '../core/access-summary.js';
import { renderAccessDiagram } from './access-diagram.js';
import { type FlaggedSection, fitComment, renderSection } from './fit-comment.js';

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
 * first) and a diagram of it, then one collapsible section per domain with its changes. Past
 * `limit` characters the details go first (whole domain sections, then the unflagged access lines
 * and the diagram); widenings, lost access and deletions are never left out: when even they do not
 * fit, they are counted by group and listed as far as they fit. The comment says what was left out.
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
  head.push(`**${s.create} to create, ${s.update} to update, ${s.delete} to delete**, ${s.noop} unchanged${s.adopt ? `, ${s.adopt} adopted` : ''} — ${plan.specs.length} spec${plan.specs.length === 1 ? '' : 's'} ${describeLiveSource(plan)}.`, '');
  if (s.delete > 0) head.push(`> [!CAUTION]\n> This plan deletes ${s.delete} resource${s.delete === 1 ? '' : 's'}.`, '');
  const access = accessOf(unmasked);
  const flagged: FlaggedSection[] = [];
  const other: string[] = [];
  const q = (x: string): string => `\`${code(x)}\``;
  if (access.entries.length === 0 && access.owners.length === 0 && access.deletions.length === 0) {
    head.push('#### Access', '', 'No change of access.', '');
  } else {
    head.push('#### Access', '');
    head.push(`${access.counts.widenings + access.counts.lost + access.counts.deletions > 0 ? '> [!WARNING]\n> ' : ''}**${accessCounts(access)}**`, '');
    const flags = (e: AccessEntry): string => ` — _${e.flags.map((f) => FLAG_TEXT[f]).join(', ')}_`;
    const widenings = access.entries.filter(isWidening);
    const lost = access.entries.filter((e) => !isWidening(e) && e.flags.includes('lost'));
    const wideningLines = widenings.map((e) => `- ⚠️ ${describeAccess(e, q)}${flags(e)}`);
    flagged.push(
      { title: 'Widenings', noun: 'widenings', lines: wideningLines,
        mostNotable: () => {
          const rank = widenings.map(notability);
          return wideningLines.map((_, i) => i).sort((a, b) => rank[a]! - rank[b]! || a - b).map((i) => wideningLines[i]!);
        },
        tables: () => [
          ...countTable('flag', 'flags', 'widenings', widenings.flatMap((e) => e.flags.filter((f) => f !== 'lost').map((f) => FLAG_TEXT[f]))),
          ...countTable('principal', 'principals', 'widenings', widenings.map((e) => e.principal), (k) => q(who(k))),
          ...countTable('owner of the resource', 'owners', 'widenings', widenings.map((e) => e.owner ?? ''), (k) => (k ? q(k) : '(unknown)')),
        ] },
      { title: 'Lost access', noun: 'losses of access', lines: lost.map((e) => `- 🔒 ${describeAccess(e, q)}${flags(e)}`),
        tables: () => [
          ...countTable('principal', 'principals', 'losses', lost.map((e) => e.principal), (k) => q(who(k))),
          ...countTable('owner of the resource', 'owners', 'losses', lost.map((e) => e.owner ?? ''), (k) => (k ? q(k) : '(unknown)')),
        ] },
      { title: 'Deletions', noun: 'deletions', lines: access.deletions.map((d) => `- 🔴 ${d.kind} ${q(d.id)}`),
        tables: () => [
          ...countTable('kind', 'kinds', 'deletions', access.deletions.map((d) => d.kind)),
          ...countTable('domain', 'domains', 'deletions', access.deletions.map((d) => d.domain ?? ''), (k) => (k ? q(k) : '(cluster)')),
        ] },
    );
    const otherLines = [
      ...access.owners.map((o) => `- 🟢 ${describeOwner(o, q)}`),
      ...access.entries.filter((e) => e.flags.length === 0).map((e) => `- ${describeAccess(e, q)}`),
    ];
    if (otherLines.length) other.push('**Other access changes**', '', ...otherLines, '');
  }
  const diagram = renderAccessDiagram(access);
  const details: string[] = [];
  const byDomain = new Map<string, Change[]>();
  for (const c of plan.changes) {
    if (!isShown(c)) continue;
    const key = c.domain ?? '(cluster)';
    pushTo(byDomain, key, c);
  }
  // Blocks are rendered only while they could fit: a large plan's comment is cut anyway.
  let budget = limit - size(head) - size(flagged.flatMap(renderSection)) - size(other) - size(diagram);
  for (const [domain, changes] of byDomain) {
    if (budget < 0) break;
    const counts = (['create', 'update', 'replace', 'delete'] as const)
      .map((a) => [a, changes.filter((c) => c.action === a).length] as const).filter(([, n]) => n > 0)
      .map(([a, n]) => `${n} to ${ACTION_VERB[a]}`);
    const adopted = changes.filter((c) => c.adopt).length;
    if (adopted) counts.push(`${adopted} adopted`);
    const block = [`<details><summary><b>${cell(domain)}</b>: ${counts.join(', ')}</summary>`, '', '| | kind | resource | detail |', '|---|---|---|---|'];
    for (const unmaskedChange of changes) {
      const c = maskSecrets(unmaskedChange);
      const detail = changeDetail(c, kinds).replace(/^adopt\b/, '**adopt**');
      block.push(`| ${c.adopt && c.action === 'no-op' ? '⚪ =' : ICON[c.action]} | ${c.kind} | \`${code(describeSubject(c, kinds))}\` | ${cell(detail)} |`);
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
  return fitComment({ head, flagged, other, diagram, changesHead, details, detailsTotal: byDomain.size, warnings }, limit);
}

const size = (lines: readonly string[]): number => lines.reduce((n, l) => n + l.length + 1, 0);

const TOP_ROWS = 10;

// Where not every widening can be listed, new readers of private and protected topics come first.
const NOTABILITY: AccessFlag[] = ['private-read', 'protected-read', 'cross-domain', 'everyone'];
const notability = (e: AccessEntry): number => Math.min(...e.flags.map((f) => NOTABILITY.indexOf(f)).filter((i) => i >= 0));

/** A table of how many lines fall in each group, the largest groups first, at most `TOP_ROWS` of them and a row for the rest. */
function countTable(group: string, groups: string, what: string, keys: readonly string[], show: (key: string) => string = (k) => k): string[] {
  const counts = new Map<string, number>();
  for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
  const rows = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const n = (x: number): string => x.toLocaleString('en-US');
  const rest = rows.slice(TOP_ROWS);
  // A table of ones says only how many groups there are.
  if (rows.length > 1 && rows[0]![1] === 1) return [`_By ${group}: one each for ${n(rows.length)} ${groups}._`, ''];
  return [
    `| ${group} | ${what} |`, '|---|--:|',
    ...rows.slice(0, TOP_ROWS).map(([k, c]) => `| ${show(k)} | ${n(c)} |`),
    ...(rest.length ? [`| ${n(rest.length)} more | ${n(rest.reduce((sum, [, c]) => sum + c, 0))} |`] : []),
    '',
  ];
}
