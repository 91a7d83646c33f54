import { describe, expect, it } from 'vitest';
import type { KafkaAdminPort } from '../../../src/kafka/kafka-admin-port.js';
import { readLiveState } from '../../../src/orchestrate/read-live-state.js';
import { provisionSpecs } from '../../../src/orchestrate/provision-specs.js';
import { spec2, writeTempFiles } from '../../support/temp-specs.js';

/** A cluster holding these topic names; records which ones the reader asks to describe. */
function clusterWith(names: string[]): { port: KafkaAdminPort; described: string[] } {
  const described: string[] = [];
  const unused = () => { throw new Error('not used by readLiveState'); };
  const port: KafkaAdminPort = {
    listTopics: async () => names,
    describeTopics: async (wanted) => {
      described.push(...wanted);
      return wanted.map((name) => ({ name, partitions: 1, replicationFactor: 1, configs: {} }));
    },
    describeAcls: async () => [],
    createTopics: unused, createPartitions: unused, alterTopicConfigs: unused, deleteTopics: unused,
    createAcls: unused, deleteAcls: unused,
    roundTrips: () => 0,
    disconnect: async () => undefined,
  };
  return { port, described };
}

describe('readLiveState', () => {
  it('describes the planned domains\' topics and their nested domains\', never a neighbour\'s or a parent\'s', async () => {
    const { port, described } = clusterWith([
      'acme.retail._public.orders',
      'acme.retail._private.ledger',
      'acme.retail.returns._protected.refunds', // nested in a planned domain
      'acme.retail.returns.eu._public.x', // nested two levels down
      'acme.retailer._public.orders', // shares the prefix "acme.retail", not the domain
      'acme._public.news', // the parent of a planned domain
      'other.team._public.y',
      '__consumer_offsets',
      'legacy-topic',
      'ops.audit._public.extra', // asked for by name
    ]);
    const state = await readLiveState(port, ['acme.retail', 'billing'], { extraTopics: ['ops.audit._public.extra'] });
    expect(described.sort()).toEqual([
      'acme.retail._private.ledger',
      'acme.retail._public.orders',
      'acme.retail.returns._protected.refunds',
      'acme.retail.returns.eu._public.x',
      'ops.audit._public.extra',
    ]);
    expect(state.topics).toHaveLength(5);
  });

  it('finds a nested domain\'s topics when only the deeper domain is planned', async () => {
    const { port, described } = clusterWith(['a.b.c._public.t', 'a.b._public.t', 'a.b.cd._public.t']);
    await readLiveState(port, ['a.b.c']);
    expect(described).toEqual(['a.b.c._public.t']);
  });

  it('does not ask for ACLs when no emitter needs them (IAM-only clusters do not serve DescribeAcls)', async () => {
    const { port } = clusterWith(['a.b._public.t']);
    port.describeAcls = async () => { throw new Error('SECURITY_DISABLED: no authorizer is configured'); };
    const state = await readLiveState(port, ['a.b'], { acls: false });
    expect(state.acls).toBeUndefined();
    await expect(readLiveState(port, ['a.b'])).rejects.toThrow(/SECURITY_DISABLED/);
  });

  it('lets provision with only the iam emitter run against such a cluster', async () => {
    const { port } = clusterWith([]);
    port.describeAcls = async () => { throw new Error('SECURITY_DISABLED: no authorizer is configured'); };
    port.createTopics = port.createPartitions = port.alterTopicConfigs = port.deleteTopics = async () => new Map();
    const dir = writeTempFiles({ 'a-api.yaml': spec2('urn:acme.a', '  _public.x:\n    publish: {}\n') });
    const r = await provisionSpecs([dir], {
      emitters: ['iam'], cacheDir: false, cwd: dir, connect: async () => port, waitForVisibility: false,
      iam: { clusterArn: 'arn:aws:kafka:eu-west-1:111122223333:cluster/c/abcd-1', roleTemplate: 'arn:aws:iam::111122223333:role/{domain}' },
    });
    expect(r.report?.results.filter((x) => x.status === 'failed'), JSON.stringify(r.report?.results.filter((x) => x.status === 'failed'))).toEqual([]);
    expect(r.plan?.changes.filter((c) => c.kind === 'topic').map((c) => c.action)).toEqual(['create']);
  });
});
