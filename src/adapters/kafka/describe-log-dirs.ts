import { createRequire } from 'node:module';

// kafkajs has no DescribeLogDirs: this is Kafka's request (API key 35, version 1) in kafkajs's own
// encoding, sent on its broker connections. Version 1 is served from Kafka 1.1 through 4.x.
const require = createRequire(import.meta.url);
const Encoder = require('kafkajs/src/protocol/encoder') as new () => KafkajsEncoder;
const Decoder = require('kafkajs/src/protocol/decoder') as new (buffer: Buffer) => KafkajsDecoder;

interface KafkajsEncoder {
  writeInt32(v: number): KafkajsEncoder;
  writeString(v: string): KafkajsEncoder;
  writeArray(items: unknown[], type?: string): KafkajsEncoder;
  writeEncoder(e: KafkajsEncoder): KafkajsEncoder;
}
interface KafkajsDecoder {
  readInt16(): number;
  readInt32(): number;
  readInt64(): bigint;
  readString(): string;
  readBoolean(): boolean;
  readArray<T>(reader: (d: KafkajsDecoder) => T): T[];
}

export interface LogDirResult {
  errorCode: number;
  logDir: string;
  topics: { name: string; partitions: { partition: number; size: number; isFuture: boolean }[] }[];
}

const API_KEY = 35;

/** The request/response pair kafkajs's connection pool sends. */
export function describeLogDirsRequest(topics: readonly { topic: string; partitions: readonly number[] }[]) {
  return {
    request: {
      apiKey: API_KEY,
      apiVersion: 1,
      apiName: 'DescribeLogDirs',
      encode: async () => new Encoder().writeArray(topics.map((t) =>
        new Encoder().writeString(t.topic).writeArray([...t.partitions], 'int32'))),
    },
    response: {
      decode: async (raw: Buffer) => {
        const d = new Decoder(raw);
        d.readInt32(); // throttle_time_ms
        return d.readArray<LogDirResult>((r) => ({
          errorCode: r.readInt16(),
          logDir: r.readString(),
          topics: r.readArray((t) => ({
            name: t.readString(),
            partitions: t.readArray((p) => {
              const partition = p.readInt32();
              const size = Number(p.readInt64());
              p.readInt64(); // offset_lag
              return { partition, size, isFuture: p.readBoolean() };
            }),
          })),
        }));
      },
      parse: async (data: LogDirResult[]) => data,
    },
  };
}
