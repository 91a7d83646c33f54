import type { ConsumptionReport, StorageReport } from '../report/usage-report.js';

export const USAGE_FORMATS = ['text', 'json', 'csv'] as const;
export type UsageFormat = (typeof USAGE_FORMATS)[number];

/** 1536 → "1.5 KiB"; exact bytes stay in the json and csv forms. */
export function formatBytes(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = n;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) { v /= 1024; u++; }
  return u === 0 ? `${n} B` : `${v.toFixed(1)} ${units[u]}`;
}

/** Columns padded to their widest cell; numbers right-aligned. */
function table(header: readonly string[], rows: readonly (readonly string[])[], numeric: readonly boolean[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => (numeric[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

const csvCell = (v: string | number): string => (typeof v === 'string' && /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : String(v));
const csv = (header: readonly string[], rows: readonly (readonly (string | number)[])[]): string =>
  `${[header, ...rows].map((r) => r.map(csvCell).join(',')).join('\n')}\n`;

/** At most this many consumer groups are named in the note under a table; json has them all. */
const GROUPS_NAMED = 10;

/**
 * The notes under a report that leaves out topics the specs declare, or consumer groups this
 * principal may not describe (csv has no place for them: the CLI writes them to stderr). Empty when
 * nothing was left out.
 */
export function renderNotVisible(notVisible: readonly string[], groupsNotDescribed: readonly string[] = []): string {
  const notes: string[] = [];
  if (notVisible.length) {
    const n = notVisible.length;
    notes.push(
      `Not in this report: ${n} topic${n === 1 ? '' : 's'} of the specs that the cluster did not list to this principal (not created yet, or no DESCRIBE on ${n === 1 ? 'it' : 'them'}):`,
      ...notVisible.map((t) => `  ${t}`),
    );
  }
  if (groupsNotDescribed.length) {
    const n = groupsNotDescribed.length;
    if (notes.length) notes.push('');
    notes.push(
      `Not in this report: ${n} consumer group${n === 1 ? '' : 's'} that this principal may not describe (no DESCRIBE on ${n === 1 ? 'it' : 'them'}); ${n === 1 ? 'its' : 'their'} consumption of these topics is not shown:`,
      ...groupsNotDescribed.slice(0, GROUPS_NAMED).map((g) => `  ${g}`),
      ...(n > GROUPS_NAMED ? [`  … and ${n - GROUPS_NAMED} more (all in --format json)`] : []),
    );
  }
  return notes.length ? `${notes.join('\n')}\n` : '';
}

export const STORAGE_CSV_HEADER = ['domain', 'topic', 'partitions', 'messages', 'bytes', 'replica_bytes'] as const;

export function renderStorage(report: StorageReport, format: UsageFormat): string {
  if (format === 'json') return `${JSON.stringify(report, null, 2)}\n`;
  if (format === 'csv') return csv(STORAGE_CSV_HEADER, report.topics.map((t) => [t.domain, t.topic, t.partitions, t.messages, t.bytes, t.replicaBytes]));
  const rows = report.topics.map((t) => [t.domain, t.topic, String(t.partitions), String(t.messages), formatBytes(t.bytes), formatBytes(t.replicaBytes)]);
  for (const d of report.domains) rows.push([d.domain, `(total, ${d.topics} topic${d.topics === 1 ? '' : 's'})`, '', String(d.messages), formatBytes(d.bytes), formatBytes(d.replicaBytes)]);
  rows.push(['TOTAL', `${report.total.topics} topic${report.total.topics === 1 ? '' : 's'}`, '', String(report.total.messages), formatBytes(report.total.bytes), formatBytes(report.total.replicaBytes)]);
  return `${table(['DOMAIN', 'TOPIC', 'PARTITIONS', 'MESSAGES', 'BYTES (LEADERS)', 'BYTES (ALL REPLICAS)'], rows, [false, false, true, true, true, true])}\n${withGap(renderNotVisible(report.notVisible))}`;
}

export const CONSUMPTION_CSV_HEADER = ['domain', 'topic', 'group', 'state', 'members', 'lag', 'committed_partitions'] as const;

export function renderConsumption(report: ConsumptionReport, format: UsageFormat): string {
  if (format === 'json') return `${JSON.stringify(report, null, 2)}\n`;
  const cells = report.rows.map((r) => r.groupId === undefined
    ? [r.domain, r.topic, '', '', '', '', '']
    : [r.domain, r.topic, r.groupId, r.state, String(r.members), String(r.lag), String(r.committedPartitions)]);
  if (format === 'csv') return csv(CONSUMPTION_CSV_HEADER, cells);
  const shown = cells.map((c) => (c[2] === '' ? [c[0]!, c[1]!, '(no consumer group)', '', '', '', ''] : c));
  return `${table(['DOMAIN', 'TOPIC', 'GROUP', 'STATE', 'MEMBERS', 'LAG', 'COMMITTED PARTITIONS'], shown, [false, false, false, false, true, true, true])}\n${withGap(renderNotVisible(report.notVisible, report.groupsNotDescribed))}`;
}

const withGap = (note: string): string => (note ? `\n${note}` : '');
