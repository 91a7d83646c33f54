import { ConnectionConfigError } from '../../core/errors.js';
import type { HttpSchemaRegistryOptions } from './http-schema-registry.js';

/** What a user gives to reach a registry (flags, each with an environment variable as fallback). */
export interface SchemaRegistryInputs {
  /** --schema-registry-url, SPECMESH_SCHEMA_REGISTRY_URL */
  url?: string;
  /** --schema-registry-user, SPECMESH_SCHEMA_REGISTRY_USER: the API key, or `key:secret` as in Confluent's `basic.auth.user.info`. */
  user?: string;
  /** SPECMESH_SCHEMA_REGISTRY_PASSWORD only: the API secret never needs to be on a command line. */
  password?: string;
  /** --schema-registry-ca, SPECMESH_SCHEMA_REGISTRY_CA: a PEM file. */
  caFile?: string;
  /** --schema-registry-timeout, SPECMESH_SCHEMA_REGISTRY_TIMEOUT: seconds one registry call may take, retries included (default 10). */
  timeout?: number | string;
}

/** The adapter options for the inputs, or undefined when no registry is configured (plan skips schemas). */
export function schemaRegistryOptions(inputs: SchemaRegistryInputs, env: NodeJS.ProcessEnv = process.env): HttpSchemaRegistryOptions | undefined {
  const url = inputs.url ?? env['SPECMESH_SCHEMA_REGISTRY_URL'];
  if (!url) return undefined;
  let user = inputs.user ?? env['SPECMESH_SCHEMA_REGISTRY_USER'];
  let password = inputs.password ?? env['SPECMESH_SCHEMA_REGISTRY_PASSWORD'];
  if (user !== undefined && password === undefined && user.includes(':')) {
    [user, password] = [user.slice(0, user.indexOf(':')), user.slice(user.indexOf(':') + 1)];
  }
  const caFile = inputs.caFile ?? env['SPECMESH_SCHEMA_REGISTRY_CA'];
  const timeoutMs = timeoutOf(inputs.timeout, env['SPECMESH_SCHEMA_REGISTRY_TIMEOUT']);
  return {
    url,
    ...(user !== undefined ? { username: user } : {}),
    ...(password !== undefined ? { password } : {}),
    ...(caFile ? { caFile } : {}),
    ...(timeoutMs !== undefined ? { timeoutMs } : {}),
  };
}

function timeoutOf(flag: number | string | undefined, env: string | undefined): number | undefined {
  const raw = flag ?? (env?.trim() ? env : undefined);
  if (raw === undefined) return undefined;
  const seconds = typeof raw === 'number' ? raw : Number(raw.trim());
  if (!Number.isFinite(seconds) || seconds <= 0 || (typeof raw === 'string' && raw.trim() === '')) {
    const where = flag !== undefined ? '--schema-registry-timeout' : 'SPECMESH_SCHEMA_REGISTRY_TIMEOUT';
    throw new ConnectionConfigError(`${where} must be a positive number of seconds (got ${JSON.stringify(String(raw))})`,
      'Give the seconds one schema registry call may take, retries included, e.g. --schema-registry-timeout 30.');
  }
  return Math.round(seconds * 1000);
}
