import type { ApplyReport } from '../core/apply-plan.js';
import { ACTION_VERB } from './describe-change.js';

/** One line per applied change, then a summary; failures name their error. */
export function renderResults(report: ApplyReport, options: { color?: boolean } = {}): string {
  const paint = (code: string, s: string): string => (options.color ? `\x1b[${code}m${s}\x1b[0m` : s);
  const lines: string[] = [];
  for (const r of report.results) {
    if (r.status === 'skipped' && r.action === 'no-op') continue;
    const mark = r.status === 'ok' ? paint('32', 'ok     ') : r.status === 'failed' ? paint('31', 'FAILED ') : paint('33', 'skipped');
    lines.push(`${mark} ${ACTION_VERB[r.action]} ${r.kind} ${r.id}${r.error ? `: ${r.error}` : ''}`);
  }
  const applied = report.results.filter((r) => r.action !== 'no-op');
  lines.push('', paint('1', `Apply: ${report.ok} ok, ${report.failed} failed, ${applied.length - report.ok - report.failed} skipped, ${report.results.length - applied.length} unchanged.`));
  return `${lines.join('\n')}\n`;
}
