import { SpecmeshError } from '../core/errors.js';

export type SchemaRegistryErrorKind =
  | 'unreachable' | 'timeout' | 'tls' | 'authentication' | 'authorization' | 'not-found' | 'incompatible' | 'invalid'
  | 'throttled' | 'server' | 'protocol';

/** A failed schema registry call: what was attempted, what the registry said, and what to do. */
export class SchemaRegistryError extends SpecmeshError {
  readonly kind: SchemaRegistryErrorKind;
  /** HTTP status, when the registry answered. */
  readonly status?: number;
  /** Confluent's `error_code` (e.g. 42201 invalid schema, 40401 subject not found). */
  readonly errorCode?: number;
  /** How long the registry asked to wait (HTTP 429/503 `Retry-After`). */
  retryAfterMs?: number;
  constructor(kind: SchemaRegistryErrorKind, message: string, options: { status?: number; errorCode?: number; cause?: unknown; retriable?: boolean; fix?: string } = {}) {
    super(message, { cause: options.cause, retriable: options.retriable ?? false, ...(options.fix ? { fix: options.fix } : {}) });
    this.name = 'SchemaRegistryError';
    this.kind = kind;
    if (options.status !== undefined) this.status = options.status;
    if (options.errorCode !== undefined) this.errorCode = options.errorCode;
  }
}
