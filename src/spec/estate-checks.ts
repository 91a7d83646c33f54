import { error, type Diagnostic } from '../core/diagnostic.js';
import { formatLocation } from '../core/diagnostic.js';
import type { Domain } from './model.js';
import { metricCollisionKey } from './naming.js';

/** Checks that need every spec at once: one file per domain, no two topics that collide. */
export function checkEstate(domains: readonly Domain[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const byId = new Map<string, Domain>();
  for (const d of domains) {
    const prior = byId.get(d.id);
    if (prior) {
      out.push(error('domain-duplicate', `Domain "${d.id}" is described by two files: ${prior.file} and ${d.file}`, d.location,
        'Keep one spec per domain: merge the files or give one of them another `id`.'));
      continue;
    }
    byId.set(d.id, d);
  }
  const byName = new Map<string, { topic: string; where: string }>();
  const byMetric = new Map<string, { topic: string; where: string }>();
  for (const d of byId.values()) {
    for (const t of d.produces) {
      const where = formatLocation(t.location);
      const same = byName.get(t.name);
      if (same) {
        out.push(error('topic-duplicate', `Topic "${t.name}" is declared twice (also at ${same.where})`, t.location, 'Declare each topic once.'));
        continue;
      }
      byName.set(t.name, { topic: t.name, where });
      const key = metricCollisionKey(t.name);
      const other = byMetric.get(key);
      if (other) {
        out.push(error('topic-collision', `Topics "${t.name}" and "${other.topic}" (at ${other.where}) differ only by "." vs "_" and collide in Kafka's metrics`, t.location,
          'Rename one of them so the names differ by more than "." and "_".'));
        continue;
      }
      byMetric.set(key, { topic: t.name, where });
    }
  }
  return out;
}
