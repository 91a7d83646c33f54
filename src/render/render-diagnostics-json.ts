import type { Diagnostic } from '../core/diagnostic.js';

/** One diagnostic as machines read it: where, which rule, what, and the fix. */
export interface JsonDiagnostic {
  severity: Diagnostic['severity'];
  rule: string;
  message: string;
  file?: string;
  line?: number;
  column?: number;
  fix?: string;
}

export const jsonDiagnostic = (d: Diagnostic): JsonDiagnostic => ({
  severity: d.severity,
  rule: d.code,
  message: d.summary,
  ...(d.location?.file ? { file: d.location.file } : {}),
  ...(d.location?.line !== undefined ? { line: d.location.line } : {}),
  ...(d.location?.column !== undefined ? { column: d.location.column } : {}),
  ...(d.fix ? { fix: d.fix } : {}),
});

/**
 * A failure as one JSON document on stdout (`--format json`): `formatVersion` 1 and `errors`, each
 * with file, line, column, rule, message and fix where known, and the warnings beside them.
 */
export function renderFailureJson(diagnostics: readonly Diagnostic[]): string {
  const errors = diagnostics.filter((d) => d.severity === 'error').map(jsonDiagnostic);
  const warnings = diagnostics.filter((d) => d.severity === 'warning').map(jsonDiagnostic);
  return `${JSON.stringify({ formatVersion: 1, errors, warnings }, null, 2)}\n`;
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
