import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { validateAsyncApi } from '../../../src/spec/load/asyncapi-validate.js';

// One parser serves every spec of a process (its compiled validators and queries are shared):
// nothing of one document may show in the findings of another.
describe('the AsyncAPI parser shared by the specs of a process', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'specmesh-parser-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const v2 = (id: string, message: string): string => `asyncapi: '2.6.0'
id: 'urn:acme.${id}'
info: { title: ${id}, version: '1.0.0' }
channels:
  _private.events:
    publish:
      operationId: publish_${id}
      message:
        ${message}
`;
  const v3 = `asyncapi: 3.0.0
id: 'urn:acme.three'
info: { title: three, version: '1.0.0' }
channels:
  events:
    address: _private.events
    messages:
      event: { payload: { type: object } }
operations:
  send:
    action: send
    channel: { $ref: '#/channels/events' }
`;
  const errors = (diagnostics: { severity: string; code: string }[]): string[] =>
    diagnostics.filter((d) => d.severity === 'error').map((d) => d.code);

  it('finds the same problems in a document whatever was parsed before it, of either AsyncAPI version', async () => {
    const files = {
      bad: path.join(dir, 'bad-api.yaml'),
      good: path.join(dir, 'good-api.yaml'),
      three: path.join(dir, 'three-api.yaml'),
    };
    writeFileSync(files.bad, v2('bad', '{ payload: { type: nonsense } }'));
    writeFileSync(files.good, v2('good', '{ payload: { type: object } }'));
    writeFileSync(files.three, v3);

    const first = { bad: await validateAsyncApi(files.bad), good: await validateAsyncApi(files.good), three: await validateAsyncApi(files.three) };
    expect(errors(first.bad)).toContain('asyncapi/asyncapi2-schemas');
    expect(errors(first.good)).toEqual([]);
    expect(errors(first.three)).toEqual([]);

    // Again, in another order, and all at once.
    const [three, good, bad] = await Promise.all([validateAsyncApi(files.three), validateAsyncApi(files.good), validateAsyncApi(files.bad)]);
    expect(three).toEqual(first.three);
    expect(good).toEqual(first.good);
    expect(bad).toEqual(first.bad);
  });
});
