import { AVRO_PRIMITIVES, fullNameOf, namespaceOf } from './avro-names.js';
import { stableJson } from './stable-json.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const NAMED = new Set(['record', 'error', 'enum', 'fixed']);

/**
 * The form two Avro schemas are compared in: names made full, `namespace` dropped, `{"type":"int"}`
 * written as `"int"`, object keys sorted. Unlike Avro's Parsing Canonical Form it keeps docs,
 * defaults, aliases and custom properties, because changing those is still a new version.
 */
export function canonicalAvro(schema: unknown): string {
  return stableJson(normalize(schema, undefined));
}

function normalize(node: unknown, ns: string | undefined): unknown {
  if (typeof node === 'string') return AVRO_PRIMITIVES.has(node) ? node : fullNameOf(node, ns);
  if (Array.isArray(node)) return node.map((n) => normalize(n, ns));
  if (!isObj(node)) return node;
  const type = node['type'];
  const out: Obj = { ...node };
  if (typeof type === 'string' && NAMED.has(type) && typeof node['name'] === 'string') {
    const full = fullNameOf(node['name'], typeof node['namespace'] === 'string' ? node['namespace'] || undefined : ns);
    out['name'] = full;
    delete out['namespace'];
    const inner = namespaceOf(full) || undefined;
    if (Array.isArray(node['fields'])) {
      out['fields'] = node['fields'].map((f) => (isObj(f) ? { ...f, type: normalize(f['type'], inner) } : f));
    }
    return out;
  }
  if (type === 'array') out['items'] = normalize(node['items'], ns);
  else if (type === 'map') out['values'] = normalize(node['values'], ns);
  else out['type'] = normalize(type, ns);
  // `{"type": X}` with nothing else says no more than X.
  return Object.keys(out).length === 1 ? out['type'] : out;
}
