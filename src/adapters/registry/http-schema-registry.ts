import { readFileSync } from 'node:fs';
import { Agent, request, type Dispatcher } from 'undici';
import { parseCompatibilityLevel, type CompatibilityLevel } from '../../spec/compatibility-level.js';
import { classifyHttpError, classifyTransportError } from './classify-registry-error.js';
import { withRetry } from './retry.js';
import { SchemaRegistryError } from '../../schema/schema-registry-error.js';
import type { CompatibilityResult, PinnedReference, RegisteredSchema, SchemaDefinition, SchemaRegistryPort } from '../../schema/schema-registry-port.js';
import type { SchemaType } from '../../schema/schema-subject.js';

export interface HttpSchemaRegistryOptions {
  /** Base URL of the Confluent-compatible API (Apicurio Registry: `…/apis/ccompat/v7`). */
  url: string;
  /** Basic auth: API key and secret. Credentials written into the URL are used too. */
  username?: string;
  password?: string;
  /** PEM CA certificate(s) to trust for https, as text or a file path. */
  ca?: string;
  caFile?: string;
  /** The longest one call may take, retries included; default {@link DEFAULT_REGISTRY_TIMEOUT_MS} (10 s). */
  timeoutMs?: number;
  /** Further attempts after 5xx, 429, network errors and timeouts, while time remains; default 4. */
  retries?: number;
  retryBaseMs?: number;
}

export interface HttpSchemaRegistry extends SchemaRegistryPort {
  close(): Promise<void>;
}

const CONTENT_TYPE = 'application/vnd.schemaregistry.v1+json';

/** How long one registry call may take, retries included, unless --schema-registry-timeout says otherwise. */
export const DEFAULT_REGISTRY_TIMEOUT_MS = 10_000;

interface WireSchema {
  subject?: string;
  version?: number;
  id?: number;
  schema?: string;
  schemaType?: string;
  references?: PinnedReference[];
}

/** The real adapter: Confluent's REST API over undici, with retries and classified errors. */
export function httpSchemaRegistry(options: HttpSchemaRegistryOptions): HttpSchemaRegistry {
  const parsed = new URL(options.url);
  const username = options.username ?? (parsed.username ? decodeURIComponent(parsed.username) : undefined);
  const password = options.password ?? (parsed.password ? decodeURIComponent(parsed.password) : undefined);
  parsed.username = '';
  parsed.password = '';
  const base = parsed.toString().replace(/\/+$/, '');
  const displayUrl = base;
  const ca = options.ca ?? (options.caFile ? readFileSync(options.caFile, 'utf8') : undefined);
  const timeout = options.timeoutMs ?? DEFAULT_REGISTRY_TIMEOUT_MS;
  const dispatcher: Dispatcher = new Agent({ connect: { ...(ca ? { ca } : {}), timeout: Math.min(timeout, 10_000) }, headersTimeout: timeout, bodyTimeout: timeout });
  const authorization = username !== undefined ? `Basic ${Buffer.from(`${username}:${password ?? ''}`).toString('base64')}` : undefined;
  // Belt and braces: whatever a server or library echoes, the secret never reaches a message.
  const scrub = (text: string): string => (password ? text.split(password).join('***') : text);

  async function call<T>(method: Dispatcher.HttpMethod, path: string, operation: string, body?: unknown, allow404 = false): Promise<T | undefined> {
    const deadline = Date.now() + timeout;
    return withRetry(async (attempt) => {
      // A registry that hangs gets two attempts at most: half the time each, unless it is the last.
      const remaining = Math.max(1, deadline - Date.now());
      const signal = AbortSignal.timeout(attempt.last ? remaining : Math.min(remaining, Math.ceil(timeout / 2)));
      let res: Dispatcher.ResponseData;
      let text: string;
      try {
        res = await request(`${base}${path}`, {
          method,
          dispatcher,
          signal,
          headers: {
            accept: `${CONTENT_TYPE}, application/json`,
            ...(body !== undefined ? { 'content-type': CONTENT_TYPE } : {}),
            ...(authorization ? { authorization } : {}),
          },
          ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        });
        text = await res.body.text();
      } catch (e) {
        throw scrubbed(classifyTransportError(e, operation, displayUrl, timeout));
      }
      let json: unknown;
      try {
        json = text ? JSON.parse(text) : undefined;
      } catch {
        json = undefined;
      }
      if (res.statusCode >= 200 && res.statusCode < 300) {
        if (text && json === undefined) {
          throw new SchemaRegistryError('protocol', `Cannot ${operation}: the schema registry at ${displayUrl} answered HTTP ${res.statusCode} with something other than JSON`, {
            status: res.statusCode, fix: 'Check --schema-registry-url: it must be the base of the Confluent-compatible API (for Apicurio Registry, …/apis/ccompat/v7).',
          });
        }
        return json as T;
      }
      if (res.statusCode === 404 && allow404) return undefined;
      const err = classifyHttpError(res.statusCode, json as { error_code?: unknown; message?: unknown } | undefined, operation, displayUrl);
      const retryAfter = Number(res.headers['retry-after']);
      if (Number.isFinite(retryAfter) && retryAfter > 0) err.retryAfterMs = Math.min(retryAfter, 30) * 1000;
      throw scrubbed(err);
    }, {
      retries: options.retries ?? 4,
      baseMs: options.retryBaseMs ?? 200,
      deadline,
      waitHint: (e) => (e instanceof SchemaRegistryError ? e.retryAfterMs : undefined),
    });
  }

  function scrubbed(err: SchemaRegistryError): SchemaRegistryError {
    if (!password || !err.message.includes(password)) return err;
    const copy = new SchemaRegistryError(err.kind, scrub(err.message), {
      ...(err.status !== undefined ? { status: err.status } : {}),
      ...(err.errorCode !== undefined ? { errorCode: err.errorCode } : {}),
      retriable: err.retriable, ...(err.fix ? { fix: err.fix } : {}),
    });
    return copy;
  }

  const s = (subject: string): string => encodeURIComponent(subject);
  const wireBody = (d: SchemaDefinition) => ({
    schema: d.schema,
    ...(d.schemaType !== 'AVRO' ? { schemaType: d.schemaType } : {}),
    ...(d.references.length ? { references: d.references.map((r) => ({ name: r.name, subject: r.subject, version: r.version })) } : {}),
  });
  const toRegistered = (w: WireSchema, subject: string): RegisteredSchema => ({
    subject: w.subject ?? subject,
    version: w.version ?? 0,
    id: w.id ?? 0,
    schema: w.schema ?? '',
    schemaType: (w.schemaType ?? 'AVRO').toUpperCase() as SchemaType,
    references: (w.references ?? []).map((r) => ({ name: r.name, subject: r.subject, version: r.version })),
  });
  const levelOf = (body: { compatibilityLevel?: unknown; compatibility?: unknown } | undefined): CompatibilityLevel | undefined =>
    parseCompatibilityLevel(body?.compatibilityLevel ?? body?.compatibility);

  return {
    displayUrl,
    async listSubjects() {
      return (await call<string[]>('GET', '/subjects', 'list subjects')) ?? [];
    },
    async listVersions(subject) {
      return call<number[]>('GET', `/subjects/${s(subject)}/versions`, `list the versions of subject "${subject}"`, undefined, true);
    },
    async getVersion(subject, version) {
      const w = await call<WireSchema>('GET', `/subjects/${s(subject)}/versions/${version}`, `read version ${version} of subject "${subject}"`, undefined, true);
      return w ? toRegistered(w, subject) : undefined;
    },
    async getCompatibility(subject) {
      // Confluent answers 404 for a subject without its own level unless asked to fall back to the global one.
      const own = await call<{ compatibilityLevel?: unknown; compatibility?: unknown }>('GET', `/config/${s(subject)}?defaultToGlobal=true`, `read the compatibility level of subject "${subject}"`, undefined, true);
      if (own) return levelOf(own);
      return levelOf(await call('GET', '/config', 'read the global compatibility level', undefined, true));
    },
    async setCompatibility(subject, level) {
      await call('PUT', `/config/${s(subject)}`, `set compatibility ${level} on subject "${subject}"`, { compatibility: level });
    },
    async testCompatibility(subject, schema, scope): Promise<CompatibilityResult> {
      // `…/versions` checks the versions the subject's level covers on Confluent's registry, and
      // every version on Apicurio's (even for a non-transitive level): only transitive levels ask it.
      const versions = scope === 'all' ? 'versions' : 'versions/latest';
      const res = await call<{ is_compatible?: boolean; messages?: unknown }>('POST', `/compatibility/subjects/${s(subject)}/${versions}?verbose=true`,
        `check the compatibility of a schema with subject "${subject}"`, wireBody(schema), true);
      // No subject or version yet: nothing to be incompatible with.
      if (res?.is_compatible !== false) return { compatible: true };
      const messages = Array.isArray(res.messages) ? res.messages.map((m) => scrub(String(m))) : [];
      return { compatible: false, messages };
    },
    async register(subject, schema) {
      const res = await call<{ id?: number }>('POST', `/subjects/${s(subject)}/versions`, `register a schema under subject "${subject}"`, wireBody(schema));
      return { id: res?.id ?? 0 };
    },
    async lookup(subject, schema) {
      const w = await call<WireSchema>('POST', `/subjects/${s(subject)}`, `look up a schema in subject "${subject}"`, wireBody(schema), true);
      return w && typeof w.version === 'number' ? { version: w.version, id: w.id ?? 0 } : undefined;
    },
    async deleteSubject(subject) {
      return (await call<number[]>('DELETE', `/subjects/${s(subject)}`, `delete subject "${subject}"`, undefined, true)) ?? [];
    },
    async close() {
      // Ends requests still in flight (to a registry that does not answer) rather than waiting for them.
      await dispatcher.destroy();
    },
  };
}
