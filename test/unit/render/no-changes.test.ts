import { describe, expect, it } from 'vitest';
import type { Plan } from '../../../src/core/change.js';
import { renderMarkdown } from '../../../src/render/render-markdown.js';
import { renderText } from '../../../src/render/render-text.js';

const empty = (liveSource: Plan['liveSource']): Plan => ({ formatVersion: 1, specs: [], liveSource, changes: [], warnings: [], summary: { create: 0, update: 0, delete: 0, noop: 0 } });

describe('a plan without changes', () => {
  it('says the cluster matches only when a cluster was read', () => {
    expect(renderText(empty('live'))).toContain('The cluster matches the specs.');
    for (const source of ['state-file', 'empty'] as const) {
      expect(renderText(empty(source))).not.toContain('cluster matches');
      expect(renderMarkdown(empty(source))).not.toContain('cluster matches');
    }
    expect(renderText(empty('state-file'))).toContain('The state file matches the specs (no cluster was read).');
  });
});
