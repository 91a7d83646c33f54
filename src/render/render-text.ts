import type { Change, Plan } from '../core/change.js';
import { maskSecrets } from '../core/mask-secrets.js';
import { changeDetail, isShown, symbolOf } from './describe-change.js';
import { BUILTIN_KINDS, describeSubject, type KindRegistry } from '../kinds/registry.js';
import { pushTo } from '../core/push-to.js';
import { accessCounts, accessOf, describeAccess, describeOwner, FLAG_TEXT } from './describe-access.js';

export interface TextRenderOptions {
  color?: boolean;
  /** Also list unchanged resources. */
  verbose?: boolean;
  /** The resource kinds; default the built-in ones. */
  kinds?: KindRegistry;
}

const COLORS: Record<Change['action'], string> = { create: '32', update: '33', replace: '35', delete: '31', 'no-op': '2' };

export function describeLiveSource(plan: Plan): string {
  switch (plan.liveSource) {
    case 'live': return 'against the live cluster';
    case 'state-file': return 'against the state file';
    case 'empty': return 'against an empty cluster (no connection)';
  }
}

/** What "no changes" means depends on what the plan compared the specs with. */
export function noChangesLine(plan: Plan): string {
  switch (plan.liveSource) {
    case 'live': return 'No changes. The cluster matches the specs.';
    case 'state-file': return 'No changes. The state file matches the specs (no cluster was read).';
    case 'empty': return 'No changes. The specs declare nothing to create (no cluster was read).';
  }
}

export function summaryLine(plan: Plan): string {
  const s = plan.summary;
  return `Plan: ${s.create} to create, ${s.update} to update, ${s.delete} to delete, ${s.noop} unchanged${s.adopt ? `, ${s.adopt} adopted` : ''}.`;
}

/** Terraform-like text: `+` create, `~` update, `-` delete, `=` adopted as it is, grouped by domain, a summary line last. */
export function renderText(unmasked: Plan, options: TextRenderOptions = {}): string {
  const plan = maskSecrets(unmasked);
  const paint = (code: string, s: string): string => (options.color ? `\x1b[${code}m${s}\x1b[0m` : s);
  const lines: string[] = [];
  const domains = plan.specs.map((s) => s.domain);
  lines.push(`specmesh plan: ${plan.specs.length} spec${plan.specs.length === 1 ? '' : 's'} (${domains.join(', ') || 'none'}) ${describeLiveSource(plan)}`);
  lines.push('', ...renderAccessText(plan, paint));
  const byDomain = new Map<string, Change[]>();
  for (const c of plan.changes) {
    if (!isShown(c, options.verbose)) continue;
    const key = c.domain ?? '(cluster)';
    pushTo(byDomain, key, c);
  }
  for (const [domain, changes] of byDomain) {
    lines.push('', paint('1', `# ${domain}`));
    for (const c of changes) {
      const detail = changeDetail(c, options.kinds ?? BUILTIN_KINDS, options.verbose);
      lines.push(paint(c.adopt && c.action === 'no-op' ? '36' : COLORS[c.action], `  ${symbolOf(c)} ${c.kind} ${describeSubject(c, options.kinds ?? BUILTIN_KINDS)}`) + (detail ? paint('2', `  (${detail})`) : ''));
    }
  }
  if (byDomain.size === 0) lines.push('', noChangesLine(plan));
  if (plan.warnings.length) {
    lines.push('', paint('33', 'Warnings:'));
    for (const w of plan.warnings) lines.push(paint('33', `  ! ${w.file ? `${w.file}${w.line ? `:${w.line}` : ''}: ` : ''}${w.message}`));
  }
  lines.push('', paint('1', summaryLine(plan)));
  return `${lines.join('\n')}\n`;
}

/** The access summary, first: flagged lines (widenings, lost access, deletions), then owner lines and the rest. */
function renderAccessText(plan: Plan, paint: (code: string, s: string) => string): string[] {
  const a = accessOf(plan);
  if (a.entries.length === 0 && a.owners.length === 0 && a.deletions.length === 0) return ['Access: no change.'];
  const lines = [paint('1', `Access: ${accessCounts(a)}`)];
  const flagged = a.entries.filter((e) => e.flags.length > 0);
  for (const e of flagged) lines.push(paint(e.flags.includes('lost') && e.gained.length === 0 ? '31' : '33', `  ! ${describeAccess(e)}  [${e.flags.map((f) => FLAG_TEXT[f]).join(', ')}]`));
  for (const d of a.deletions) lines.push(paint('31', `  ! delete ${d.kind} ${d.id}  [deletion]`));
  for (const o of a.owners) lines.push(paint('32', `  + ${describeOwner(o)}`));
  for (const e of a.entries) if (e.flags.length === 0) lines.push(`  ~ ${describeAccess(e)}`);
  return lines;
}
