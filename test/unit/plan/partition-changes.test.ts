import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../../src/plan/build-plan.js';
import { renderJson } from '../../../src/render/render-json.js';
import { renderMarkdown } from '../../../src/render/render-markdown.js';
import { renderText } from '../../../src/render/render-text.js';
import { loadSpecs } from '../../../src/spec/load/load-specs.js';
import type { LiveTopic } from '../../../src/state/live-state.js';
import { spec2, writeTempFiles } from '../../support/temp-specs.js';

// Partition counts of topics that exist, as a spec changes them: a decrease is refused and an
// increase is planned with a warning, both at the `partitions:` line of the channel's binding.
const channels = [
  '  _public.order_placed:', //                line 7
  '    bindings:',
  '      kafka:',
  '        partitions: 6', //                  line 10
  '        topicConfiguration: { cleanup.policy: compact }',
  '    publish: {}',
  '  _public.order_paid:', //                  line 13
  '    publish: {}',
  '',
].join('\n');

async function plan(live: LiveTopic[]) {
  const dir = writeTempFiles({ 'orders.yaml': spec2('urn:acme.orders', channels) });
  const load = await loadSpecs([dir], { cacheDir: false, cwd: dir, workers: 0 });
  expect(load.ok).toBe(true);
  return buildPlan({ domains: load.domains, files: [] }, { emitters: ['acl'], live: { topics: live, acls: [] }, liveSource: 'live' });
}
const topic = (name: string, partitions: number, configs: Record<string, string> = {}): LiveTopic => ({ name, partitions, replicationFactor: 3, configs });

describe('partitions of a topic that exists', () => {
  it('refuses a decrease at the `partitions:` line of the binding', async () => {
    const { diagnostics } = await plan([topic('acme.orders._public.order_placed', 12, { 'cleanup.policy': 'compact' })]);
    expect(diagnostics.find((d) => d.code === 'partitions-decrease')).toMatchObject({ severity: 'error', location: { file: 'orders.yaml', line: 10, column: 9 } });
  });

  it('refuses a decrease at the channel when the binding does not set partitions (the default of 1)', async () => {
    const { diagnostics } = await plan([topic('acme.orders._public.order_paid', 3)]);
    expect(diagnostics.find((d) => d.code === 'partitions-decrease')).toMatchObject({ location: { file: 'orders.yaml', line: 13 } });
  });

  it('warns that keys move to other partitions when partitions grow, in text, markdown and json', async () => {
    const { plan: p } = await plan([topic('acme.orders._public.order_placed', 4, { 'cleanup.policy': 'compact' })]);
    const w = p.warnings.find((x) => x.code === 'partitions-increase');
    expect(w).toMatchObject({ file: 'orders.yaml', line: 10 });
    expect(w?.message).toContain('grows from 4 to 6 partitions');
    expect(w?.message).toContain('per-key ordering is not kept across it');
    expect(w?.message).toContain('Kafka Streams');
    expect(w?.message).toContain('This topic is compacted');
    expect(renderText(p)).toMatch(/~ topic acme\.orders\._public\.order_placed {2}\(.*partitions 4 → 6\)[\s\S]*Warnings:[\s\S]*grows from 4 to 6 partitions/);
    expect(renderMarkdown(p)).toContain('`orders.yaml:10`: Topic "acme.orders._public.order_placed" grows from 4 to 6 partitions');
    expect((JSON.parse(renderJson(p)) as { warnings: { code: string }[] }).warnings.map((x) => x.code)).toContain('partitions-increase');
  });

  it('does not warn about a topic whose partitions stay, or are created', async () => {
    const same = await plan([topic('acme.orders._public.order_placed', 6, { 'cleanup.policy': 'compact' })]);
    const created = await plan([]);
    expect([...same.plan.warnings, ...created.plan.warnings].map((w) => w.code)).not.toContain('partitions-increase');
  });

  it('leaves out the compaction note for a topic that is not compacted', async () => {
    const dir = writeTempFiles({ 'o.yaml': spec2('urn:acme.o', '  _public.x:\n    bindings: { kafka: { partitions: 2 } }\n    publish: {}\n') });
    const load = await loadSpecs([dir], { cacheDir: false, cwd: dir, workers: 0 });
    const plain = buildPlan({ domains: load.domains, files: [] }, { emitters: ['acl'], live: { topics: [topic('acme.o._public.x', 1)], acls: [] }, liveSource: 'live' });
    const w = plain.plan.warnings.find((x) => x.code === 'partitions-increase');
    expect(w?.message).toContain('grows from 1 to 2 partitions');
    expect(w?.message).not.toContain('compacted:');
  });
});
