import { describe, expect, it } from 'vitest';
import { readSpecCompatibility } from '../../../src/schema/spec-compatibility.js';
import { parseYamlSource } from '../../../src/spec/yaml-locator.js';

const read = (text: string) => readSpecCompatibility(parseYamlSource('api.yaml', text).source!);

describe('compatibility levels in a spec', () => {
  it('reads the message binding, else the channel binding, and the document default (AsyncAPI 2)', () => {
    const c = read(`asyncapi: '2.6.0'
id: 'urn:acme.a'
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
      bindings:
        kafka:
          x-specmesh-compatibility: BACKWARD_TRANSITIVE
`);
    expect(c.specDefault).toEqual({ value: 'FULL', location: { file: 'api.yaml', line: 3, column: 1 } });
    expect(c.byChannel.get('_public.by_message')).toEqual({ value: 'BACKWARD_TRANSITIVE', location: { file: 'api.yaml', line: 28, column: 11 } });
    expect(c.byChannel.get('_public.by_channel')?.value).toBe('FORWARD');
    expect(c.byChannel.has('_public.unset')).toBe(false);
  });

  it('finds AsyncAPI 3 channels by address and their first message', () => {
    const c = read(`asyncapi: '3.0.0'
id: 'urn:acme.a'
channels:
  signedUp:
    address: _public.signed_up
    messages:
      SignedUp:
        bindings:
          kafka:
            x-specmesh-compatibility: full_transitive
`);
    expect(c.byChannel.get('_public.signed_up')?.value).toBe('full_transitive');
  });
});
