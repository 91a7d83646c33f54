import { SchemaRegistryError } from '../../schema/schema-registry-error.js';

const CERT_CODES = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT', 'CERT_UNTRUSTED', 'CERT_SIGNATURE_FAILURE', 'CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID', 'ERR_TLS_CERT_ALTNAME_INVALID',
  'ERR_SSL_WRONG_VERSION_NUMBER',
]);
const NETWORK_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN',
  'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED',
]);
/** No answer in time: undici's own timeouts, and an AbortSignal.timeout() firing. */
const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'TimeoutError']);

function codesOf(err: unknown): string[] {
  const out: string[] = [];
  for (let e: unknown = err, i = 0; e && typeof e === 'object' && i < 10; e = (e as { cause?: unknown }).cause, i++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') out.push(code);
    const name = (e as { name?: unknown }).name;
    if (name === 'TimeoutError') out.push(name);
  }
  return out;
}

/** Seconds as people write them: `15 s`, `1.5 s`. */
export const formatSeconds = (ms: number): string => `${Number((ms / 1000).toFixed(1))} s`;

/**
 * A transport failure (no HTTP answer) as a SchemaRegistryError. `timeoutMs` is the time a call
 * may take in all, named when the registry did not answer within it.
 */
export function classifyTransportError(err: unknown, operation: string, displayUrl: string, timeoutMs?: number): SchemaRegistryError {
  const codes = codesOf(err);
  const detail = codes[0] ?? (err instanceof Error ? err.message : String(err));
  if (codes.some((c) => TIMEOUT_CODES.has(c))) {
    const within = timeoutMs !== undefined ? ` within ${formatSeconds(timeoutMs)}` : ' in time';
    return new SchemaRegistryError('timeout', `Cannot ${operation}: the schema registry at ${displayUrl} did not answer${within} (it accepted the connection and sent nothing back)`, {
      retriable: true,
      fix: 'Check that the registry is up and answering requests (its health, its load balancer); if it is only slow, allow more time with --schema-registry-timeout <seconds> (or SPECMESH_SCHEMA_REGISTRY_TIMEOUT).',
    });
  }
  if (codes.some((c) => CERT_CODES.has(c))) {
    return new SchemaRegistryError('tls', `Cannot ${operation}: the TLS certificate of the schema registry at ${displayUrl} is not trusted (${detail})`, {
      cause: err, fix: 'Pass --schema-registry-ca with the PEM file of the CA that signed the registry\'s certificate.',
    });
  }
  if (codes.some((c) => NETWORK_CODES.has(c)) || codes.length === 0) {
    return new SchemaRegistryError('unreachable', `Cannot ${operation}: the schema registry at ${displayUrl} cannot be reached (${detail})`, {
      cause: err, retriable: true, fix: 'Check --schema-registry-url and that the registry is running and reachable from here.',
    });
  }
  return new SchemaRegistryError('unreachable', `Cannot ${operation}: the request to the schema registry at ${displayUrl} failed (${detail})`, { cause: err, retriable: true });
}

/** An HTTP error answer as a SchemaRegistryError, keeping the registry's own message. */
export function classifyHttpError(status: number, body: { error_code?: unknown; message?: unknown } | undefined, operation: string, displayUrl: string): SchemaRegistryError {
  const errorCode = typeof body?.error_code === 'number' ? body.error_code : undefined;
  const said = typeof body?.message === 'string' && body.message.trim() ? `: ${body.message.trim()}` : '';
  const base = { status, ...(errorCode !== undefined ? { errorCode } : {}) };
  const what = `Cannot ${operation} (schema registry at ${displayUrl} answered HTTP ${status}${errorCode !== undefined && errorCode !== status ? `, error ${errorCode}` : ''}${said})`;
  if (status === 401) return new SchemaRegistryError('authentication', what, { ...base, fix: 'Check the API key (--schema-registry-user) and secret (SPECMESH_SCHEMA_REGISTRY_PASSWORD).' });
  if (status === 403) return new SchemaRegistryError('authorization', what, { ...base, fix: 'Grant this API key access to the subject in the schema registry.' });
  if (status === 404) return new SchemaRegistryError('not-found', what, { ...base, fix: 'Check --schema-registry-url: it must be the base of the Confluent-compatible API (for Apicurio Registry, …/apis/ccompat/v7).' });
  if (status === 409) return new SchemaRegistryError('incompatible', what, base);
  if (status === 422 || status === 400) return new SchemaRegistryError('invalid', what, base);
  if (status === 429) return new SchemaRegistryError('throttled', what, { ...base, retriable: true });
  if (status >= 500) return new SchemaRegistryError('server', what, { ...base, retriable: true });
  return new SchemaRegistryError('protocol', what, base);
}
