import { describe, expect, it } from 'vitest';
import { parseYamlSource } from '../../../src/spec/yaml-locator.js';

// A YAML mistake is reported where it is, once: not as the cascade of errors it causes further down.
const located = (text: string) => parseYamlSource('orders-api.yaml', text).diagnostics.map((d) => `${d.location?.line}:${d.location?.column} ${d.summary}`);

describe('YAML syntax errors', () => {
  it('names an unclosed "[" at its own line, and counts what it causes below instead of listing it', () => {
    const text = [
      'channels:',
      '  _private.order_state:',
      '    bindings: [oops',
      '      kafka:',
      '        partitions: 3',
      '        configs:',
      '          cleanup.policy: compact',
      '  _public.next:',
      '    publish: {}',
      '',
    ].join('\n');
    const [only, ...rest] = located(text);
    expect(rest).toEqual([]);
    expect(only).toMatch(/^3:15 YAML syntax error: this "\[" is never closed with "\]" \(\d+ more YAML errors after it, most likely caused by this one\)$/);
    expect(parseYamlSource('orders-api.yaml', text).diagnostics[0]?.fix).toContain('Close it with "]" on the same line');
  });

  it('names an unclosed "{" the same way', () => {
    expect(located('info: { title: x, version: 1\nchannels: {}\n')[0]).toMatch(/^1:7 YAML syntax error: this "\{" is never closed with "\}"/);
  });

  it('reports the first of other errors at its position', () => {
    expect(located('a: b: c\nd: 1\n')).toEqual(['1:4 YAML syntax error: Nested mappings are not allowed in compact mappings']);
  });

  it('reports every duplicate key, each where it is', () => {
    expect(located('a: 1\nb: 2\na: 3\nb: 4\n')).toEqual([
      '3:1 YAML syntax error: Map keys must be unique',
      '4:1 YAML syntax error: Map keys must be unique',
    ]);
  });
});
