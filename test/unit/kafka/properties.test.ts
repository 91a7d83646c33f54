import { describe, expect, it } from 'vitest';
import { ConnectionConfigError, parseProperties } from '../../../src/adapters/kafka/connection/index.js';

const parse = (text: string): Record<string, string> => Object.fromEntries(parseProperties(text));

describe('parseProperties', () => {
  it('reads key=value, key: value and key value, skipping # and ! comments and blank lines', () => {
    expect(parse('# comment\n! also a comment\n\n  a=1\nb: 2\nc 3\nd\t=\t4\n')).toEqual({ a: '1', b: '2', c: '3', d: '4' });
  });

  it('splits at the first separator, so later = and : belong to the value', () => {
    expect(parse('url=http://host:8080/a=b\nk:v:w')).toEqual({ url: 'http://host:8080/a=b', k: 'v:w' });
  });

  it('takes whitespace then one = or : as a single separator', () => {
    expect(parse('a = = b\nc  :  d')).toEqual({ a: '= b', c: 'd' });
  });

  it('keeps trailing whitespace in values but drops leading whitespace', () => {
    expect(parse('a =   value  ')).toEqual({ a: 'value  ' });
  });

  it('gives a key with no separator an empty value', () => {
    expect(parse('ssl.endpoint.identification.algorithm=\nlonely')).toEqual({ 'ssl.endpoint.identification.algorithm': '', lonely: '' });
  });

  it('joins continuation lines, dropping the leading whitespace of each continued line', () => {
    expect(parse('sasl.jaas.config=Module required \\\n    username="a" \\\n    password="b";\nnext=1'))
      .toEqual({ 'sasl.jaas.config': 'Module required username="a" password="b";', next: '1' });
  });

  it('treats an even number of trailing backslashes as escaped backslashes, not a continuation', () => {
    expect(parse('path=C:\\\\dir\\\\\nnext=1')).toEqual({ path: 'C:\\dir\\', next: '1' });
  });

  it('does not treat # on a continued line as a comment', () => {
    expect(parse('a=x\\\n  #not-a-comment')).toEqual({ a: 'x#not-a-comment' });
  });

  it('does not continue comment lines ending with a backslash', () => {
    expect(parse('# comment \\\na=1')).toEqual({ a: '1' });
  });

  it('ends a continuation at an empty line and drops a backslash at the end of input', () => {
    expect(parse('a=1\\\n\nb=2\\')).toEqual({ a: '1', b: '2' });
  });

  it('handles \\r\\n and \\r line endings, including inside continuations', () => {
    expect(parse('a=1\r\nb=2\\\r\n  3\rc=4')).toEqual({ a: '1', b: '23', c: '4' });
  });

  it('decodes escapes: \\t \\n \\r \\f \\uXXXX \\\\ \\= \\: and \\<other> as the character itself', () => {
    expect(parse('k=a\\tb\\nc\\rd\\fe\\u00e9\\\\\\=\\:\\q')).toEqual({ k: 'a\tb\nc\rd\fe\u00e9\\=:q' });
  });

  it('allows escaped separators and spaces in keys', () => {
    expect(parse('my\\ key\\=x\\:y = v')).toEqual({ 'my key=x:y': 'v' });
  });

  it('lets a later key override an earlier one', () => {
    expect(parse('a=1\na=2')).toEqual({ a: '2' });
  });

  it('rejects a malformed \\u escape, naming the source and line', () => {
    const err = (() => { try { parseProperties('a=1\nb=\\u12g4', '/etc/client.properties'); } catch (e) { return e; } })();
    expect(err).toBeInstanceOf(ConnectionConfigError);
    expect((err as ConnectionConfigError).message).toContain('/etc/client.properties line 2');
    expect((err as ConnectionConfigError).fix).toMatch(/four hex digits/);
  });
});
