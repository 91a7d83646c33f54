import { writeTempFiles } from '../../support/temp-specs.js';

export interface FaultEstate {
  dir: string;
  domains: string[];
}

/**
 * `count` domains of five owned topics each (two public with configs, one protected granted to the
 * next domain, two private, one compacted), each consuming its predecessor's public and protected
 * topics. Every `unitN` parent has nested children, so the plan also holds boundary DENY bindings.
 * All names start with `prefix.`, so a test can tell its resources from everything else on the broker.
 */
export function writeFaultEstate(prefix: string, count: number, extraFiles: Record<string, string> = {}): FaultEstate {
  const groups = Math.min(3, count);
  const domains = Array.from({ length: count }, (_, i) =>
    i < groups ? `${prefix}.unit${i}` : `${prefix}.unit${i % groups}.d${String(i).padStart(3, '0')}`);
  const files: Record<string, string> = { ...extraFiles };
  domains.forEach((d, i) => {
    const next = domains[(i + 1) % count]!;
    const prev = domains[(i + count - 1) % count]!;
    const consumes = count > 1
      ? `  ${prev}._public.event0:\n    subscribe:\n      message: { payload: { type: object } }\n`
        + `  ${prev}._protected.shared:\n    subscribe:\n      message: { payload: { type: object } }\n`
      : '';
    files[`${d}-api.yaml`] = `asyncapi: '2.6.0'
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
      kafka: { partitions: 2, configs: { max.message.bytes: 2097152 } }
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
${consumes}`;
  });
  return { dir: writeTempFiles(files), domains };
}
