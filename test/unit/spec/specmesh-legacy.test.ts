import { describe, expect, it } from 'vitest';
import { loadSpecs } from '../../../src/spec/load/load-specs.js';
import type { Diagnostic } from '../../../src/core/diagnostic.js';
import { spec2, writeTempFiles } from '../../support/temp-specs.js';

// Specs written the way SpecMesh's releases accepted them: accepted with the modern form shown, or
// refused with a diagnostic of their own that names the exact rename.
async function load(files: Record<string, string>) {
  const dir = writeTempFiles(files);
  return loadSpecs([dir], { cacheDir: false, cwd: dir, workers: 0 });
}
const codes = (ds: Diagnostic[], severity: Diagnostic['severity']) => ds.filter((d) => d.severity === severity).map((d) => d.code);
const find = (ds: Diagnostic[], code: string) => ds.filter((d) => d.code === code);

describe('SpecMesh grant targets and ids with a leading dot', () => {
  it('reads `grant-access:.some.other.domain.root` as that domain, and warns with the modern form at the tag', async () => {
    const r = await load({ 'a.yaml': spec2('urn:acme.orders', '  _protected.x:\n    publish:\n      tags:\n        - name: "grant-access:.some.other.domain.root"\n') });
    expect(codes(r.diagnostics, 'error')).toEqual([]);
    expect(r.domains[0]?.produces[0]?.grants).toEqual(['some.other.domain.root']);
    const [w] = find(r.diagnostics, 'grant-leading-dot');
    expect(w).toMatchObject({ severity: 'warning', location: { file: 'a.yaml', line: 10 } });
    expect(w?.fix).toContain('`grant-access:some.other.domain.root`');
  });

  it('reads `grant-access:._public` as everyone', async () => {
    const r = await load({ 'a.yaml': spec2('urn:acme.orders', '  _protected.x:\n    publish:\n      tags:\n        - name: "grant-access:._public"\n') });
    expect(r.domains[0]?.produces[0]?.grants).toEqual(['_public']);
    expect(find(r.diagnostics, 'grant-leading-dot')).toHaveLength(1);
  });

  it('still refuses a grant that names no domain once the dot is gone', async () => {
    const r = await load({ 'a.yaml': spec2('urn:acme.orders', '  _protected.x:\n    publish:\n      tags:\n        - name: "grant-access:.bad name"\n') });
    expect(codes(r.diagnostics, 'error')).toContain('grant-invalid');
    expect(find(r.diagnostics, 'grant-leading-dot')).toEqual([]);
  });

  it('reads `urn:.simple.streetlights` as domain simple.streetlights, and warns at the id with the modern form', async () => {
    const r = await load({ 'a.yaml': spec2('urn:.simple.streetlights', '  _public.light:\n    publish: {}\n') });
    expect(codes(r.diagnostics, 'error')).toEqual([]);
    expect(r.domains[0]?.id).toBe('simple.streetlights');
    expect(r.domains[0]?.produces[0]?.name).toBe('simple.streetlights._public.light');
    const [w] = find(r.diagnostics, 'id-leading-dot');
    expect(w).toMatchObject({ severity: 'warning', location: { file: 'a.yaml', line: 2 } });
    expect(w?.fix).toContain("`id: 'urn:simple.streetlights'`");
  });

  it('keeps a grant from a leading-dot spec pointing at a leading-dot domain', async () => {
    const r = await load({
      'a.yaml': spec2('urn:.acme.orders', '  _protected.x:\n    publish:\n      tags:\n        - name: "grant-access:.acme.payments"\n'),
      'b.yaml': spec2('urn:.acme.payments', '  acme.orders._protected.x:\n    subscribe: {}\n'),
    });
    expect(codes(r.diagnostics, 'error')).toEqual([]);
    expect(r.domains.map((d) => d.id).sort()).toEqual(['acme.orders', 'acme.payments']);
    expect(r.domains.find((d) => d.id === 'acme.orders')?.produces[0]?.grants).toEqual(['acme.payments']);
  });

  it('still refuses an empty segment inside an id', async () => {
    const r = await load({ 'a.yaml': spec2('urn:acme..orders', '  _public.x:\n    publish: {}\n') });
    expect(codes(r.diagnostics, 'error')).toEqual(['id-invalid']);
  });
});

describe('SpecMesh visibility names specmesh does not own: each its own error with the exact rename', () => {
  it('early `public.x` (no underscore): rename to `_public.x`', async () => {
    const r = await load({ 'a.yaml': spec2('urn:acme.events', '  public.attendee:\n    publish: {}\n  protected/retail/purchase:\n    publish:\n      tags:\n        - name: "grant-access:acme.shop"\n') });
    expect(codes(r.diagnostics, 'error')).toEqual(['channel-legacy-visibility', 'channel-legacy-visibility']);
    const [pub, prot] = find(r.diagnostics, 'channel-legacy-visibility');
    expect(pub).toMatchObject({ location: { line: 7 } });
    expect(pub?.fix).toContain('Rename the channel to `_public.attendee`');
    expect(pub?.fix).toContain('"acme.events._public.attendee"');
    expect(pub?.fix).toContain('"acme.events.public.attendee"');
    expect(prot?.fix).toContain('Rename the channel to `_protected.retail.purchase`');
    expect(codes(r.diagnostics, 'error')).not.toContain('produce-foreign');
  });

  it('custom names (SpecMesh\'s `specmesh.public` setting, e.g. `zzpublic`): rename to the standard segment', async () => {
    const r = await load({ 'a.yaml': spec2('urn:acme.events', '  zzpublic.attendee:\n    publish: {}\n  zzprivate.customers:\n    publish: {}\n') });
    const ds = find(r.diagnostics, 'channel-custom-visibility');
    expect(ds.map((d) => d.location?.line)).toEqual([7, 9]);
    expect(ds[0]?.summary).toContain('"zzpublic"');
    expect(ds[0]?.fix).toContain('Rename the channel to `_public.attendee`');
    expect(ds[1]?.fix).toContain('Rename the channel to `_private.customers`');
    expect(codes(r.diagnostics, 'error')).not.toContain('produce-foreign');
  });

  it('no visibility segment, access only from grant-access tags: the rename follows the grants', async () => {
    const r = await load({ 'a.yaml': spec2('urn:acme.events', [
      '  attendee:', '    publish:', '      tags:', '        - name: "grant-access:_public"',
      '  retail.purchase:', '    publish:', '      tags:', '        - name: "grant-access:.acme.shop"',
      '  retail.customers:', '    publish: {}', ''].join('\n')) });
    const ds = find(r.diagnostics, 'channel-visibility-missing');
    expect(ds.map((d) => d.location?.line)).toEqual([7, 11, 15]);
    expect(ds[0]?.fix).toContain('Rename the channel to `_public.attendee`');
    expect(ds[1]?.fix).toContain('Rename the channel to `_protected.retail.purchase` (it grants `acme.shop`)');
    expect(ds[2]?.fix).toContain('Rename the channel to `_private.retail.customers`');
    expect(codes(r.diagnostics, 'error')).not.toContain('produce-foreign');
  });

  it('keeps produce-foreign for another domain\'s topic', async () => {
    const r = await load({ 'a.yaml': spec2('urn:acme.orders', '  acme.payments._public.settled:\n    publish: {}\n') });
    expect(codes(r.diagnostics, 'error')).toEqual(['produce-foreign']);
  });

  it('points a consumer of an early-named topic at its modern name', async () => {
    const r = await load({ 'a.yaml': spec2('urn:acme.orders', '  london.transport.public.tube:\n    subscribe: {}\n') });
    expect(find(r.diagnostics, 'consume-unowned')[0]?.fix).toContain('`london.transport._public.tube`');
  });
});

describe('absolute schema `$ref`s', () => {
  it('reads `/schema/x.avsc` beside the spec', async () => {
    const r = await load({ 'a.yaml': spec2('urn:acme.orders', '  _public.x:\n    publish:\n      message:\n        payload:\n          $ref: "/schema/x.avsc"\n'),
      'schema/x.avsc': '{"type":"record","name":"X","fields":[]}' });
    expect(codes(r.diagnostics, 'error')).toEqual([]);
  });

  it('refuses `/x.proto` that is neither at the file system root nor beside the spec, naming both paths tried', async () => {
    const r = await load({ 'specs/a.yaml': spec2('urn:acme.orders', '  _public.x:\n    publish:\n      message:\n        payload:\n          $ref: "/nowhere.acme.x.proto"\n') });
    const [d] = find(r.diagnostics, 'schema-ref-absolute');
    expect(d).toMatchObject({ severity: 'error', location: { file: 'specs/a.yaml', line: 11 } });
    expect(d?.summary).toContain('tried /nowhere.acme.x.proto (from the file system root) and nowhere.acme.x.proto (relative to the spec)');
    expect(d?.fix).toContain('relative to the spec');
    expect(codes(r.diagnostics, 'error')).toEqual(['schema-ref-absolute']);
  });
});
