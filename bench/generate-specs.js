import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Writes `count` domain specs of 10 channels each (public, protected with grants, private, consumed). */
export function generateSpecs(dir, count, channelsPerSpec = 10) {
  mkdirSync(path.join(dir, 'schema'), { recursive: true });
  const id = (i) => `bench.unit${String(i % 50).padStart(2, '0')}.domain${String(i).padStart(4, '0')}`;
  for (let i = 0; i < count; i++) {
    const d = id(i);
    const channels = [];
    for (let c = 0; c < channelsPerSpec; c++) {
      if (c < 4) {
        const schema = `schema/${d}._public.event${c}.avsc`;
        writeFileSync(path.join(dir, schema), JSON.stringify({ type: 'record', name: `Event${c}`, namespace: d, fields: [{ name: 'id', type: 'string' }, { name: 'at', type: 'long' }] }));
        channels.push(`  _public.event${c}:
    bindings:
      kafka:
        partitions: 1
        replicas: 1
        topicConfiguration:
          retention.ms: ${86400000 * (c + 1)}
    publish:
      operationId: publishEvent${c}
      message:
        payload:
          $ref: ${schema}`);
      } else if (c < 6) {
        channels.push(`  _protected.shared${c}:
    bindings:
      kafka:
        partitions: 1
        replicas: 1
    publish:
      operationId: publishShared${c}
      tags:
        - name: grant-access:${id((i + 1) % count)}
      message:
        payload:
          type: object
          properties:
            id: { type: string }`);
      } else if (c < 8) {
        channels.push(`  _private.state${c}:
    bindings:
      kafka:
        partitions: 1
        replicas: 1
        configs:
          cleanup.policy: compact
    publish:
      operationId: publishState${c}
      message:
        payload:
          type: object`);
      } else {
        const other = id((i + c) % count);
        channels.push(`  ${other}._public.event${c % 4}:
    subscribe:
      operationId: consume${c}
      message:
        payload:
          type: object`);
      }
    }
    writeFileSync(path.join(dir, `${d}-api.yaml`), `asyncapi: '2.6.0'
id: 'urn:${d}'
info:
  title: Domain ${i}
  version: '1.0.0'
  description: Generated for the benchmark.
channels:
${channels.join('\n')}
`);
  }
  return dir;
}
