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
  return {
    url,
    ...(user !== undefined ? { username: user } : {}),
    ...(password !== undefined ? { password } : {}),
    ...(caFile ? { caFile } : {}),
  };
}
