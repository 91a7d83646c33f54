import { SpecmeshError } from '../core/errors.js';

/**
 * A failed AWS call, classified: what was denied or broken, and what to do about it. The message
 * already carries the service's own text, so the SDK error is kept as `sdkError`, not as `cause`
 * (which the CLI would print a second time).
 */
export class AwsError extends SpecmeshError {
  /** The service's error code, e.g. `AccessDeniedException`, or `NetworkError` / `CredentialsError`. */
  readonly code: string;
  /** The IAM action of the call, e.g. `secretsmanager:CreateSecret`. */
  readonly action: string;
  readonly sdkError: unknown;
  constructor(message: string, options: { code: string; action: string; sdkError?: unknown; retriable?: boolean; fix?: string }) {
    super(message, { ...(options.retriable !== undefined ? { retriable: options.retriable } : {}), ...(options.fix ? { fix: options.fix } : {}) });
    this.name = 'AwsError';
    this.code = options.code;
    this.action = options.action;
    this.sdkError = options.sdkError;
  }
}
