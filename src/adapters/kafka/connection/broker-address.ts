import { ConnectionConfigError } from './connection-config-error.js';

export interface BrokerAddress {
  host: string;
  port: number;
}

/** `host:port`, `[v6]:port`; a leading `PLAINTEXT://`-style listener name is accepted, as Kafka's clients do. */
export function parseBrokerAddress(broker: string, source: string): BrokerAddress {
  const bare = broker.replace(/^[A-Za-z_][A-Za-z0-9_]*:\/\//, '');
  const m = /^(?:\[([^\]]+)\]|([^:[\]\s/]+)):(\d{1,5})$/.exec(bare);
  const port = m ? Number(m[3]) : NaN;
  if (!m || port < 1 || port > 65535) {
    throw new ConnectionConfigError(`Invalid broker address "${broker}" in ${source}: expected host:port`,
      'write each broker as host:port, comma-separated, e.g. --bootstrap-server b-1.example.com:9092,b-2.example.com:9092');
  }
  return { host: (m[1] ?? m[2])!, port };
}

/** Splits a comma-separated broker list, dropping a listener prefix and empty entries. */
export function parseBrokerList(list: string, source: string): string[] {
  return list.split(',').map((b) => b.trim()).filter((b) => b !== '').map((b) => {
    const { host, port } = parseBrokerAddress(b, source);
    return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
  });
}
