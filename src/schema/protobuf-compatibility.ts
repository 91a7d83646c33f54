import protobuf from 'protobufjs';

/** What a compatibility rule needs of a `.proto` file: its messages' and enums' fields, reserved names and numbers, and services. */
interface ProtoShape {
  syntax: string;
  /** Message or enum full name → field (or enum value) name → its number, type and label. */
  fields: Map<string, Map<string, { id: number; type: string; label: string }>>;
  /** Message or enum full name → reserved numbers (as strings) and names. */
  reserved: Map<string, Set<string>>;
  /** Service full name → method name → its signature. */
  methods: Map<string, Map<string, string>>;
}

export type ProtoShapeResult = { ok: true; shape: ProtoShape } | { ok: false; problem: string };

/** Reads the parts of a `.proto` file that compatibility rules look at. */
export function protoShape(text: string): ProtoShapeResult {
  let parsed: protobuf.IParserResult;
  try {
    parsed = protobuf.parse(text, { keepCase: true, alternateCommentMode: true });
  } catch (e) {
    return { ok: false, problem: e instanceof Error ? e.message : String(e) };
  }
  const syntax = /^\s*syntax\s*=\s*"([^"]+)"/m.exec(text.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, ''))?.[1] ?? 'proto2';
  const pkg = parsed.package ? `${parsed.package}.` : '';
  // `.pkg.Type` and `Type` name the same type in the file's own package.
  const typeName = (t: string): string => {
    const bare = t.startsWith('.') ? t.slice(1) : t;
    return pkg && bare.startsWith(pkg) ? bare.slice(pkg.length) : bare;
  };
  const shape: ProtoShape = { syntax, fields: new Map(), reserved: new Map(), methods: new Map() };
  const reservedOf = (reserved: (number[] | string)[] | undefined): Set<string> => {
    const out = new Set<string>();
    for (const r of reserved ?? []) {
      if (typeof r === 'string') out.add(r);
      else for (let n = r[0]!; n <= r[1]! && n - r[0]! < 10_000; n++) out.add(String(n));
    }
    return out;
  };
  const visit = (ns: protobuf.NamespaceBase): void => {
    for (const node of ns.nestedArray) {
      const name = node.fullName.replace(/^\./, '');
      if (node instanceof protobuf.Type) {
        const fields = new Map<string, { id: number; type: string; label: string }>();
        for (const f of node.fieldsArray) {
          const type = f instanceof protobuf.MapField ? `map<${f.keyType},${typeName(f.type)}>` : typeName(f.type);
          const label = f.rule ?? (f.options?.['proto3_optional'] ? 'optional' : '');
          fields.set(f.name, { id: f.id, type, label });
        }
        shape.fields.set(name, fields);
        shape.reserved.set(name, reservedOf(node.reserved));
      } else if (node instanceof protobuf.Enum) {
        shape.fields.set(name, new Map(Object.entries(node.values).map(([k, id]) => [k, { id, type: 'enum', label: '' }])));
        shape.reserved.set(name, reservedOf(node.reserved));
      } else if (node instanceof protobuf.Service) {
        shape.methods.set(name, new Map(node.methodsArray.map((m) => [m.name,
          `${m.requestStream ? 'stream ' : ''}${typeName(m.requestType)} → ${m.responseStream ? 'stream ' : ''}${typeName(m.responseType)}`])));
      }
      if (node instanceof protobuf.Namespace || node instanceof protobuf.Type) visit(node);
    }
  };
  visit(parsed.root);
  return { ok: true, shape };
}

/**
 * Why data written with `before` may not be read with `after`, by the rules Apicurio Registry 3.0
 * applies (those of protolock): no field or enum value removed (reserving it does not help there),
 * none renumbered, renamed, retyped or relabelled, reserved names and numbers neither dropped nor
 * reused, no RPC removed or changed, and in proto2 no required field added or removed. Empty when
 * none applies. Forward compatibility is the same check with the versions swapped.
 */
export function protobufProblems(before: ProtoShape, after: ProtoShape): string[] {
  const out: string[] = [];
  for (const [msg, reserved] of before.reserved) {
    const kept = after.reserved.get(msg) ?? new Set<string>();
    const dropped = [...reserved].filter((r) => !kept.has(r));
    if (dropped.length) out.push(`${msg}: reserved ${list(dropped)} no longer reserved`);
    const used = [...(after.fields.get(msg) ?? new Map()).entries()].filter(([n, f]) => reserved.has(n) || reserved.has(String(f.id))).map(([n]) => n);
    if (used.length) out.push(`${msg}: ${list(used)} ${used.length === 1 ? 'uses a name or number' : 'use names or numbers'} reserved before`);
  }
  for (const [msg, fields] of before.fields) {
    const now = after.fields.get(msg);
    const removed = [...fields.keys()].filter((n) => !now?.has(n));
    if (removed.length) out.push(`${msg}: ${list(removed)} removed`);
    if (!now) continue;
    const byId = new Map([...now.entries()].map(([n, f]) => [f.id, n]));
    for (const [name, f] of fields) {
      const g = now.get(name);
      if (g && g.id !== f.id) out.push(`${msg}.${name}: number ${f.id} → ${g.id}`);
      if (g && g.type !== f.type) out.push(`${msg}.${name}: type ${f.type} → ${g.type}`);
      if (g && g.label !== f.label) out.push(`${msg}.${name}: label ${f.label || '(none)'} → ${g.label || '(none)'}`);
      const renamed = byId.get(f.id);
      if (renamed !== undefined && renamed !== name) out.push(`${msg}: number ${f.id} renamed ${name} → ${renamed}`);
    }
    if (before.syntax === 'proto2') {
      const required = (m: Map<string, { label: string }>) => new Set([...m].filter(([, f]) => f.label === 'required').map(([n]) => n));
      const was = required(fields);
      const is = required(now);
      const added = [...is].filter((n) => !was.has(n));
      const dropped = [...was].filter((n) => !is.has(n));
      if (added.length) out.push(`${msg}: required ${list(added)} added`);
      if (dropped.length) out.push(`${msg}: required ${list(dropped)} removed`);
    }
  }
  for (const [service, methods] of before.methods) {
    const now = after.methods.get(service);
    for (const [name, signature] of methods) {
      const sig = now?.get(name);
      if (sig === undefined) out.push(`${service}: rpc ${name} removed`);
      else if (sig !== signature) out.push(`${service}.${name}: ${signature} → ${sig}`);
    }
  }
  return out;
}

const list = (names: readonly string[]): string => names.map((n) => `"${n}"`).join(', ');
