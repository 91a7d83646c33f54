import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSpecs } from '../../../src/spec/load/load-specs.js';
import { writeTempFiles } from '../../support/temp-specs.js';

const errorsOf = async (file: string) => {
  const r = await loadSpecs([file], { cacheDir: false });
  expect(r.ok).toBe(false);
  return r.diagnostics.filter((d) => d.severity === 'error');
};

describe('a file that cannot be a spec', () => {
  it('gives a binary file one "not a text file" error', async () => {
    const dir = writeTempFiles({ 'x.yaml': '' });
    writeFileSync(path.join(dir, 'x.yaml'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x00, 0x00, 0xff, 0xfe, 0x0a, 0x3a]));
    const errors = await errorsOf(path.join(dir, 'x.yaml'));
    expect(errors.map((d) => d.code)).toEqual(['spec-not-text']);
    expect(errors[0]?.summary).toContain('is not a text file');
  });

  it('gives an empty file one error', async () => {
    const dir = writeTempFiles({ 'x.yaml': '\n  \n' });
    const errors = await errorsOf(path.join(dir, 'x.yaml'));
    expect(errors.map((d) => d.code)).toEqual(['spec-empty']);
  });

  it('gives asyncapi 1.2.0 one answer about the version to use', async () => {
    const dir = writeTempFiles({ 'x.yaml': "asyncapi: 1.2.0\nid: 'urn:acme.orders'\nchannels: {}\n" });
    const errors = await errorsOf(path.join(dir, 'x.yaml'));
    expect(errors.map((d) => d.code)).toEqual(['asyncapi-version']);
    expect(errors[0]?.fix).toContain('2.6.0');
  });
});
