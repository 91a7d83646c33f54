import { error, type Diagnostic } from '../core/diagnostic.js';
import type { Domain } from './model.js';

export type KafkaVariant = 'apache' | 'msk' | 'msk-serverless';
export const KAFKA_VARIANTS: readonly KafkaVariant[] = ['apache', 'msk', 'msk-serverless'];

const MIB = 1024 * 1024;
const GIB = 1024 * MIB;
const DAY_MS = 24 * 60 * 60 * 1000;

/** MSK Serverless lets users set only these topic configs, some within bounds. */
const SERVERLESS_CONFIGS: Record<string, (v: string) => string | undefined> = {
  'cleanup.policy': () => undefined,
  'compression.type': () => undefined,
  'max.message.bytes': (v) => atMost(v, 8 * MIB, '8 MiB (8388608)'),
  'message.timestamp.difference.max.ms': () => undefined,
  'message.timestamp.type': () => undefined,
  'message.timestamp.before.max.ms': () => undefined,
  'message.timestamp.after.max.ms': () => undefined,
  'retention.bytes': (v) => atMost(v, 250 * GIB, '250 GiB (268435456000)', true),
  'retention.ms': (v) => atMost(v, DAY_MS, '1 day (86400000)'),
};
export const SERVERLESS_MAX_PARTITIONS = 120;

function atMost(v: string, max: number, label: string, allowUnlimited = false): string | undefined {
  const n = Number(v);
  if (!Number.isFinite(n)) return `must be a number (got "${v}")`;
  if (allowUnlimited && n === -1) return undefined;
  if (n < 0 || n > max) return `must be at most ${label} on MSK Serverless (got ${v})`;
  return undefined;
}

/** Rejects, before anything is applied, what MSK Serverless itself would refuse. */
export function checkServerless(domains: readonly Domain[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  let partitions = 0;
  for (const d of domains) {
    for (const t of d.produces) {
      partitions += t.partitions;
      for (const [name, value] of Object.entries(t.configs)) {
        const rule = SERVERLESS_CONFIGS[name];
        if (!rule) {
          out.push(error('serverless-config', `Topic "${t.name}": MSK Serverless does not allow setting "${name}"`, t.location,
            `Remove "${name}"; MSK Serverless accepts only ${Object.keys(SERVERLESS_CONFIGS).join(', ')}.`));
          continue;
        }
        const problem = rule(value);
        if (problem) out.push(error('serverless-config', `Topic "${t.name}": "${name}" ${problem}`, t.location, `Lower "${name}" to MSK Serverless's limit.`));
      }
    }
  }
  if (partitions > SERVERLESS_MAX_PARTITIONS) {
    out.push(error('serverless-partitions', `The specs ask for ${partitions} partitions; an MSK Serverless cluster holds at most ${SERVERLESS_MAX_PARTITIONS}`,
      undefined, 'Lower `partitions`, or use a provisioned MSK cluster.'));
  }
  return out;
}
