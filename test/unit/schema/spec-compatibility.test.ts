import { describe, expect, it } from 'vitest';
import { loadSpecs } from '../../../src/spec/load/load-specs.js';
import { writeTempFiles } from '../../support/temp-specs.js';

async function load(text: string) {
  const dir = writeTempFiles({ 'api.yaml': text });
  return loadSpecs([dir], { cacheDir: false, cwd: dir });
}

describe('compatibility levels in a spec', () => {
  it('reads the message binding, else the channel binding, and the document default (AsyncAPI 2)', async () => {
    const r = await load(`asyncapi: '2.6.0'
id: 'urn:acme.a'
info: { title: T, version: '1' }
x-specmesh-compatibility: FULL
channels:
  _public.by_message:
    bindings:
      kafka:
        x-specmesh-compatibility: NONE
    publish:
      message:
        $ref: '#/components/messages/M'
  _public.by_channel:
    bindings:
      kafka:
        x-specmesh-compatibility: FORWARD
    publish:
      message:
        oneOf:
          - payload: { type: string }
  _public.unset:
    publish:
      message: { payload: { type: string } }
components:
  messages:
    M:
      payload: { type: string }
      bindings:
        kafka:
          x-specmesh-compatibility: BACKWARD_TRANSITIVE
`);
    const d = r.domains[0]!;
    expect(d.compatibility).toBe('FULL');
    expect(d.produces.map((t) => [t.channel, t.compatibility])).toEqual([
      ['_public.by_message', 'BACKWARD_TRANSITIVE'], ['_public.by_channel', 'FORWARD'], ['_public.unset', undefined],
    ]);
  });

  it('finds AsyncAPI 3 channels by address and their first message, in any case', async () => {
    const r = await load(`asyncapi: '3.0.0'
id: 'urn:acme.a'
info: { title: T, version: '1' }
channels:
  signedUp:
    address: _public.signed_up
    messages:
      SignedUp:
        payload: { type: string }
        bindings:
          kafka:
            x-specmesh-compatibility: full_transitive
operations:
  send: { action: send, channel: { $ref: '#/channels/signedUp' } }
`);
    expect(r.domains[0]!.produces[0]!.compatibility).toBe('FULL_TRANSITIVE');
  });

  it('rejects an unknown level when the spec is validated, at its line, with the levels there are', async () => {
    const r = await load(`asyncapi: '2.6.0'\nid: 'urn:acme.a'\ninfo: { title: T, version: '1' }\nx-specmesh-compatibility: SOMETIMES\nchannels: {}\n`);
    expect(r.ok).toBe(false);
    expect(r.diagnostics.find((d) => d.code === 'schema-compatibility-invalid')).toMatchObject({ location: { line: 4 }, fix: expect.stringContaining('BACKWARD') });
  });
});
