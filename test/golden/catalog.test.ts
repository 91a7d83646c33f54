import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  apiEntityV1alpha1Validator, componentEntityV1alpha1Validator, DefaultNamespaceEntityPolicy, type Entity, EntityPolicies,
  FieldFormatEntityPolicy, NoForeignRootFieldsEntityPolicy, parseEntityRef, SchemaValidEntityPolicy,
} from '@backstage/catalog-model';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { buildBackstageCatalog, type CatalogSpec } from '../../src/render/backstage-catalog.js';
import { renderCatalogJson, renderCatalogYaml } from '../../src/render/render-catalog.js';
import { expectFile, loadSpecCase } from './golden-files.js';
import type { Domain } from '../../src/spec/model.js';

// Each case: case.json ({ description, specs: paths relative to the case, sameErrorsAs?: a plan case
// whose errors.txt these specs must match }), and the expected catalog-info.yaml and catalog.json of
// `specmesh catalog` run in the repository's root, or errors.txt when the specs must be rejected.
// UPDATE_GOLDEN=1 rewrites the expected files; review the diff before committing.
const here = path.dirname(new URL(import.meta.url).pathname);
const root = path.join(here, 'catalog');
const repo = path.resolve(here, '../..');

// What Backstage's catalog does with an entity it reads: its default policies (namespace, envelope
// and field formats, no foreign root fields), then the validator of the entity's kind.
const policies = EntityPolicies.allOf([
  new DefaultNamespaceEntityPolicy(), new NoForeignRootFieldsEntityPolicy(), new FieldFormatEntityPolicy(), new SchemaValidEntityPolicy(),
]);
async function backstageAccepts(entity: Entity): Promise<void> {
  const enforced = await policies.enforce(entity);
  expect(enforced, `${entity.kind} ${entity.metadata.name}`).toBeDefined();
  const validator = entity.kind === 'API' ? apiEntityV1alpha1Validator : componentEntityV1alpha1Validator;
  expect(await validator.check(enforced as Entity), `${entity.kind} ${entity.metadata.name}`).toBe(true);
}

// As the CLI gives them, run in the repository's root (the loader's paths are relative to the case).
const catalogSpecs = (dir: string, domains: readonly Domain[]): CatalogSpec[] =>
  domains.map((domain) => ({ domain, text: readFileSync(path.resolve(dir, domain.file), 'utf8'), path: path.relative(repo, path.resolve(dir, domain.file)) }));

describe('golden Backstage catalogs', () => {
  for (const name of readdirSync(root).sort()) {
    it(name, async () => {
      const dir = path.join(root, name);
      const domains = await loadSpecCase(dir);
      if (!domains) return;
      const specs = catalogSpecs(dir, domains);
      const catalog = buildBackstageCatalog(specs);
      const yaml = renderCatalogYaml(catalog);
      expectFile(path.join(dir, 'catalog-info.yaml'), yaml);
      expectFile(path.join(dir, 'catalog.json'), renderCatalogJson(catalog));
      // The same specs in another order give the same file.
      expect(renderCatalogYaml(buildBackstageCatalog([...specs].reverse()))).toBe(yaml);

      // Read back as Backstage reads the file: every document an entity it accepts.
      const docs = parseAllDocuments(yaml);
      expect(Array.isArray(docs) && docs.every((d) => d.errors.length === 0)).toBe(true);
      const entities = (docs as { toJS(): unknown }[]).map((d) => d.toJS() as Entity);
      expect(entities).toHaveLength(2 * specs.length);
      for (const entity of entities) await backstageAccepts(entity);

      // Each domain: an API whose definition is its spec file as written, and a Component providing it.
      const apis = new Map(entities.filter((e) => e.kind === 'API').map((e) => [e.metadata.name, e]));
      for (const { domain, text } of specs) {
        const api = [...apis.values()].find((e) => e.metadata.annotations?.['specmesh.io/domain'] === domain.id);
        expect(api?.spec?.['definition']).toBe(text);
        const component = entities.find((e) => e.kind === 'Component' && e.metadata.name === api?.metadata.name);
        expect(component?.spec?.['providesApis']).toEqual([api?.metadata.name]);
      }
      // Every consumed API is one written here, or one the notes name.
      for (const c of entities.filter((e) => e.kind === 'Component')) {
        for (const ref of (c.spec?.['consumesApis'] ?? []) as string[]) {
          const { kind, namespace, name: apiName } = parseEntityRef(ref, { defaultKind: 'API', defaultNamespace: 'default' });
          expect([kind, namespace]).toEqual(['API', 'default']);
          if (!apis.has(apiName)) expect(catalog.notes.some((n) => n.includes(`"${apiName}"`)), ref).toBe(true);
        }
      }
    });
  }
});
