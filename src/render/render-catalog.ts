import { stringify } from 'yaml';
import type { BackstageCatalog } from './backstage-catalog.js';

export const CATALOG_FORMATS = ['backstage', 'json'] as const;
export type CatalogFormat = (typeof CATALOG_FORMATS)[number];

export const CATALOG_FORMAT_VERSION = 1;

/**
 * The catalog as Backstage reads a catalog-info.yaml: one YAML document per entity, `---` between
 * them, after a comment saying what the file is and carrying the notes.
 */
export function renderCatalogYaml(catalog: BackstageCatalog): string {
  const apis = catalog.entities.filter((e) => e.kind === 'API').length;
  const head = [
    `# Backstage catalog entities written by specmesh catalog: ${apis} API${apis === 1 ? '' : 's'} (AsyncAPI, the spec as written) and the Component of each domain.`,
    ...catalog.notes.map((n) => `# Note: ${n}`),
  ];
  const docs = catalog.entities.map((e) => stringify(e, { lineWidth: 0, blockQuote: 'literal' }));
  return `${head.join('\n')}\n${docs.map((d) => `---\n${d}`).join('')}`;
}

/** The catalog as JSON: `{ formatVersion, entities, notes }`. */
export function renderCatalogJson(catalog: BackstageCatalog): string {
  return `${JSON.stringify({ formatVersion: CATALOG_FORMAT_VERSION, entities: catalog.entities, notes: catalog.notes }, null, 2)}\n`;
}
