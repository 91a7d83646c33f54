import { describe, expect, it } from 'vitest';
import { buildConsumptionRows, buildStorageReport, notVisibleTopics } from '../../../src/report/usage-report.js';
import { formatBytes, renderConsumption, renderStorage } from '../../../src/render/render-usage.js';

const owned = new Map([['a.orders._public.placed', 'a.orders'], ['a.pay._public.settled', 'a.pay']]);
const offsets = [
  { topic: 'a.orders._public.placed', partition: 0, earliest: 10, latest: 110, leader: 1 },
  { topic: 'a.orders._public.placed', partition: 1, earliest: 0, latest: 50, leader: 2 },
  { topic: 'a.pay._public.settled', partition: 0, earliest: 0, latest: 0, leader: 3 },
];
// Replication factor 3: each partition on brokers 1, 2 and 3.
const replicas = [1, 2, 3].flatMap((broker) => [
  { broker, logDir: '/data', topic: 'a.orders._public.placed', partition: 0, bytes: 1000 + broker },
  { broker, logDir: '/data', topic: 'a.orders._public.placed', partition: 1, bytes: 500 },
]);

describe('buildStorageReport', () => {
  it('counts the offset span as messages, the leader replicas as bytes and every replica as replica bytes', () => {
    const r = buildStorageReport(owned, offsets, replicas, ['a.pay', 'a.orders']);
    expect(r.topics).toEqual([
      { domain: 'a.orders', topic: 'a.orders._public.placed', partitions: 2, messages: 150, bytes: 1001 + 500, replicaBytes: 3006 + 1500 },
      { domain: 'a.pay', topic: 'a.pay._public.settled', partitions: 1, messages: 0, bytes: 0, replicaBytes: 0 },
    ]);
    expect(r.domains.map((d) => [d.domain, d.topics, d.messages])).toEqual([['a.orders', 1, 150], ['a.pay', 1, 0]]);
    expect(r.total).toEqual({ topics: 2, messages: 150, bytes: 1501, replicaBytes: 4506 });
  });

  it('renders a table with domain totals and a grand total, and csv with raw bytes', () => {
    const r = buildStorageReport(owned, offsets, replicas, ['a.orders', 'a.pay']);
    expect(renderStorage(r, 'text')).toBe([
      'DOMAIN    TOPIC                    PARTITIONS  MESSAGES  BYTES (LEADERS)  BYTES (ALL REPLICAS)',
      'a.orders  a.orders._public.placed           2       150          1.5 KiB               4.4 KiB',
      'a.pay     a.pay._public.settled             1         0              0 B                   0 B',
      'a.orders  (total, 1 topic)                          150          1.5 KiB               4.4 KiB',
      'a.pay     (total, 1 topic)                            0              0 B                   0 B',
      'TOTAL     2 topics                                  150          1.5 KiB               4.4 KiB',
      '',
    ].join('\n'));
    expect(renderStorage(r, 'csv')).toBe('domain,topic,partitions,messages,bytes,replica_bytes\na.orders,a.orders._public.placed,2,150,1501,4506\na.pay,a.pay._public.settled,1,0,0,0\n');
  });

  it('formats bytes in binary units', () => {
    expect([0, 1023, 1536, 5 * 1024 ** 3].map(formatBytes)).toEqual(['0 B', '1023 B', '1.5 KiB', '5.0 GiB']);
  });
});

describe('buildConsumptionRows', () => {
  const groups = [
    { groupId: 'g.committed', state: 'Stable', members: [{ topics: ['a.orders._public.placed'] }, { topics: [] }] },
    { groupId: 'g.other', state: 'Empty', members: [] },
  ];
  const committed = [
    { groupId: 'g.committed', offsets: [{ topic: 'a.orders._public.placed', partition: 0, offset: 100 }, { topic: 'a.orders._public.placed', partition: 1 }] },
    { groupId: 'g.other', offsets: [{ topic: 'a.orders._public.placed', partition: 0 }] },
  ];

  it('sums latest − committed, counts a partition without a commit as all its retained messages, and lists unread topics', () => {
    expect(buildConsumptionRows(owned, offsets, groups, committed)).toEqual([
      { domain: 'a.orders', topic: 'a.orders._public.placed', groupId: 'g.committed', state: 'Stable', members: 2, lag: 10 + 50, committedPartitions: 1 },
      { domain: 'a.pay', topic: 'a.pay._public.settled' },
    ]);
  });

  it('renders a table and csv', () => {
    const rows = buildConsumptionRows(owned, offsets, groups, committed);
    expect(renderConsumption({ formatVersion: 1, rows, notVisible: [], groupsNotDescribed: [] }, 'text')).toBe([
      'DOMAIN    TOPIC                    GROUP                STATE   MEMBERS  LAG  COMMITTED PARTITIONS',
      'a.orders  a.orders._public.placed  g.committed          Stable        2   60                     1',
      'a.pay     a.pay._public.settled    (no consumer group)',
      '',
    ].join('\n'));
    expect(renderConsumption({ formatVersion: 1, rows, notVisible: [], groupsNotDescribed: [] }, 'csv')).toBe('domain,topic,group,state,members,lag,committed_partitions\na.orders,a.orders._public.placed,g.committed,Stable,2,60,1\na.pay,a.pay._public.settled,,,,,\n');
  });
});

describe('topics of the specs the cluster did not list to this principal', () => {
  const specTopics = ['a.orders._public.placed', 'a.pay._public.settled', 'a.pay._private.ledger', 'a.orders._protected.paid'];

  it('are the spec topics missing from the listed ones, sorted', () => {
    expect(notVisibleTopics(specTopics, owned)).toEqual(['a.orders._protected.paid', 'a.pay._private.ledger']);
    expect(notVisibleTopics(['a.pay._public.settled'], owned)).toEqual([]);
  });

  it('are named under the storage table and in json; csv keeps its rows only', () => {
    const r = buildStorageReport(owned, offsets, replicas, ['a.orders', 'a.pay'], notVisibleTopics(specTopics, owned));
    expect(renderStorage(r, 'text')).toContain([
      'TOTAL     2 topics                                  150          1.5 KiB               4.4 KiB',
      '',
      'Not in this report: 2 topics of the specs that the cluster did not list to this principal (not created yet, or no DESCRIBE on them):',
      '  a.orders._protected.paid',
      '  a.pay._private.ledger',
      '',
    ].join('\n'));
    expect(JSON.parse(renderStorage(r, 'json')).notVisible).toEqual(['a.orders._protected.paid', 'a.pay._private.ledger']);
    expect(renderStorage(r, 'csv')).not.toContain('ledger');
  });

  it('are named under the consumption table and in json', () => {
    const report = { formatVersion: 1 as const, rows: buildConsumptionRows(owned, offsets, [], []), notVisible: ['a.pay._private.ledger'], groupsNotDescribed: [] };
    expect(renderConsumption(report, 'text')).toMatch(/\(no consumer group\)\n\nNot in this report: 1 topic of the specs .*no DESCRIBE on it\):\n {2}a\.pay\._private\.ledger\n$/);
    expect(JSON.parse(renderConsumption(report, 'json')).notVisible).toEqual(['a.pay._private.ledger']);
  });

  it('name the consumer groups this principal may not describe, ten at most in text, all in json', () => {
    const groupsNotDescribed = Array.from({ length: 12 }, (_, i) => `other.g${String(i).padStart(2, '0')}`);
    const report = { formatVersion: 1 as const, rows: buildConsumptionRows(owned, offsets, [], []), notVisible: [], groupsNotDescribed };
    const text = renderConsumption(report, 'text');
    expect(text).toContain('\nNot in this report: 12 consumer groups that this principal may not describe (no DESCRIBE on them); their consumption of these topics is not shown:\n  other.g00\n');
    expect(text).toContain('  other.g09\n  … and 2 more (all in --format json)\n');
    expect(text).not.toContain('other.g10');
    expect(JSON.parse(renderConsumption(report, 'json')).groupsNotDescribed).toEqual(groupsNotDescribed);
    expect(renderConsumption(report, 'csv')).not.toContain('other.g');
  });

  it('add nothing when every topic was listed', () => {
    const r = buildStorageReport(owned, offsets, replicas, ['a.orders', 'a.pay']);
    expect(renderStorage(r, 'text')).not.toContain('Not in this report');
    expect(JSON.parse(renderStorage(r, 'json')).notVisible).toEqual([]);
  });
});
