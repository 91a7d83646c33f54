import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadSpecs } from '../../../src/spec/load/load-specs.js';
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

  it('reads a `$ref`ed document again for the next parse, so a fix to it is seen in the same process', async () => {
    writeFileSync(path.join(dir, 'orders-api.yaml'), v2('orders', `$ref: './common.yaml#/components/messages/Event'`));
    const common = (type: string): string => `components:\n  messages:\n    Event:\n      payload:\n        type: ${type}\n`;
    const load = () => loadSpecs([dir], { cwd: dir, cacheDir: false, workers: 0 });

    writeFileSync(path.join(dir, 'common.yaml'), common('nonsense'));
    const broken = await load();
    expect(broken.ok).toBe(false);
    expect(errors(broken.diagnostics)).toContain('asyncapi/asyncapi2-schemas');

    writeFileSync(path.join(dir, 'common.yaml'), common('object'));
    const fixed = await load();
    expect(errors(fixed.diagnostics)).toEqual([]);
    expect(fixed.ok).toBe(true);
  });

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

  it('reports what it finds in a `$ref`ed file the same for every spec, parsed one after another or together', async () => {
    writeFileSync(path.join(dir, 'common.yaml'), 'components:\n  messages:\n    Event:\n      payload:\n        type: object\n');
    const files = ['a', 'b', 'c'].map((id) => {
      const file = path.join(dir, `${id}-api.yaml`);
      writeFileSync(file, v2(id, `$ref: './common.yaml#/components/messages/Event'`));
      return file;
    });
    const where = (diagnostics: { code: string; location?: { line?: number; column?: number } }[]): string[] =>
      diagnostics.filter((d) => d.code === 'asyncapi/asyncapi2-message-messageId').map((d) => `${d.location?.line}:${d.location?.column}`);

    const oneByOne: string[][] = [];
    for (const f of files) oneByOne.push(where(await validateAsyncApi(f)));
    const together = (await Promise.all(files.map(validateAsyncApi))).map(where);
    expect(oneByOne[0]).toHaveLength(1);
    expect(new Set([...oneByOne, ...together].map((w) => w.join()))).toEqual(new Set([oneByOne[0]!.join()]));
  });
});
