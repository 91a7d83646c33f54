import { parse as parseJsonc, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { parse as parseYaml } from 'yaml';
import { lineColumnAt } from './json-location.js';

/** A failure says where in the text, when the parser knows (1-based). */
export type ParsedText = { ok: true; value: unknown } | { ok: false; problem: string; line?: number; column?: number };

/**
 * JSON as schema files are really written: SpecMesh reads them with comments allowed, and its own
 * samples carry `// …` lines, so a strict JSON.parse would reject valid inputs.
 */
export function parseJsonText(text: string): ParsedText {
  const errors: ParseError[] = [];
  const value: unknown = parseJsonc(text, errors, { allowTrailingComma: false, disallowComments: false, allowEmptyContent: false });
  const first = errors[0];
  if (first) {
    const at = lineColumnAt(text, first.offset);
    return { ok: false, problem: `${describeJsonError(printParseErrorCode(first.error))} at line ${at.line}, column ${at.column}`, ...at };
  }
  return { ok: true, value };
}

/** `.yml`/`.yaml` JSON Schemas (SpecMesh's samples hold JSON text in `.yml` files: YAML reads both). */
export function parseYamlText(text: string): ParsedText {
  try {
    return { ok: true, value: parseYaml(text) as unknown };
  } catch (e) {
    const pos = (e as { linePos?: { line: number; col: number }[] }).linePos?.[0];
    return { ok: false, problem: e instanceof Error ? e.message.split('\n')[0]!.replace(/:$/, '') : String(e), ...(pos ? { line: pos.line, column: pos.col } : {}) };
  }
}

/** jsonc-parser's codes (`CommaExpected`) in words (`a comma expected`). */
function describeJsonError(code: string): string {
  const words = code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
