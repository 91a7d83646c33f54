import { ConnectionConfigError } from './connection-config-error.js';

const isBlank = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\f';
const isEol = (c: string | undefined): boolean => c === '\n' || c === '\r';

interface LogicalLine {
  text: string;
  line: number;
}

/** Splits text into logical lines as java.util.Properties does: comments dropped, continuations joined. */
function logicalLines(text: string): LogicalLine[] {
  const lines: LogicalLine[] = [];
  let i = 0;
  let lineNo = 1;
  const skipEol = (): void => {
    if (text[i] === '\r' && text[i + 1] === '\n') i++;
    i++;
    lineNo++;
  };
  while (i < text.length) {
    while (isBlank(text[i]) || isEol(text[i])) {
      if (isEol(text[i])) skipEol();
      else i++;
    }
    if (i >= text.length) break;
    const start = lineNo;
    if (text[i] === '#' || text[i] === '!') {
      while (i < text.length && !isEol(text[i])) i++;
      continue;
    }
    let buf = '';
    for (;;) {
      let backslashes = 0;
      while (i < text.length && !isEol(text[i])) {
        const c = text[i++]!;
        buf += c;
        backslashes = c === '\\' ? backslashes + 1 : 0;
      }
      // An odd number of trailing backslashes continues the line (at end of input, it is dropped).
      if (backslashes % 2 === 0) break;
      buf = buf.slice(0, -1);
      if (i >= text.length) break;
      skipEol();
      while (isBlank(text[i])) i++;
      if (i >= text.length) break;
      if (isEol(text[i])) break; // an empty continuation line ends the logical line
    }
    lines.push({ text: buf, line: start });
  }
  return lines;
}

const ESCAPES: Record<string, string> = { t: '\t', n: '\n', r: '\r', f: '\f' };

function unescapeValue(s: string, where: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c !== '\\' || i + 1 >= s.length) {
      out += c;
      continue;
    }
    const next = s[++i]!;
    if (next === 'u') {
      const hex = s.slice(i + 1, i + 5);
      if (!/^[0-9a-fA-F]{4}$/.test(hex)) {
        throw new ConnectionConfigError(`${where}: malformed \\uXXXX escape "\\u${hex}"`,
          'write \\u followed by exactly four hex digits, or \\\\ for a literal backslash');
      }
      out += String.fromCharCode(parseInt(hex, 16));
      i += 4;
    } else {
      out += ESCAPES[next] ?? next;
    }
  }
  return out;
}

/**
 * Parses a Java `.properties` text (what `java.util.Properties.load` accepts): `#`/`!` comments,
 * `key=value`, `key: value`, `key value`, trailing-backslash continuations and escapes.
 * Later keys override earlier ones. `source` names the file in error messages.
 */
export function parseProperties(text: string, source = 'properties'): Map<string, string> {
  const props = new Map<string, string>();
  for (const { text: line, line: lineNo } of logicalLines(text)) {
    let keyEnd = 0;
    let valueStart = line.length;
    let hasSeparator = false;
    let escaped = false;
    for (; keyEnd < line.length; keyEnd++) {
      const c = line[keyEnd]!;
      if (!escaped && (c === '=' || c === ':')) {
        valueStart = keyEnd + 1;
        hasSeparator = true;
        break;
      }
      if (!escaped && isBlank(c)) {
        valueStart = keyEnd + 1;
        break;
      }
      escaped = c === '\\' ? !escaped : false;
    }
    while (valueStart < line.length) {
      const c = line[valueStart]!;
      if (!isBlank(c)) {
        if (hasSeparator || (c !== '=' && c !== ':')) break;
        hasSeparator = true;
      }
      valueStart++;
    }
    const where = `${source} line ${lineNo}`;
    props.set(unescapeValue(line.slice(0, keyEnd), where), unescapeValue(line.slice(valueStart), where));
  }
  return props;
}
