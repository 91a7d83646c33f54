import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node } from 'yaml';
import type { SourceLocation } from './model.js';
import { error, type Diagnostic } from '../core/diagnostic.js';

export type PathSegment = string | number;

/** A YAML (or JSON) file parsed once, able to say where any path in it starts. */
export interface YamlSource {
  file: string;
  data: unknown;
  locate(path: readonly PathSegment[]): SourceLocation;
  /** The text of the plain scalar at `path` as written (e.g. an integer too large for a double). */
  raw(path: readonly PathSegment[]): string | undefined;
}

export function parseYamlSource(file: string, text: string): { source?: YamlSource; diagnostics: Diagnostic[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false, strict: false });
  const at = (offset: number): SourceLocation => {
    const p = lineCounter.linePos(offset);
    return { file, line: p.line, column: p.col };
  };
  if (doc.errors.length > 0) return { diagnostics: syntaxDiagnostics(doc, text, at) };
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 1000 });
  } catch (e) {
    // yaml refuses documents whose aliases expand without bound ("billion laughs").
    return { diagnostics: [error('yaml-aliases', `YAML aliases expand too far: ${firstLine(e instanceof Error ? e.message : String(e))}`, { file, line: 1 },
      'Write the repeated parts out, or use fewer nested anchors and aliases.')] };
  }
  return {
    source: {
      file, data,
      locate: (path) => locateIn(doc, path, at, file),
      raw: (path) => {
        const node = doc.getIn(path, true);
        return isScalar(node) && typeof node.source === 'string' ? node.source : undefined;
      },
    },
    diagnostics: [],
  };
}

function locateIn(doc: Document, path: readonly PathSegment[], at: (offset: number) => SourceLocation, file: string): SourceLocation {
  let node: unknown = doc.contents;
  let best: number | undefined = (node as Node | null)?.range?.[0];
  for (const seg of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg));
      if (!pair) break;
      const key = pair.key as Node;
      best = key.range?.[0] ?? best;
      node = pair.value;
    } else if (isSeq(node) && typeof seg === 'number') {
      const item = node.items[seg] as Node | undefined;
      if (!item) break;
      best = item.range?.[0] ?? best;
      node = item;
    } else {
      break;
    }
  }
  return best === undefined ? { file } : at(best);
}

const firstLine = (s: string): string => s.split('\n')[0]!.trim();

const CLOSER = { '[': ']', '{': '}' } as const;

/**
 * YAML errors as a person wants them: one error cascades into many further down (an unclosed `[`
 * makes every later line a bad key), so the first error is reported where the mistake is, and the
 * syntax errors after it are counted, not listed. An unclosed flow collection is named at its
 * opening bracket. Duplicate keys are independent of each other: each is reported.
 */
function syntaxDiagnostics(doc: Document, text: string, at: (offset: number) => SourceLocation): Diagnostic[] {
  const errors = [...doc.errors].sort((a, b) => a.pos[0] - b.pos[0]);
  const duplicates = errors.filter((e) => e.code === 'DUPLICATE_KEY');
  const syntax = errors.filter((e) => e.code !== 'DUPLICATE_KEY');
  const out: Diagnostic[] = [];
  const first = syntax[0];
  if (first) {
    const unclosed = firstUnclosedFlow(doc, text, first.pos[0]);
    const later = syntax.length - 1;
    const more = later > 0 ? ` (${later} more YAML error${later === 1 ? '' : 's'} after it, most likely caused by this one)` : '';
    out.push(unclosed
      ? error('yaml-syntax', `YAML syntax error: this "${unclosed.open}" is never closed with "${CLOSER[unclosed.open]}"${more}`, at(unclosed.offset),
        `Close it with "${CLOSER[unclosed.open]}" on the same line, or write the value as a block (one "- item" or "key: value" per line).`)
      : error('yaml-syntax', `YAML syntax error: ${firstLine(first.message)}${more}`, at(first.pos[0]), 'Fix the YAML at this position (indentation, quotes, brackets).'));
  }
  for (const e of duplicates) out.push(error('yaml-syntax', `YAML syntax error: ${firstLine(e.message)}`, at(e.pos[0]), 'Keep one of the keys: a key may appear once in a mapping.'));
  return out.sort((a, b) => (a.location?.line ?? 0) - (b.location?.line ?? 0) || (a.location?.column ?? 0) - (b.location?.column ?? 0));
}

/** The outermost flow collection (`[…]`, `{…}`) opened before `before` whose source does not end with its closer. */
function firstUnclosedFlow(doc: Document, text: string, before: number): { open: '[' | '{'; offset: number } | undefined {
  let found: { open: '[' | '{'; offset: number } | undefined;
  visit(doc, {
    Collection(_key, node) {
      if (found || !node.flow || !node.range || node.range[0] > before) return undefined;
      const open = text[node.range[0]];
      if (open !== '[' && open !== '{') return undefined;
      if (text.slice(node.range[0], node.range[1]).trimEnd().endsWith(CLOSER[open])) return undefined;
      found = { open, offset: node.range[0] };
      return visit.BREAK;
    },
  });
  return found;
}
