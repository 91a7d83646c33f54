import type { Diagnostic } from '../core/diagnostic.js';
import { InvalidInputError, SpecmeshError } from '../core/errors.js';

export { renderFailureJson as renderJsonErrors, type JsonDiagnostic as JsonError } from '../render/render-diagnostics-json.js';

/** A thrown error as diagnostics: its own for invalid input, else one; a registry error keeps its kind in the code (`schema-registry-timeout`). */
export function diagnosticsOfError(err: unknown): Diagnostic[] {
  if (err instanceof InvalidInputError) return err.diagnostics;
  const kind = (err as { kind?: unknown }).kind;
  if (err instanceof SpecmeshError) {
    const code = err.diagnosticCode ?? (err.name === 'SchemaRegistryError' && typeof kind === 'string'
      ? `schema-registry-${kind}`
      : err.name.replace(/Error$/, '').replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase() || 'error');
    return [{ severity: 'error', code, summary: err.message, ...(err.fix ? { fix: err.fix } : {}) }];
  }
  return [{ severity: 'error', code: 'unexpected', summary: err instanceof Error ? err.message : String(err), fix: 'This is unexpected: rerun with SPECMESH_DEBUG=1 and report it.' }];
}
