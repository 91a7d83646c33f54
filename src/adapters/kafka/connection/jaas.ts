import { ConnectionConfigError } from './connection-config-error.js';

export interface JaasConfig {
  loginModule: string;
  controlFlag: 'required' | 'requisite' | 'sufficient' | 'optional';
  options: Record<string, string>;
}

type Token = { kind: 'word' | 'quoted'; text: string } | { kind: '=' | ';' };

const QUOTE_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', v: '\v', a: '\x07' };
const FLAGS = new Set(['required', 'requisite', 'sufficient', 'optional']);
const FIX = 'write it as: <LoginModule> required key="value" key2="value2";';

const fail = (message: string): never => {
  throw new ConnectionConfigError(`sasl.jaas.config: ${message}`, FIX);
};

/** Tokens as Java's StreamTokenizer gives them to Kafka's JaasConfig, but with unquoted words allowed to hold any non-separator character. */
function tokenize(value: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < value.length) {
    const c = value[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (value.startsWith('//', i)) {
      while (i < value.length && value[i] !== '\n' && value[i] !== '\r') i++;
    } else if (value.startsWith('/*', i)) {
      const end = value.indexOf('*/', i + 2);
      if (end < 0) fail('unterminated /* comment');
      i = end + 2;
    } else if (c === '=' || c === ';') {
      tokens.push({ kind: c });
      i++;
    } else if (c === '"' || c === "'") {
      let text = '';
      i++;
      for (;;) {
        if (i >= value.length) fail(`unterminated ${c}-quoted value`);
        const q = value[i++]!;
        if (q === c) break;
        if (q === '\\' && i < value.length) {
          const e = value[i++]!;
          text += QUOTE_ESCAPES[e] ?? e;
        } else {
          text += q;
        }
      }
      tokens.push({ kind: 'quoted', text });
    } else {
      let text = '';
      while (i < value.length && !/[\s=;"']/.test(value[i]!)) text += value[i++];
      tokens.push({ kind: 'word', text });
    }
  }
  return tokens;
}

/**
 * Parses a Kafka `sasl.jaas.config` value: `<LoginModule> <flag> key=value ... ;`, with values
 * unquoted or quoted (`\"` and `\\` escapes). The trailing `;` may be left out. Error messages
 * name keys, never values, since values hold passwords.
 */
export function parseJaasConfig(value: string): JaasConfig {
  const tokens = tokenize(value);
  let pos = 0;
  const module = tokens[pos++];
  if (module?.kind !== 'word') return fail('expected a login module class name first');
  const flag = tokens[pos++];
  if (flag?.kind !== 'word' || !FLAGS.has(flag.text.toLowerCase())) {
    return fail(`expected a control flag (required, requisite, sufficient or optional) after ${module.text}`);
  }
  const entries: [string, string][] = [];
  while (pos < tokens.length) {
    const key = tokens[pos++]!;
    if (key.kind === ';') break;
    if (key.kind !== 'word') return fail('expected an option name (key=value)');
    if (tokens[pos++]?.kind !== '=') return fail(`option '${key.text}' has no '=value'`);
    const val = tokens[pos++];
    if (val?.kind !== 'word' && val?.kind !== 'quoted') return fail(`value not specified for option '${key.text}'`);
    entries.push([key.text, val.text]);
  }
  if (pos < tokens.length) {
    return fail('holds more than one login module; Kafka clients take exactly one');
  }
  return {
    loginModule: module.text,
    controlFlag: flag.text.toLowerCase() as JaasConfig['controlFlag'],
    options: Object.fromEntries(entries),
  };
}
