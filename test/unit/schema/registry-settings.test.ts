import { describe, expect, it } from 'vitest';
import { describeSchemaState } from '../../../src/schema/describe-schema.js';
import { schemaRegistryOptions } from '../../../src/adapters/registry/registry-settings.js';

describe('schema registry settings', () => {
  it('configures no registry without a URL', () => {
    expect(schemaRegistryOptions({}, {})).toBeUndefined();
  });

  it('takes flags first, then SPECMESH_SCHEMA_REGISTRY_* variables, the secret from the environment', () => {
    const env = { SPECMESH_SCHEMA_REGISTRY_URL: 'https://env', SPECMESH_SCHEMA_REGISTRY_USER: 'env-key', SPECMESH_SCHEMA_REGISTRY_PASSWORD: 's3cret', SPECMESH_SCHEMA_REGISTRY_CA: '/ca.pem' };
    expect(schemaRegistryOptions({ url: 'https://flag', user: 'flag-key' }, env)).toEqual({ url: 'https://flag', username: 'flag-key', password: 's3cret', caFile: '/ca.pem' });
  });

  it('reads Confluent\'s key:secret form', () => {
    expect(schemaRegistryOptions({ url: 'https://sr', user: 'KEY:SE:CRET' }, {})).toEqual({ url: 'https://sr', username: 'KEY', password: 'SE:CRET' });
  });

  it('takes the timeout in seconds from the flag, else SPECMESH_SCHEMA_REGISTRY_TIMEOUT', () => {
    expect(schemaRegistryOptions({ url: 'https://sr', timeout: '2.5' }, { SPECMESH_SCHEMA_REGISTRY_TIMEOUT: '9' })).toEqual({ url: 'https://sr', timeoutMs: 2_500 });
    expect(schemaRegistryOptions({ url: 'https://sr' }, { SPECMESH_SCHEMA_REGISTRY_TIMEOUT: '9' })).toEqual({ url: 'https://sr', timeoutMs: 9_000 });
    expect(schemaRegistryOptions({ url: 'https://sr', timeout: 1 }, {})).toEqual({ url: 'https://sr', timeoutMs: 1_000 });
  });

  it('refuses a timeout that is not a positive number of seconds, naming where it came from', () => {
    expect(() => schemaRegistryOptions({ url: 'https://sr', timeout: '0' }, {})).toThrow('--schema-registry-timeout must be a positive number of seconds (got "0")');
    expect(() => schemaRegistryOptions({ url: 'https://sr' }, { SPECMESH_SCHEMA_REGISTRY_TIMEOUT: '15s' })).toThrow('SPECMESH_SCHEMA_REGISTRY_TIMEOUT must be a positive number of seconds (got "15s")');
  });

  it('describes a subject state in one line', () => {
    expect(describeSchemaState({ subject: 's', schemaType: 'AVRO', schema: '"int"', compatibility: 'BACKWARD', version: 2, references: [{ name: 'a.A', subject: 'a.A', version: 1 }, { name: 'a.B', subject: 'a.B' }] }))
      .toBe('AVRO v2, compatibility BACKWARD, references a.A@1, a.B@new');
    expect(describeSchemaState({ subject: 's', schemaType: 'AVRO', schema: '"int"', compatibility: 'BACKWARD', references: [{ name: 'a.A', subject: 'a._public.things-value' }] }))
      .toBe('AVRO, compatibility BACKWARD, references a.A (subject a._public.things-value)@new');
  });
});
