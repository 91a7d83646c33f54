import type { Diagnostic } from '../core/diagnostic.js';

/** One diagnostic as machines read it: which rule, what, the fix, and where; the same keys always, null where unknown. */
export interface JsonDiagnostic {
  code: string;
  summary: string;
  fix: string | null;
  file: string | null;
  line: number | null;
  column: number | null;
}

export const jsonDiagnostic = (d: Diagnostic): JsonDiagnostic => ({
  code: d.code, summary: d.summary, fix: d.fix ?? null,
  file: d.location?.file ?? null, line: d.location?.line ?? null, column: d.location?.column ?? null,
});

/**
 * The document a command prints on stdout instead of its result when it fails with `--format json`:
 * `{ "formatVersion": 1, "errors": [...] }`, the errors of the diagnostics given (warnings left out).
 */
export function renderFailureJson(diagnostics: readonly Diagnostic[]): string {
  return `${JSON.stringify({ formatVersion: 1, errors: diagnostics.filter((d) => d.severity === 'error').map(jsonDiagnostic) }, null, 2)}\n`;
}

/** `validate --format json`: whether every spec is valid, the specs, and every diagnostic. */
export function renderValidationJson(result: { ok: boolean; files: readonly { file: string; domain?: string }[]; diagnostics: readonly Diagnostic[] }, verbose = false): string {
  const shown = result.diagnostics.filter((d) => d.severity !== 'info' || verbose);
  return `${JSON.stringify({
    formatVersion: 1,
    valid: result.ok,
    specs: result.files.map((f) => ({ file: f.file, ...(f.domain ? { domain: f.domain } : {}) })),
    errors: shown.filter((d) => d.severity === 'error').map(jsonDiagnostic),
    warnings: shown.filter((d) => d.severity === 'warning').map(jsonDiagnostic),
    ...(verbose ? { lints: shown.filter((d) => d.severity === 'info').map(jsonDiagnostic) } : {}),
  }, null, 2)}\n`;
}
