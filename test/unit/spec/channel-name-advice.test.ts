import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../../src/core/diagnostic.js';
import { loadSpecs } from '../../../src/spec/load/load-specs.js';
import { spec2, writeTempFiles } from '../../support/temp-specs.js';

// The fix a user reads for a channel name specmesh cannot own: it names this channel's own
// corrected name, and it is shown on the line that holds the name.
async function load(files: Record<string, string>) {
  const dir = writeTempFiles(files);
  return loadSpecs([dir], { cacheDir: false, cwd: dir, workers: 0 });
}
const find = (ds: Diagnostic[], code: string) => ds.filter((d) => d.code === code);
const spec3 = (channels: string, operations: string) =>
  `asyncapi: 3.0.0\nid: 'urn:acme.orders'\ninfo: { title: T, version: '1' }\nchannels:\n${channels}operations:\n${operations}`;

describe('a mistyped visibility segment', () => {
  it('in another domain\'s consumed topic, asks "did you mean" with the owner\'s name', async () => {
    const r = await load({ 'a.yaml': spec2('urn:acme.orders', '  acme.transport._pubic.tube:\n    subscribe: {}\n') });
    const [d] = find(r.diagnostics, 'consume-unowned');
    expect(d?.summary).toContain('did you mean acme.transport._public.tube?');
    expect(d?.fix).toBe('Consume `acme.transport._public.tube`, the owner\'s topic as its spec names it.');
  });

  it('asks "did you mean" with the intended name, and gives no SpecMesh migration advice', async () => {
    const r = await load({ 'a.yaml': spec2('urn:acme.orders', '  _pubic.order_state:\n    publish: {}\n') });
    const [d] = find(r.diagnostics, 'channel-visibility-typo');
    expect(d).toMatchObject({ severity: 'error', location: { file: 'a.yaml', line: 7 } });
    expect(d?.summary).toContain('did you mean _public.order_state?');
    expect(d?.fix).toContain('Rename the channel to `_public.order_state`');
    expect(`${d?.summary} ${d?.fix}`).not.toContain('SpecMesh');
    expect(r.diagnostics.map((x) => x.code)).not.toContain('channel-visibility-missing');
  });

  it('recognises each visibility, with or without the underscore, and swapped letters', async () => {
    const r = await load({
      'a.yaml': spec2(
        'urn:acme.orders',
        ['  _privte.a:', '    publish: {}', '  protcted.b:', '    publish: {}', '  _pubilc.c:', '    publish: {}', '  acme.orders._prvate.d:', '    publish: {}', ''].join('\n'),
      ),
    });
    expect(find(r.diagnostics, 'channel-visibility-typo').map((d) => /did you mean (\S+)\?/.exec(d.summary)?.[1])).toEqual([
      '_private.a',
      '_protected.b',
      '_public.c',
      'acme.orders._private.d',
    ]);
  });

  it('leaves names that are not near a visibility to the grant-based rename', async () => {
    const r = await load({ 'a.yaml': spec2('urn:acme.orders', '  privacy.consents:\n    publish: {}\n') });
    expect(find(r.diagnostics, 'channel-visibility-typo')).toEqual([]);
    expect(find(r.diagnostics, 'channel-visibility-missing')[0]?.fix).toContain('Rename the channel to `_private.privacy.consents`');
  });
});

describe('the legacy "/" separator', () => {
  it("names the channel's own dotted name in the fix", async () => {
    const r = await load({ 'a.yaml': spec2('urn:acme.orders', '  _private/user_checkout:\n    publish: {}\n  /_public/order_placed:\n    publish: {}\n') });
    expect(find(r.diagnostics, 'channel-legacy-separator').map((d) => d.fix)).toEqual([
      'Write the channel with "." separators: `_private.user_checkout`.',
      'Write the channel with "." separators: `_public.order_placed`.',
    ]);
  });
});

describe('AsyncAPI 3.0: a name written in `address`', () => {
  it('points naming problems at the `address:` line, not the channel key', async () => {
    const r = await load({
      'a.yaml': spec3(
        '  state:\n    address: _pubic.order_state\n  checkout:\n    address: _private/user_checkout\n',
        '  sendState:\n    action: send\n    channel: { $ref: "#/channels/state" }\n  sendCheckout:\n    action: send\n    channel: { $ref: "#/channels/checkout" }\n',
      ),
    });
    expect(find(r.diagnostics, 'channel-visibility-typo')[0]?.location?.line).toBe(6);
    expect(find(r.diagnostics, 'channel-legacy-separator')[0]?.location?.line).toBe(8);
  });

  it('points at the channel key when there is no `address`', async () => {
    const r = await load({ 'a.yaml': spec3('  _pubic.order_state: {}\n', '  send:\n    action: send\n    channel: { $ref: "#/channels/_pubic.order_state" }\n') });
    expect(find(r.diagnostics, 'channel-visibility-typo')[0]?.location?.line).toBe(5);
  });
});
