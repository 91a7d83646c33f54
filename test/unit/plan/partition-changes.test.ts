import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../../src/plan/build-plan.js';
import { loadSpecs } from '../../../src/spec/load/load-specs.js';
import type { LiveTopic } from '../../../src/state/live-state.js';
import { spec2, writeTempFiles } from '../../support/temp-specs.js';

// Partition counts of topics that exist, as a spec changes them: a decrease is refused at the
// `partitions:` line of the channel's binding.
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
});
