import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// The published entry point (dist/, built by `npm test`), imported by package name as users do.
describe('the specmesh package', () => {
  it('writes the Backstage catalog the catalog command writes', async () => {
    const lib = await import('specmesh');
    const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
    const { domains } = await lib.loadSpecs(['specs/'], { cwd: root, cacheDir: false });
    const specs = domains.map((domain) => ({ domain, text: readFileSync(path.resolve(root, domain.file), 'utf8'), path: domain.file }));
    const catalog = lib.buildBackstageCatalog(specs);
    expect(catalog.entities.map((e) => `${e.kind}:${e.metadata.name}`)).toEqual([
      'API:acme.retail', 'Component:acme.retail', 'API:acme.retail.orders', 'Component:acme.retail.orders', 'API:acme.retail.payments', 'Component:acme.retail.payments',
    ]);
    expect(lib.renderCatalogYaml(catalog)).toBe(readFileSync(path.join(root, 'test/golden/catalog/01-example-specs/catalog-info.yaml'), 'utf8'));
    expect(lib.backstageName(`acme.${'x'.repeat(70)}`)).toMatch(/^acme\.x+-[0-9a-f]{8}$/);
  });
});
