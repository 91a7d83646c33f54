import type { Diagnostic } from './diagnostic.js';

/** specmesh's own errors: a name, whether retrying may help, the cause, and the CLI's exit code. */
export class SpecmeshError extends Error {
  readonly retriable: boolean;
  readonly fix?: string;
  /** The code machines read in the JSON failure document (`saved-plan-stale`); else one from the class. */
  readonly diagnosticCode?: string;
  constructor(message: string, options: { cause?: unknown; retriable?: boolean; fix?: string; code?: string } = {}) {
    super(message, options.cause !== undefined ? { cause: options.cause } : undefined);
    this.name = 'SpecmeshError';
    this.retriable = options.retriable ?? false;
    if (options.fix) this.fix = options.fix;
    if (options.code) this.diagnosticCode = options.code;
  }
}

/** The input is invalid: nothing was, or will be, changed. */
export class InvalidInputError extends SpecmeshError {
  constructor(readonly diagnostics: Diagnostic[], message = 'Invalid input') {
    super(message);
    this.name = 'InvalidInputError';
  }
}

/** A connection, authentication or server problem. */
export class ConnectionError extends SpecmeshError {
  constructor(message: string, options: { cause?: unknown; retriable?: boolean; fix?: string } = {}) {
    super(message, options);
    this.name = 'ConnectionError';
  }
}

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

/** The token could not be signed: AWS credentials are missing, expired, or the role cannot be assumed. */
export class MskIamTokenError extends ConnectionError {
  constructor(cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(`Could not sign an MSK IAM token: ${reason}`, {
      cause,
      retriable: false,
      fix: 'check the AWS credentials (e.g. `aws sts get-caller-identity`, with --profile if you use one); with SSO, run `aws sso login`',
    });
    this.name = 'MskIamTokenError';
  }
}
