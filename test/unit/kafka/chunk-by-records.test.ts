import { describe, expect, it } from 'vitest';
import { chunkByRecords } from '../../../src/adapters/kafka/batching.js';

describe('chunkByRecords', () => {
  it('keeps each request under the broker\'s metadata-record limit, in order', () => {
    const topics = Array.from({ length: 5000 }, (_, i) => ({ name: `t${i}`, records: 1 + 1 + (i % 3) }));
    const chunks = chunkByRecords(topics, (t) => t.records);
    expect(chunks.flat()).toEqual(topics);
    for (const c of chunks) expect(c.reduce((n, t) => n + t.records, 0)).toBeLessThanOrEqual(9000);
    expect(chunks.length).toBe(Math.ceil(topics.reduce((n, t) => n + t.records, 0) / 9000));
  });

  it('puts an item heavier than the limit in a request of its own', () => {
    expect(chunkByRecords([1, 20_000, 1], (x) => x)).toEqual([[1], [20_000], [1]]);
  });
});
