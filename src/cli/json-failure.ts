import { diagnosticsOfError } from './json-errors.js';
import { renderFailureJson } from '../render/render-diagnostics-json.js';

/** Whether the command line asked for `--format json` (read from argv: a failure may come before flags parse). */
export const wantsJson = (argv: readonly string[]): boolean =>
  argv.some((a, i) => a === '--format=json' || a === '-f=json' || ((a === '--format' || a === '-f') && argv[i + 1] === 'json'));

/** An error thrown by a command (connection, configuration, invalid input, a registry) as the JSON failure document. */
export function errorAsJson(err: unknown): string {
  return renderFailureJson(diagnosticsOfError(err));
}
