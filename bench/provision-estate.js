import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Writes `count` domain specs of five 1-partition topics each under `prefix.`: two public (one with
 * a retention), one protected granted to the next domain, two private (one compacted); each
 * consumes its predecessor's public and protected topics. The first `parents` domains are parents
 * of the rest (`prefix.unitNN` / `prefix.unitNN.dNNNN`), so the plan holds boundary DENY bindings too.
 */
export function writeProvisionEstate(dir, { prefix = 'bench', count = 1000, parents = 50 } = {}) {
  mkdirSync(dir, { recursive: true });
  const groups = Math.min(parents, count);
  const id = (i) => (i < groups ? `${prefix}.unit${String(i).padStart(2, '0')}` : `${prefix}.unit${String(i % groups).padStart(2, '0')}.d${String(i).padStart(4, '0')}`);
  const domains = [];
  for (let i = 0; i < count; i++) {
    const d = id(i);
    const next = id((i + 1) % count);
    const prev = id((i + count - 1) % count);
    domains.push(d);
    writeFileSync(path.join(dir, `${d}-api.yaml`), `asyncapi: '2.6.0'
id: 'urn:${d}'
info: { title: '${d}', version: '1.0.0' }
channels:
  _public.event0:
    bindings:
      kafka: { partitions: 1, topicConfiguration: { retention.ms: ${86_400_000 * (1 + (i % 7))} } }
    publish:
      message: { payload: { type: object } }
  _public.event1:
    bindings:
      kafka: { partitions: 1 }
    publish:
      message: { payload: { type: object } }
  _protected.shared:
    bindings:
      kafka: { partitions: 1 }
    publish:
      tags: [{ name: 'grant-access:${next}' }]
      message: { payload: { type: object } }
  _private.state:
    bindings:
      kafka: { partitions: 1, configs: { cleanup.policy: compact } }
    publish:
      message: { payload: { type: object } }
  _private.audit:
    bindings:
      kafka: { partitions: 1 }
    publish:
      message: { payload: { type: object } }
  ${prev}._public.event0:
    subscribe:
      message: { payload: { type: object } }
  ${prev}._protected.shared:
    subscribe:
      message: { payload: { type: object } }
`);
  }
  return { dir, domains };
}
