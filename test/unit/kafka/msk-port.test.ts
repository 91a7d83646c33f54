import { describe, expect, it } from 'vitest';
import {
  ConnectionConfigError, checkMskPort, createResolvedConnection, mskHost,
  type ResolvedConnectionFields, type SaslMechanism, type SecurityProtocol,
} from '../../../src/adapters/kafka/connection/index.js';

const PRIVATE = 'b-1.demo.abc123.c2.kafka.us-east-1.amazonaws.com';
const PUBLIC = 'b-1-public.demo.abc123.c2.kafka.us-east-1.amazonaws.com';
const CN = 'b-2.demo.xyz789.c3.kafka.cn-north-1.amazonaws.com.cn';
const SERVERLESS = 'boot-abcd1234.c1.kafka-serverless.eu-west-1.amazonaws.com';

function conn(broker: string, securityProtocol: SecurityProtocol, saslMechanism?: SaslMechanism) {
  const fields: ResolvedConnectionFields = { brokers: [broker], securityProtocol };
  if (saslMechanism) fields.saslMechanism = saslMechanism;
  return createResolvedConnection(fields);
}

function errorOf(c: ReturnType<typeof conn>): ConnectionConfigError {
  try {
    checkMskPort(c);
  } catch (e) {
    if (e instanceof ConnectionConfigError) return e;
    throw e;
  }
  throw new Error('expected a ConnectionConfigError');
}

const IAM = ['SASL_SSL', 'AWS_MSK_IAM'] as const;
const OAUTH = ['SASL_SSL', 'OAUTHBEARER'] as const;
const SCRAM = ['SASL_SSL', 'SCRAM-SHA-512'] as const;
const TLS = ['SSL'] as const;
const PLAIN = ['PLAINTEXT'] as const;

describe('mskHost', () => {
  it.each([
    [PRIVATE, { region: 'us-east-1', serverless: false }],
    [PUBLIC, { region: 'us-east-1', serverless: false }],
    [CN, { region: 'cn-north-1', serverless: false }],
    [SERVERLESS, { region: 'eu-west-1', serverless: true }],
    ['b-1.x.kafka.us-gov-west-1.amazonaws.com', { region: 'us-gov-west-1', serverless: false }],
    ['kafka.example.com', undefined],
    ['b-1.kafka.us-east-1.amazonaws.com.evil.com', undefined],
  ])('%s', (host, expected) => {
    expect(mskHost(host)).toEqual(expected);
  });
});

describe('checkMskPort', () => {
  it.each([
    [`${PRIVATE}:9092`, PLAIN],
    [`${PRIVATE}:9094`, TLS],
    [`${PRIVATE}:9096`, SCRAM],
    [`${PRIVATE}:9098`, IAM],
    [`${PRIVATE}:9098`, OAUTH],
    [`${PUBLIC}:9194`, TLS],
    [`${PUBLIC}:9196`, SCRAM],
    [`${PUBLIC}:9198`, IAM],
    [`${CN}:9096`, SCRAM],
    [`${CN}:9098`, IAM],
    [`${SERVERLESS}:9098`, IAM],
  ] as const)('accepts %s with %s', (broker, [protocol, mechanism]) => {
    expect(() => checkMskPort(conn(broker, protocol, mechanism))).not.toThrow();
  });

  it('ignores hosts that are not MSK, and MSK ports it does not know (multi-VPC 14001+)', () => {
    expect(() => checkMskPort(conn('localhost:9098', ...SCRAM))).not.toThrow();
    expect(() => checkMskPort(conn(`${PRIVATE.replace('b-1', 'b-1-vpc')}:14001`, ...SCRAM))).not.toThrow();
  });

  it.each([
    [`${PRIVATE}:9098`, SCRAM, /:9098 is MSK's IAM port \(it expects security\.protocol=SASL_SSL with sasl\.mechanism=AWS_MSK_IAM/, /use port 9096 for SCRAM/],
    [`${PRIVATE}:9096`, IAM, /:9096 is MSK's SCRAM port/, /use port 9098 for IAM/],
    [`${PRIVATE}:9094`, SCRAM, /:9094 is MSK's TLS port \(it expects security\.protocol=SSL\)/, /use port 9096 for SCRAM/],
    [`${PRIVATE}:9092`, TLS, /:9092 is MSK's plaintext port/, /use port 9094 for TLS/],
    [`${PRIVATE}:9098`, PLAIN, /:9098 is MSK's IAM port.*uses security\.protocol=PLAINTEXT$/, /use port 9092 for plaintext/],
    [`${PUBLIC}:9198`, SCRAM, /:9198 is MSK's IAM port/, /use port 9196 for SCRAM/],
    [`${PUBLIC}:9196`, TLS, /:9196 is MSK's SCRAM port/, /use port 9194 for TLS/],
    [`${PUBLIC}:9194`, PLAIN, /:9194 is MSK's TLS port/, /public access has no plaintext port/],
    [`${CN}:9098`, SCRAM, /amazonaws\.com\.cn:9098 is MSK's IAM port/, /use port 9096 for SCRAM/],
    [`${CN}:9094`, IAM, /\.cn:9094 is MSK's TLS port/, /use port 9098 for IAM/],
  ] as const)('rejects %s with %s', (broker, [protocol, mechanism], message, fix) => {
    const err = errorOf(conn(broker, protocol, mechanism));
    expect(err.message).toMatch(message);
    expect(err.message).toContain(broker);
    expect(err.fix).toMatch(fix);
  });

  it('says MSK supports only SCRAM-SHA-512', () => {
    const err = errorOf(conn(`${PRIVATE}:9096`, 'SASL_SSL', 'SCRAM-SHA-256'));
    expect(err.message).toMatch(/uses security\.protocol=SASL_SSL with sasl\.mechanism=SCRAM-SHA-256/);
    expect(err.fix).toMatch(/MSK supports only SCRAM-SHA-512/);
  });

  it('says MSK has no SASL_PLAINTEXT listener', () => {
    expect(errorOf(conn(`${PRIVATE}:9096`, 'SASL_PLAINTEXT', 'SCRAM-SHA-512')).fix).toMatch(/no SASL_PLAINTEXT listener/);
  });

  it('says MSK does not support PLAIN', () => {
    expect(errorOf(conn(`${PRIVATE}:9096`, 'SASL_SSL', 'PLAIN')).fix).toMatch(/does not support SASL mechanism PLAIN/);
  });

  it('says MSK Serverless takes only IAM on 9098', () => {
    const err = errorOf(conn(`${SERVERLESS}:9096`, ...SCRAM));
    expect(err.message).toMatch(/MSK Serverless/);
    expect(err.fix).toMatch(/port 9098.*AWS_MSK_IAM/);
  });

  it('checks every broker, not just the first', () => {
    const c = createResolvedConnection({ brokers: [`${PRIVATE}:9096`, `${PRIVATE.replace('b-1', 'b-2')}:9098`], securityProtocol: 'SASL_SSL', saslMechanism: 'SCRAM-SHA-512' });
    expect(errorOf(c).message).toContain('b-2.');
  });
});
