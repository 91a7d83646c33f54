import { AVRO_PRIMITIVES, fullNameOf, namespaceOf } from './avro-names.js';
import type { JsonPath } from './json-location.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const NAMED = new Set(['record', 'error', 'enum', 'fixed']);

/** A mistake in an Avro schema, and where in the schema it is. */
export interface AvroProblem {
  message: string;
  path: JsonPath;
}

/**
 * Finds the mistakes avsc reports without saying where they are: a field or enum symbol defined
 * twice, and a default that is not a value of its type (for a union, of its first type). `named`
 * holds the named types defined in other files, by full name, for defaults of those types.
 */
export function findAvroProblems(schema: unknown, named: ReadonlyMap<string, unknown> = new Map()): AvroProblem[] {
  const types = new Map<string, { node: Obj; ns: string | undefined }>();
  for (const [name, node] of named) if (isObj(node)) types.set(name, { node, ns: namespaceOf(name) || undefined });
  walkNamed(schema, undefined, (full, node, ns) => types.set(full, { node, ns }));

  const problems: AvroProblem[] = [];
  const check = (node: unknown, ns: string | undefined, path: JsonPath): void => {
    if (Array.isArray(node)) {
      node.forEach((n, i) => {
        check(n, ns, [...path, i]);
      });
      return;
    }
    if (!isObj(node)) return;
    const type = node['type'];
    if (typeof type === 'string' && NAMED.has(type) && typeof node['name'] === 'string') {
      const full = fullNameOf(node['name'], typeof node['namespace'] === 'string' ? node['namespace'] || undefined : ns);
      const inner = namespaceOf(full) || undefined;
      if (type === 'enum' && Array.isArray(node['symbols'])) checkEnum(node, full, path, problems);
      if ((type === 'record' || type === 'error') && Array.isArray(node['fields'])) {
        const seen = new Set<string>();
        node['fields'].forEach((f, i) => {
          if (!isObj(f)) return;
          const at: JsonPath = [...path, 'fields', i];
          const name = f['name'];
          if (typeof name === 'string') {
            if (seen.has(name)) problems.push({ message: `Field "${name}" is defined twice in record "${full}"`, path: [...at, 'name'] });
            seen.add(name);
          }
          if ('default' in f) {
            const why = defaultProblem(f['type'], f['default'], inner, types, 0);
            if (why) problems.push({ message: `The default of field "${String(name)}" in record "${full}", ${JSON.stringify(f['default'])}, ${why}`, path: [...at, 'default'] });
          }
          check(f['type'], inner, [...at, 'type']);
        });
      }
      return;
    }
    if (type === 'array') check(node['items'], ns, [...path, 'items']);
    else if (type === 'map') check(node['values'], ns, [...path, 'values']);
    else check(type, ns, [...path, 'type']);
  };
  check(schema, undefined, []);
  return problems;
}

function checkEnum(node: Obj, full: string, path: JsonPath, problems: AvroProblem[]): void {
  const symbols = node['symbols'] as unknown[];
  const seen = new Set<unknown>();
  symbols.forEach((s, i) => {
    if (seen.has(s)) problems.push({ message: `Symbol ${JSON.stringify(s)} is listed twice in enum "${full}"`, path: [...path, 'symbols', i] });
    seen.add(s);
  });
  if ('default' in node && !symbols.includes(node['default'])) {
    problems.push({ message: `The default of enum "${full}", ${JSON.stringify(node['default'])}, is not one of its symbols`, path: [...path, 'default'] });
  }
}

/** Calls `found` for every named type the schema defines, with its full name and enclosing namespace. */
function walkNamed(node: unknown, ns: string | undefined, found: (full: string, node: Obj, ns: string | undefined) => void): void {
  if (Array.isArray(node)) {
    for (const n of node) walkNamed(n, ns, found);
    return;
  }
  if (!isObj(node)) return;
  const type = node['type'];
  if (typeof type === 'string' && NAMED.has(type) && typeof node['name'] === 'string') {
    const full = fullNameOf(node['name'], typeof node['namespace'] === 'string' ? node['namespace'] || undefined : ns);
    found(full, node, ns);
    const inner = namespaceOf(full) || undefined;
    if (Array.isArray(node['fields'])) for (const f of node['fields']) if (isObj(f)) walkNamed(f['type'], inner, found);
    return;
  }
  if (type === 'array') walkNamed(node['items'], ns, found);
  else if (type === 'map') walkNamed(node['values'], ns, found);
  else walkNamed(type, ns, found);
}

const INT32 = 2 ** 31;

/** Why `value` is not a default of `type`, or undefined when it is (or when the type is not known here). */
function defaultProblem(type: unknown, value: unknown, ns: string | undefined, types: ReadonlyMap<string, { node: Obj; ns: string | undefined }>, depth: number): string | undefined {
  if (depth > 32) return undefined;
  if (Array.isArray(type)) {
    if (type.length === 0) return undefined;
    const why = defaultProblem(type[0], value, ns, types, depth + 1);
    return why && `is not a value of the union's first type, ${typeLabel(type[0])}, which a union's default must be`;
  }
  if (typeof type === 'string') {
    if (AVRO_PRIMITIVES.has(type)) return primitiveProblem(type, value);
    const found = types.get(fullNameOf(type, ns)) ?? types.get(type);
    return found ? defaultProblem(found.node, value, found.ns, types, depth + 1) : undefined;
  }
  if (!isObj(type)) return undefined;
  const t = type['type'];
  const inner = typeof type['name'] === 'string'
    ? namespaceOf(fullNameOf(type['name'], typeof type['namespace'] === 'string' ? type['namespace'] || undefined : ns)) || undefined
    : ns;
  const label = `is not a valid ${typeLabel(type)}`;
  switch (t) {
    case 'record':
    case 'error': {
      if (!isObj(value) || !Array.isArray(type['fields'])) return label;
      for (const f of type['fields']) {
        if (!isObj(f) || typeof f['name'] !== 'string') continue;
        if (!(f['name'] in value)) {
          if (!('default' in f)) return `${label}: field "${f['name']}" is missing`;
          continue;
        }
        if (defaultProblem(f['type'], value[f['name']], inner, types, depth + 1)) return `${label}: field "${f['name']}" is not a valid ${typeLabel(f['type'])}`;
      }
      return undefined;
    }
    case 'enum': return Array.isArray(type['symbols']) && type['symbols'].includes(value) ? undefined : `${label}: not one of its symbols`;
    case 'fixed': return typeof value === 'string' && value.length === type['size'] ? undefined : `${label} (a string of ${String(type['size'])} characters)`;
    case 'array':
      if (!Array.isArray(value)) return label;
      return value.some((v) => defaultProblem(type['items'], v, ns, types, depth + 1)) ? `${label}: an item is not a valid ${typeLabel(type['items'])}` : undefined;
    case 'map':
      if (!isObj(value)) return label;
      return Object.values(value).some((v) => defaultProblem(type['values'], v, ns, types, depth + 1)) ? `${label}: a value is not a valid ${typeLabel(type['values'])}` : undefined;
    default:
      return defaultProblem(t, value, ns, types, depth + 1);
  }
}

function primitiveProblem(type: string, value: unknown): string | undefined {
  const ok = (() => {
    switch (type) {
      case 'null': return value === null;
      case 'boolean': return typeof value === 'boolean';
      case 'int': return Number.isInteger(value) && Math.abs(value as number) <= INT32;
      case 'long': return Number.isInteger(value);
      case 'float':
      case 'double': return typeof value === 'number';
      case 'bytes':
      case 'string': return typeof value === 'string';
      default: return true;
    }
  })();
  return ok ? undefined : `is not a valid ${type}`;
}

function typeLabel(type: unknown): string {
  if (typeof type === 'string') return `"${type}"`;
  if (Array.isArray(type)) return `union [${type.map(typeLabel).join(', ')}]`;
  if (isObj(type)) {
    if (typeof type['name'] === 'string') return `${String(type['type'])} "${type['name']}"`;
    return typeLabel(type['type']);
  }
  return JSON.stringify(type);
}
