import { formatLocation, type Diagnostic } from '../core/diagnostic.js';
import { InvalidInputError, SpecmeshError } from '../core/errors.js';

/** NO_COLOR (any non-empty value) wins; FORCE_COLOR forces colour into pipes; else only on a terminal. */
export function useColor(stream: NodeJS.WriteStream): boolean {
  if (process.env['NO_COLOR']) return false;
  const force = process.env['FORCE_COLOR'];
  if (force !== undefined && force !== '') return force !== '0' && force !== 'false';
  return Boolean(stream.isTTY);
}

const paint = (on: boolean, code: string, s: string): string => (on ? `\x1b[${code}m${s}\x1b[0m` : s);

/** Diagnostics as `file:line:col: error: what` plus `fix:` lines, errors first. Lints only with --verbose. */
export function formatDiagnostics(diagnostics: readonly Diagnostic[], options: { verbose?: boolean; color?: boolean } = {}): string {
  const color = options.color ?? false;
  const shown = diagnostics.filter((d) => d.severity !== 'info' || options.verbose);
  const rank = { error: 0, warning: 1, info: 2 } as const;
  const sorted = [...shown].sort((a, b) => rank[a.severity] - rank[b.severity]
    || (a.location?.file ?? '').localeCompare(b.location?.file ?? '')
    || (a.location?.line ?? 0) - (b.location?.line ?? 0) || (a.location?.column ?? 0) - (b.location?.column ?? 0));
  const lines: string[] = [];
  for (const d of sorted) {
    const where = formatLocation(d.location);
    const label = d.severity === 'error' ? paint(color, '31;1', 'error') : d.severity === 'warning' ? paint(color, '33', 'warning') : paint(color, '2', 'lint');
    lines.push(`${where ? `${where}: ` : ''}${label}: ${d.summary} [${d.code}]`);
    if (d.fix) lines.push(`  fix: ${d.fix}`);
  }
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
  const lints = diagnostics.length - errors - warnings;
  if (errors || warnings) {
    lines.push(`${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}${lints && !options.verbose ? ` (${lints} style lint${lints === 1 ? '' : 's'} hidden; --verbose shows them)` : ''}`);
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
}

/** The one place errors become messages and exit codes. Never a stack trace (unless SPECMESH_DEBUG). */
export function describeError(err: unknown, color = false): { message: string; exitCode: number } {
  if (err instanceof InvalidInputError) return { message: formatDiagnostics(err.diagnostics, { color }), exitCode: 1 };
  if (err instanceof SpecmeshError) {
    const cause = err.cause instanceof Error ? ` (${err.cause.message})` : '';
    return { message: `${paint(color, '31;1', 'error')}: ${err.message}${cause}\n${err.fix ? `  fix: ${err.fix}\n` : ''}`, exitCode: 1 };
  }
  const e = err as { message?: string; oclif?: { exit?: number } };
  if (e?.oclif?.exit !== undefined) {
    // A command's own exit (`this.exit(2)` for --detailed-exitcode) keeps its code; a usage error
    // (unknown flag, bad value) is an error: 1, never the 2 that means "changes pending".
    if (/^EEXIT: \d+$/.test(e.message ?? '')) return { message: '', exitCode: e.oclif.exit };
    const fixes = unknownFlagFixes((err as { flags?: unknown }).flags).map((f) => `  fix: ${f}\n`).join('');
    return { message: e.message ? `${paint(color, '31;1', 'error')}: ${e.message}\n${fixes}` : '', exitCode: e.oclif.exit === 0 ? 0 : 1 };
  }
  const debug = process.env['SPECMESH_DEBUG'] && err instanceof Error ? `\n${err.stack}` : '';
  return { message: `${paint(color, '31;1', 'error')}: ${e?.message ?? String(err)}${debug}\n  (this is unexpected: rerun with SPECMESH_DEBUG=1 and report it)\n`, exitCode: 1 };
}

/** Flags users look for that specmesh leaves out on purpose, and what to use instead. */
const INSTEAD_OF: Record<string, string> = {
  '--sasl-password':
    'a password is never a flag (shell history and the process list would show it): set SPECMESH_SASL_PASSWORD, or pass --sasl-password-file <file>, or put sasl.jaas.config in a --command-config file',
};

/** The fixes for the unknown flags of oclif's "Nonexistent flag" error (`--name` or `--name=value`). */
function unknownFlagFixes(flags: unknown): string[] {
  if (!Array.isArray(flags)) return [];
  return flags.map((f) => INSTEAD_OF[String(f).split('=')[0] ?? '']).filter((f): f is string => f !== undefined);
}
