import { SpecmeshError } from '../../../core/errors.js';

/**
 * The connection settings are wrong or incomplete. `message` names the file, key, flag or
 * variable at fault; `fix` says what to change. Neither ever contains a secret.
 */
export class ConnectionConfigError extends SpecmeshError {
  declare readonly fix: string;

  constructor(message: string, fix: string, options: { cause?: unknown } = {}) {
    super(message, { ...options, fix, retriable: false });
    this.name = 'ConnectionConfigError';
  }
}
