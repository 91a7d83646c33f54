import { parse as parseJsonc, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { parse as parseYaml } from 'yaml';

export type ParsedText = { ok: true; value: unknown } | { ok: false; problem: string };

function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, offset).split('\n');
  return `line ${before.length}, column ${(before.at(-1)?.length ?? 0) + 1}`;
}

/**
 * JSON as schema files are really written: SpecMesh reads them with comments allowed, and its own
 * samples carry `// …` lines, so a strict JSON.parse would reject valid inputs.
 */
export function parseJsonText(text: string): ParsedText {
  const errors: ParseError[] = [];
  const value: unknown = parseJsonc(text, errors, { allowTrailingComma: false, disallowComments: false, allowEmptyContent: false });
  const first = errors[0];
  if (first) return { ok: false, problem: `${printParseErrorCode(first.error)} at ${lineColumn(text, first.offset)}` };
  return { ok: true, value };
}

/** `.yml`/`.yaml` JSON Schemas (SpecMesh's samples hold JSON text in `.yml` files: YAML reads both). */
export function parseYamlText(text: string): ParsedText {
  try {
    return { ok: true, value: parseYaml(text) as unknown };
  } catch (e) {
    return { ok: false, problem: e instanceof Error ? e.message.split('\n')[0]! : String(e) };
  }
}
