import type { JsonPath } from './json-location.js';

/** Avro's primitive type names: never references to other schemas. */
export const AVRO_PRIMITIVES: ReadonlySet<string> = new Set(['null', 'boolean', 'int', 'long', 'float', 'double', 'bytes', 'string']);
const NAMED = new Set(['record', 'error', 'enum', 'fixed']);
const COMPLEX = new Set([...NAMED, 'array', 'map']);
/** Every type name Avro itself defines, primitive or complex. */
export const AVRO_TYPE_NAMES: readonly string[] = [...AVRO_PRIMITIVES, ...COMPLEX];

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Avro name resolution: a dotted name is already full; otherwise it takes the enclosing namespace. */
export function fullNameOf(name: string, namespace: string | undefined): string {
  if (name.includes('.') || !namespace) return name;
  return `${namespace}.${name}`;
}

export const namespaceOf = (fullName: string): string => fullName.split('.').slice(0, -1).join('.');

export interface AvroNames {
  /** Full name of the top-level named type, when the schema is one (record, enum, fixed). */
  fullName?: string;
  /** Named types the schema defines, anywhere in it. */
  defined: Set<string>;
  /** Names the schema uses but does not define, as full names, in order of first use. */
  external: string[];
  /** Where each external name is first used, and how it is written there. */
  uses: Map<string, { written: string; path: JsonPath }>;
  /**
   * Fields with a `"subject"` attribute (SpecMesh 0.14–0.16: the subject the field's referenced
   * type is registered under): its value, where it is written, and the external names the field's
   * type uses (exactly one for the attribute to mean anything).
   */
  fieldSubjects: FieldSubject[];
}

export interface FieldSubject {
  field: string;
  subject: unknown;
  /** Where the attribute is: `[…, 'fields', i, 'subject']`. */
  path: JsonPath;
  names: string[];
}

/** Finds the named types a schema defines and those it uses from elsewhere. */
export function scanAvroNames(schema: unknown): AvroNames {
  const defined = new Set<string>();
  const used: string[] = [];
  const uses = new Map<string, { written: string; path: JsonPath }>();
  const fieldSubjects: FieldSubject[] = [];
  const walk = (node: unknown, ns: string | undefined, path: JsonPath): void => {
    if (typeof node === 'string') {
      if (AVRO_PRIMITIVES.has(node) || COMPLEX.has(node)) return;
      const full = fullNameOf(node, ns);
      used.push(full);
      if (!uses.has(full)) uses.set(full, { written: node, path });
      return;
    }
    if (Array.isArray(node)) {
      node.forEach((n, i) => {
        walk(n, ns, [...path, i]);
      });
      return;
    }
    if (!isObj(node)) return;
    const type = node['type'];
    if (typeof type === 'string' && NAMED.has(type) && typeof node['name'] === 'string') {
      const full = fullNameOf(node['name'], typeof node['namespace'] === 'string' ? node['namespace'] || undefined : ns);
      defined.add(full);
      const inner = namespaceOf(full) || undefined;
      if (Array.isArray(node['fields'])) {
        node['fields'].forEach((f, i) => {
          if (!isObj(f)) return;
          const before = used.length;
          walk(f['type'], inner, [...path, 'fields', i, 'type']);
          if ('subject' in f) {
            fieldSubjects.push({ field: typeof f['name'] === 'string' ? f['name'] : String(i), subject: f['subject'], path: [...path, 'fields', i, 'subject'], names: used.slice(before) });
          }
        });
      }
      return;
    }
    if (type === 'array') walk(node['items'], ns, [...path, 'items']);
    else if (type === 'map') walk(node['values'], ns, [...path, 'values']);
    else walk(type, ns, [...path, 'type']);
  };
  walk(schema, undefined, []);
  const top = isObj(schema) && typeof schema['type'] === 'string' && NAMED.has(schema['type']) && typeof schema['name'] === 'string'
    ? fullNameOf(schema['name'], typeof schema['namespace'] === 'string' ? schema['namespace'] || undefined : undefined)
    : undefined;
  const external = [...new Set(used.filter((n) => !defined.has(n)))];
  for (const n of [...uses.keys()]) if (defined.has(n)) uses.delete(n);
  for (const f of fieldSubjects) f.names = [...new Set(f.names.filter((n) => !defined.has(n)))];
  return { ...(top ? { fullName: top } : {}), defined, external, uses, fieldSubjects };
}
