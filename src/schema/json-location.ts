import { findNodeAtLocation, parseTree, type ParseError } from 'jsonc-parser';

/** A place in a JSON document: object keys and array indexes from the root. */
export type JsonPath = (string | number)[];

/** 1-based line and column of a character offset. */
export function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
}

/**
 * Where the value at `path` is written in JSON text (comments allowed), or its key with
 * `key: true`; the nearest enclosing value that exists when the path goes deeper than the text.
 */
export function locateJsonPath(text: string, path: JsonPath, options: { key?: boolean } = {}): { line: number; column: number } | undefined {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { disallowComments: false, allowTrailingComma: true });
  if (!root) return undefined;
  for (let depth = path.length; depth >= 0; depth--) {
    const node = findNodeAtLocation(root, path.slice(0, depth));
    if (!node) continue;
    const keyNode = options.key && depth === path.length && node.parent?.type === 'property' ? node.parent.children?.[0] : undefined;
    return lineColumnAt(text, (keyNode ?? node).offset);
  }
  return undefined;
}
