import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
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
  if (doc.errors.length > 0) {
    return {
      diagnostics: doc.errors.map((e) =>
        error('yaml-syntax', `YAML syntax error: ${firstLine(e.message)}`, at(e.pos[0]), 'Fix the YAML at this position (indentation, quotes, brackets).'),
      ),
    };
  }
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
