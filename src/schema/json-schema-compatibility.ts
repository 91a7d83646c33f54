import { stableJson } from './stable-json.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Why a JSON Schema may reject data the other accepted, and the changes these rules cannot judge. */
export interface JsonSchemaVerdict {
  problems: string[];
  unjudged: string[];
}

/** Words that describe data without constraining it: changing them changes no verdict. */
const ANNOTATIONS = new Set([
  'title', 'description', '$comment', 'examples', 'default', 'deprecated', 'readOnly', 'writeOnly', '$schema', '$id', 'id',
  'javaType', 'javaInterfaces', 'existingJavaType',
]);
const LOWER_BOUNDS = ['minimum', 'exclusiveMinimum', 'minLength', 'minItems', 'minProperties'];
const UPPER_BOUNDS = ['maximum', 'exclusiveMaximum', 'maxLength', 'maxItems', 'maxProperties'];
/** Constraints that, once present, must stay exactly as they were. */
const FIXED = ['pattern', 'format', 'contentEncoding', 'contentMediaType'];
const HANDLED = new Set([
  ...ANNOTATIONS, ...LOWER_BOUNDS, ...UPPER_BOUNDS, ...FIXED,
  'type', 'enum', 'const', 'multipleOf', 'uniqueItems', 'items', 'properties', 'required', 'additionalProperties', 'anyOf', 'oneOf', 'definitions', '$defs', '$ref',
]);

/**
 * Whether `after` accepts every document `before` accepts (backward compatibility: a consumer using
 * `after` reads what producers wrote with `before`; forward is the same with the two swapped), by
 * rules that follow Apicurio Registry 3.0's: a new constraint, a narrower type, enum or bound, a
 * newly required property, and a property added to an open content model (or removed from a
 * closed one) are problems. Changes these rules do not model are reported as unjudged rather than
 * guessed at; annotations (`title`, `description`, `x-…`) never matter.
 */
export function jsonSchemaVerdict(before: unknown, after: unknown): JsonSchemaVerdict {
  const verdict: JsonSchemaVerdict = { problems: [], unjudged: [] };
  compare(before, after, '#', { before, after, seen: new Set(), verdict });
  return verdict;
}

interface Context {
  before: unknown;
  after: unknown;
  /** `$ref` pairs already compared, so recursive definitions end. */
  seen: Set<string>;
  verdict: JsonSchemaVerdict;
}

function compare(before: unknown, after: unknown, at: string, cx: Context): void {
  if (after === true || before === false) return;
  // Equal text is equal meaning, unless a `$ref` in it points into definitions that changed.
  const text = stableJson(before);
  if (text === stableJson(after) && !text.includes('"$ref"')) return;
  if (after === false) return void cx.verdict.problems.push(`${at}: now accepts nothing`);
  if (!isObj(after) || !isObj(before)) {
    if (before === true && isObj(after) && acceptsAll(after)) return;
    if (before === true) return void cx.verdict.problems.push(`${at}: now constrained, where anything was accepted`);
    return void cx.verdict.unjudged.push(`${at}: not a schema`);
  }
  const bRef = before['$ref'];
  const aRef = after['$ref'];
  if (typeof bRef === 'string' || typeof aRef === 'string') {
    compareRefs(before, after, at, cx);
    return;
  }

  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (HANDLED.has(key) || key.startsWith('x-')) continue;
    if (stableJson(before[key]) !== stableJson(after[key])) cx.verdict.unjudged.push(`${at}: \`${key}\` changed`);
  }
  const problem = (what: string): void => void cx.verdict.problems.push(`${at}: ${what}`);

  const bTypes = typesOf(before['type']);
  const aTypes = typesOf(after['type']);
  if (aTypes) {
    if (!bTypes) problem(`\`type\` ${[...aTypes].join(', ')} added`);
    else {
      const lost = [...bTypes].filter((t) => !aTypes.has(t) && !(t === 'integer' && aTypes.has('number')));
      if (lost.length) problem(`\`type\` no longer allows ${lost.join(', ')}`);
    }
  }
  if (Array.isArray(after['enum'])) {
    const allowed = new Set(after['enum'].map(stableJson));
    if (!Array.isArray(before['enum'])) problem('`enum` added');
    else {
      const lost = before['enum'].filter((v) => !allowed.has(stableJson(v)));
      if (lost.length) problem(`\`enum\` no longer allows ${lost.map((v) => JSON.stringify(v)).join(', ')}`);
    }
  }
  if ('const' in after && stableJson(before['const']) !== stableJson(after['const'])) problem(`\`const\` ${'const' in before ? 'changed' : 'added'}`);
  for (const key of LOWER_BOUNDS) bound(before[key], after[key], key, (b, a) => a > b, problem);
  for (const key of UPPER_BOUNDS) bound(before[key], after[key], key, (b, a) => a < b, problem);
  bound(before['multipleOf'], after['multipleOf'], 'multipleOf', (b, a) => b % a !== 0, problem);
  for (const key of FIXED) {
    if (key in after && stableJson(before[key]) !== stableJson(after[key])) problem(`\`${key}\` ${key in before ? 'changed' : 'added'}`);
  }
  if (after['uniqueItems'] === true && before['uniqueItems'] !== true) problem('`uniqueItems` now true');

  compareItems(before['items'], after['items'], at, cx);
  compareObject(before, after, at, cx);
  for (const key of ['anyOf', 'oneOf'] as const) compareAlternatives(before[key], after[key], `${at}/${key}`, cx);
}

/** Every `before` alternative must still be accepted by one of `after`'s. */
function compareAlternatives(before: unknown, after: unknown, at: string, cx: Context): void {
  if (after === undefined) return;
  if (!Array.isArray(after) || (before !== undefined && !Array.isArray(before))) return void cx.verdict.unjudged.push(`${at}: not a list of schemas`);
  if (before === undefined) return void cx.verdict.problems.push(`${at}: added`);
  for (const [i, b] of (before as unknown[]).entries()) {
    const fits = after.some((a) => {
      const trial: Context = { ...cx, seen: new Set(cx.seen), verdict: { problems: [], unjudged: [] } };
      compare(b, a, `${at}/${i}`, trial);
      return trial.verdict.problems.length === 0 && trial.verdict.unjudged.length === 0;
    });
    if (!fits) cx.verdict.problems.push(`${at}/${i}: no longer accepted by any alternative`);
  }
}

function compareItems(before: unknown, after: unknown, at: string, cx: Context): void {
  if (after === undefined) return;
  if (Array.isArray(before) || Array.isArray(after)) {
    if (stableJson(before) !== stableJson(after)) cx.verdict.unjudged.push(`${at}/items: tuple items changed`);
    return;
  }
  compare(before ?? true, after, `${at}/items`, cx);
}

function compareObject(before: Obj, after: Obj, at: string, cx: Context): void {
  const bProps = isObj(before['properties']) ? before['properties'] : {};
  const aProps = isObj(after['properties']) ? after['properties'] : {};
  const bExtra = before['additionalProperties'] ?? true;
  const aExtra = after['additionalProperties'] ?? true;
  for (const [name, schema] of Object.entries(bProps)) {
    compare(schema, name in aProps ? aProps[name] : aExtra, `${at}/properties/${name}`, cx);
  }
  const added = Object.keys(aProps).filter((n) => !(n in bProps));
  // Apicurio counts a property added to an open model as a problem even when its schema accepts anything.
  if (added.length && bExtra !== false) cx.verdict.problems.push(`${at}: ${added.map((n) => `"${n}"`).join(', ')} added while other properties were allowed`);
  if (stableJson(bExtra) !== stableJson(aExtra)) compare(bExtra, aExtra, `${at}/additionalProperties`, cx);

  const bRequired = new Set(Array.isArray(before['required']) ? before['required'] : []);
  const newlyRequired = (Array.isArray(after['required']) ? after['required'] : []).filter((n) => !bRequired.has(n));
  if (newlyRequired.length) cx.verdict.problems.push(`${at}: ${newlyRequired.map((n) => `"${String(n)}"`).join(', ')} now required`);
}

/** Local `$ref`s (`#/definitions/X`, `#/$defs/X`) are compared by what they point to. */
function compareRefs(before: Obj, after: Obj, at: string, cx: Context): void {
  const bRef = before['$ref'];
  const aRef = after['$ref'];
  const key = `${String(bRef)}\u0000${String(aRef)}`;
  if (cx.seen.has(key)) return;
  cx.seen.add(key);
  const b = typeof bRef === 'string' ? resolve(cx.before, bRef) : before;
  const a = typeof aRef === 'string' ? resolve(cx.after, aRef) : after;
  if (b === undefined || a === undefined) {
    if (bRef !== aRef) cx.verdict.unjudged.push(`${at}: \`$ref\` ${String(bRef)} → ${String(aRef)}`);
    return;
  }
  const other = (o: Obj): boolean => Object.keys(o).some((k) => !ANNOTATIONS.has(k) && !['$ref', 'definitions', '$defs'].includes(k) && !k.startsWith('x-'));
  if (other(before) || other(after)) {
    cx.verdict.unjudged.push(`${at}: \`$ref\` beside other keywords`);
    return;
  }
  compare(b, a, at, cx);
}

function resolve(root: unknown, ref: string): unknown {
  if (!ref.startsWith('#')) return undefined;
  let node: unknown = root;
  for (const part of ref.slice(1).split('/').filter(Boolean)) {
    if (!isObj(node)) return undefined;
    node = node[decodeURIComponent(part).replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return node;
}

function typesOf(type: unknown): Set<string> | undefined {
  if (typeof type === 'string') return new Set([type]);
  if (Array.isArray(type)) return new Set(type.filter((t): t is string => typeof t === 'string'));
  return undefined;
}

function acceptsAll(schema: Obj): boolean {
  return Object.keys(schema).every((k) => ANNOTATIONS.has(k) || k.startsWith('x-'));
}

/** A bound added, or moved the narrowing way (`narrows(before, after)`), is a problem; a boolean (draft-04 exclusive flag) turned on too. */
function bound(before: unknown, after: unknown, key: string, narrows: (b: number, a: number) => boolean, problem: (what: string) => void): void {
  if (after === undefined || after === false) return;
  if (before === undefined || before === false) {
    problem(`\`${key}\` added`);
    return;
  }
  if (typeof before === 'number' && typeof after === 'number') {
    if (narrows(before, after)) problem(`\`${key}\` ${before} → ${after}`);
  } else if (stableJson(before) !== stableJson(after)) problem(`\`${key}\` changed`);
}
