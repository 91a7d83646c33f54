import { parse } from 'yaml';
import { SpecmeshError } from '../core/errors.js';
import type { Domain } from '../spec/model.js';
import { backstageName, backstageTag, checkEntityRef } from './backstage-names.js';

/** A loaded spec as the catalog needs it: the domain, the file's text as written, and the path to show for it. */
export interface CatalogSpec { domain: Domain; text: string; path: string }

export interface CatalogOptions {
  /** The owner of each domain's entities; `{domain}` is the domain's entity name. Default `group:default/{domain}`. */
  ownerTemplate?: string;
  /** The Backstage system every entity belongs to. */
  system?: string;
  /** The Component's `spec.type`. Default `service`. */
  componentType?: string;
}

export interface BackstageMetadata {
  name: string;
  title?: string;
  description?: string;
  tags: string[];
  annotations: Record<string, string>;
}

export interface BackstageApi {
  apiVersion: 'backstage.io/v1alpha1';
  kind: 'API';
  metadata: BackstageMetadata;
  spec: { type: 'asyncapi'; lifecycle: string; owner: string; system?: string; definition: string };
}

export interface BackstageComponent {
  apiVersion: 'backstage.io/v1alpha1';
  kind: 'Component';
  metadata: BackstageMetadata;
  spec: { type: string; lifecycle: string; owner: string; system?: string; providesApis: string[]; consumesApis: string[] };
}

export type BackstageEntity = BackstageApi | BackstageComponent;

/** The entities, sorted by name then kind, and notes on what they reference but the specs do not describe. */
export interface BackstageCatalog { entities: BackstageEntity[]; notes: string[] }

export const DEFAULT_OWNER_TEMPLATE = 'group:default/{domain}';
export const DOMAIN_ANNOTATION = 'specmesh.io/domain';
export const SPEC_FILE_ANNOTATION = 'specmesh.io/spec-file';

const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

/** What the spec's `info` (and its tags, at the root in AsyncAPI 2, under `info` in 3) say about the domain. */
function readInfo(text: string): { title?: string; description?: string; lifecycle?: string; tags: string[] } {
  let doc: unknown;
  try { doc = parse(text); } catch { doc = undefined; }
  const info = isObj(doc) && isObj(doc['info']) ? doc['info'] : {};
  const tagNames = [doc, info].flatMap((o) => (isObj(o) && Array.isArray(o['tags']) ? o['tags'] : []))
    .map((t) => (isObj(t) ? str(t['name']) : undefined)).filter((t): t is string => t !== undefined);
  const title = str(info['title']);
  const description = str(info['description']);
  const lifecycle = str(info['x-lifecycle']);
  return { ...(title ? { title } : {}), ...(description ? { description } : {}), ...(lifecycle ? { lifecycle } : {}), tags: tagNames };
}

function ownerOf(template: string, name: string): string {
  const unknown = [...template.matchAll(/\{([^}]*)\}/g)].map((m) => m[1]).filter((p) => p !== 'domain');
  if (unknown.length) throw new SpecmeshError(`--owner-template "${template}" has an unknown placeholder {${unknown[0]}}`, { fix: 'Use {domain}, the domain\'s entity name, e.g. --owner-template \'group:default/{domain}\'.' });
  return checkEntityRef(template.replaceAll('{domain}', name), 'The owner', 'Give --owner-template a Backstage entity reference, e.g. \'group:default/{domain}\' or \'user:jane\'.');
}

/**
 * Backstage catalog entities for the specs: per domain, an `API` (type asyncapi) holding its spec's
 * text as the definition, and a `Component` that provides that API and consumes the APIs of the
 * domains whose topics its spec consumes. A consumed domain whose spec is not given is referenced by
 * its name all the same, and noted.
 */
export function buildBackstageCatalog(specs: readonly CatalogSpec[], options: CatalogOptions = {}): BackstageCatalog {
  const template = options.ownerTemplate ?? DEFAULT_OWNER_TEMPLATE;
  const system = options.system !== undefined
    ? checkEntityRef(options.system, 'The system', 'Give --system a Backstage entity name, e.g. --system retail.') : undefined;
  const componentType = options.componentType ?? 'service';
  if (!str(componentType)) throw new SpecmeshError('--component-type is empty', { fix: 'Give a Backstage component type, e.g. service or data-product.' });
  const given = new Set(specs.map((s) => s.domain.id));
  const entities: BackstageEntity[] = [];
  const notes = new Set<string>();
  for (const { domain, text, path } of specs) {
    const name = backstageName(domain.id);
    const info = readInfo(text);
    const owner = ownerOf(template, name);
    const lifecycle = info.lifecycle ?? 'production';
    const title = info.title ?? domain.title;
    const tags = [...new Set(['asyncapi', 'kafka', ...info.tags].map(backstageTag).filter((t): t is string => t !== undefined))].sort(byCodePoint);
    const metadata = (): BackstageMetadata => ({
      name,
      ...(title ? { title } : {}),
      ...(info.description ? { description: info.description } : {}),
      tags: [...tags],
      annotations: { [DOMAIN_ANNOTATION]: domain.id, [SPEC_FILE_ANNOTATION]: path },
    });
    const consumed = new Map<string, string>();
    for (const c of domain.consumes) {
      if (c.owner === domain.id) continue;
      consumed.set(backstageName(c.owner), c.owner);
      if (!given.has(c.owner)) notes.add(`${domain.id} consumes ${c.name}, of ${c.owner}, whose spec is not given: its API "${backstageName(c.owner)}" is referenced but not written.`);
    }
    entities.push({
      apiVersion: 'backstage.io/v1alpha1', kind: 'API', metadata: metadata(),
      spec: { type: 'asyncapi', lifecycle, owner, ...(system ? { system } : {}), definition: text },
    });
    entities.push({
      apiVersion: 'backstage.io/v1alpha1', kind: 'Component', metadata: metadata(),
      spec: { type: componentType, lifecycle, owner, ...(system ? { system } : {}), providesApis: [name], consumesApis: [...consumed.keys()].sort(byCodePoint) },
    });
  }
  const seen = new Map<string, string>();
  for (const { domain } of specs) {
    const name = backstageName(domain.id);
    const other = seen.get(name);
    if (other !== undefined && other !== domain.id) throw new SpecmeshError(`Domains ${other} and ${domain.id} would both be the Backstage entity "${name}"`, { fix: 'Rename one of the domains.' });
    if (other === domain.id) throw new SpecmeshError(`Domain ${domain.id} is described by more than one spec`, { fix: 'Pass each domain\'s spec once.' });
    seen.set(name, domain.id);
  }
  entities.sort((a, b) => byCodePoint(a.metadata.name, b.metadata.name) || byCodePoint(a.kind, b.kind));
  return { entities, notes: [...notes].sort(byCodePoint) };
}
