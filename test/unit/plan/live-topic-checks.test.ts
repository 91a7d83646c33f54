import { describe, expect, it } from 'vitest';
import { buildPlan, type PlanOptions } from '../../../src/plan/build-plan.js';
import type { LiveState, LiveTopic } from '../../../src/state/live-state.js';
import { domain } from '../../support/domain-builder.js';

const orders = domain('acme.orders')
  .owns('public', 'order_placed', { partitions: 3, configs: { 'cleanup.policy': 'compact' } })
  .build();
const topic = (name: string, partitions = 1, configs: Record<string, string> = {}): LiveTopic => ({ name, partitions, replicationFactor: 3, configs });
const plan = (live: LiveState, extra: Partial<PlanOptions> = {}) =>
  buildPlan({ domains: [orders], files: [] }, { emitters: ['iam'], live: { acls: [], iamPolicies: [], ...live }, liveSource: 'live',
    iam: { clusterArn: 'arn:aws:kafka:eu-west-1:111122223333:cluster/c/abcd-1', roleTemplate: 'arn:aws:iam::111122223333:role/{domain}' }, ...extra });
const codes = (live: LiveState, extra: Partial<PlanOptions> = {}) => plan(live, extra).diagnostics.filter((d) => d.severity === 'error').map((d) => d.code);

describe('checks against the topics that exist', () => {
  it('refuses a partition decrease and points at the channel in the spec', () => {
    const { diagnostics } = plan({ topics: [topic('acme.orders._public.order_placed', 12, { 'cleanup.policy': 'compact' })] });
    expect(diagnostics.find((d) => d.code === 'partitions-decrease')).toMatchObject({
      severity: 'error', summary: expect.stringContaining('12 partitions'), location: { file: 'specs/acme.orders.yaml', line: 10 },
    });
  });

  it('refuses a new topic whose metric name collides with a live topic\'s', () => {
    const d = plan({ topics: [], topicNames: ['acme.orders._public.order.placed'] }).diagnostics.find((x) => x.code === 'topic-collision-live');
    expect(d).toMatchObject({ severity: 'error', summary: expect.stringContaining('"acme.orders._public.order.placed"'), location: { line: 10 } });
    expect(codes({ topics: [], topicNames: ['acme.orders._public.order_placed'] })).not.toContain('topic-collision-live');
  });

  it('does not report a replication factor it does not know (a snapshot without one)', () => {
    const withRf = buildPlan({ domains: [domain('acme.o').owns('public', 'x').build()].map((d) => ({ ...d, produces: d.produces.map((t) => ({ ...t, replicationFactor: 3 })) })), files: [] },
      { emitters: ['acl'], live: { topics: [{ ...topic('acme.o._public.x'), replicationFactor: -1 }], acls: [] }, liveSource: 'state-file' });
    expect(withRf.diagnostics.map((d) => d.code)).not.toContain('replication-factor-change');
  });
});

describe('MSK Serverless, against the live cluster', () => {
  const serverless = { kafkaVariant: 'msk-serverless' as const };

  it('refuses to change the cleanup.policy of a topic that exists, and accepts it at creation', () => {
    expect(codes({ topics: [topic('acme.orders._public.order_placed', 3)] }, serverless)).toContain('serverless-cleanup-policy');
    expect(codes({ topics: [topic('acme.orders._public.order_placed', 3, { 'cleanup.policy': 'compact' })] }, serverless)).toEqual([]);
    expect(codes({ topics: [] }, serverless)).toEqual([]);
    expect(codes({ topics: [topic('acme.orders._public.order_placed', 3)] })).toEqual([]);
  });

  it('counts the partitions already on the cluster against its cap of 120', () => {
    expect(codes({ topics: [topic('other.team._public.big', 117)] }, serverless)).toEqual([]);
    expect(plan({ topics: [topic('other.team._public.big', 118)] }, serverless).diagnostics.find((d) => d.code === 'serverless-partitions'))
      .toMatchObject({ severity: 'error', summary: expect.stringContaining('121 partitions') });
    // A planned topic already bigger than its spec counts at its live size.
    expect(codes({ topics: [topic('acme.orders._public.order_placed', 110, { 'cleanup.policy': 'compact' }), topic('other.team._public.t', 11)] }, serverless)).toContain('serverless-partitions');
  });

  it('refuses Kafka ACL and SCRAM emitters, which have nothing to govern on an IAM-only cluster', () => {
    expect(codes({ topics: [] }, { ...serverless, emitters: ['acl'] })).toContain('serverless-acl');
    expect(codes({ topics: [] }, { ...serverless, emitters: ['iam'] })).not.toContain('serverless-acl');
  });
});

describe('IAM policies against a cluster', () => {
  it('says that IAM was not read when only the Kafka side was, instead of implying a live diff', () => {
    const read = plan({ topics: [], acls: [] }).diagnostics;
    expect(read.find((d) => d.code === 'iam-not-read')).toBeUndefined();
    const unread = buildPlan({ domains: [orders], files: [] }, { emitters: ['iam'], live: { topics: [], acls: [] }, liveSource: 'live',
      iam: { clusterArn: 'arn:aws:kafka:eu-west-1:111122223333:cluster/c/abcd-1', roleTemplate: 'arn:aws:iam::111122223333:role/{domain}' } });
    expect(unread.diagnostics.find((d) => d.code === 'iam-not-read')).toMatchObject({ severity: 'warning', fix: expect.stringContaining('--state') });
    expect(unread.plan.warnings.map((w) => w.code)).toContain('iam-not-read');
  });
});
