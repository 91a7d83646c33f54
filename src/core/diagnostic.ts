/** Where in which file: 1-based line and column. */
export interface SourceLocation {
  file: string;
  line?: number;
  column?: number;
}

export type Severity = 'error' | 'warning' | 'info';

/** A problem found in the input: what is wrong, where, and what to do about it. */
export interface Diagnostic {
  severity: Severity;
  /** Stable machine-readable code, e.g. `topic-name-illegal`. */
  code: string;
  /** One line saying what is wrong, naming the value. */
  summary: string;
  /** What to do about it. */
  fix?: string;
  location?: SourceLocation;
}

export const error = (code: string, summary: string, location?: SourceLocation, fix?: string): Diagnostic =>
  ({ severity: 'error', code, summary, ...(fix ? { fix } : {}), ...(location ? { location } : {}) });

export const warning = (code: string, summary: string, location?: SourceLocation, fix?: string): Diagnostic =>
  ({ severity: 'warning', code, summary, ...(fix ? { fix } : {}), ...(location ? { location } : {}) });

export const hasErrors = (diagnostics: readonly Diagnostic[]): boolean =>
  diagnostics.some((d) => d.severity === 'error');

export function formatLocation(location: SourceLocation | undefined): string {
  if (!location) return '';
  let s = location.file;
  if (location.line !== undefined) s += `:${location.line}`;
  if (location.line !== undefined && location.column !== undefined) s += `:${location.column}`;
  return s;
}
