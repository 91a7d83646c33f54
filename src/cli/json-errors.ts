import type { Diagnostic } from '../core/diagnostic.js';
import { InvalidInputError, SpecmeshError } from '../core/errors.js';

/** One error as `--format json` prints it; absent fields are null, so every error has the same keys. */
export interface JsonError {
  code: string;
  summary: string;
  fix: string | null;
  file: string | null;
  line: number | null;
  column: number | null;
}

/**
 * The JSON document a command prints on stdout instead of its result when it fails with
 * `--format json`: `{ "formatVersion": 1, "errors": [...] }`, the errors of the diagnostics given
 * (warnings and lints left out).
 */
export function renderJsonErrors(diagnostics: readonly Diagnostic[]): string {
  const errors: JsonError[] = diagnostics.filter((d) => d.severity === 'error').map((d) => ({
    code: d.code, summary: d.summary, fix: d.fix ?? null,
    file: d.location?.file ?? null, line: d.location?.line ?? null, column: d.location?.column ?? null,
  }));
  return `${JSON.stringify({ formatVersion: 1, errors }, null, 2)}\n`;
}

/** A thrown error as diagnostics: its own for invalid input, else one; a registry error keeps its kind in the code (`schema-registry-timeout`). */
export function diagnosticsOfError(err: unknown): Diagnostic[] {
  if (err instanceof InvalidInputError) return err.diagnostics;
  const kind = (err as { kind?: unknown }).kind;
  if (err instanceof SpecmeshError) {
    const code = err.name === 'SchemaRegistryError' && typeof kind === 'string'
      ? `schema-registry-${kind}`
      : err.name.replace(/Error$/, '').replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase() || 'error';
    return [{ severity: 'error', code, summary: err.message, ...(err.fix ? { fix: err.fix } : {}) }];
  }
  return [{ severity: 'error', code: 'unexpected', summary: err instanceof Error ? err.message : String(err), fix: 'This is unexpected: rerun with SPECMESH_DEBUG=1 and report it.' }];
}
