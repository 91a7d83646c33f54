import type { Diagnostic } from './diagnostic.js';

/** specmesh's own errors: a name, whether retrying may help, the cause, and the CLI's exit code. */
export class SpecmeshError extends Error {
  readonly retriable: boolean;
  readonly fix?: string;
  constructor(message: string, options: { cause?: unknown; retriable?: boolean; fix?: string } = {}) {
    super(message, options.cause !== undefined ? { cause: options.cause } : undefined);
    this.name = 'SpecmeshError';
    this.retriable = options.retriable ?? false;
    if (options.fix) this.fix = options.fix;
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
