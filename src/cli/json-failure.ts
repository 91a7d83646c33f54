import { InvalidInputError, SpecmeshError } from '../core/errors.js';
import { error } from '../core/diagnostic.js';
import { renderFailureJson } from '../render/render-diagnostics-json.js';

/** Whether the command line asked for `--format json` (read from argv: a failure may come before flags parse). */
export const wantsJson = (argv: readonly string[]): boolean =>
  argv.some((a, i) => a === '--format=json' || a === '-f=json' || ((a === '--format' || a === '-f') && argv[i + 1] === 'json'));

/** An error thrown by a command (connection, configuration, invalid input) as the JSON failure document. */
export function errorAsJson(err: unknown): string {
  if (err instanceof InvalidInputError) return renderFailureJson(err.diagnostics);
  const e = err as { message?: string; fix?: string; name?: string };
  const rule = err instanceof SpecmeshError ? err.name : 'error';
  return renderFailureJson([error(rule, e?.message ?? String(err), undefined, e?.fix)]);
}
