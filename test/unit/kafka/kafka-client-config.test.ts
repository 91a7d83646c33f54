import { createSecureContext, type ConnectionOptions } from 'node:tls';
import { logLevel } from 'kafkajs';
import { describe, expect, it, vi } from 'vitest';
import {
  MskIamTokenError, createIamTokenProvider, createResolvedConnection, kafkaClientConfig, resolveConnection,
  type AwsIamSettings, type MskIamSigner, type ResolvedConnection,
} from '../../../src/adapters/kafka/connection/index.js';
import { CERT, ENCRYPTED_KEY, KEY_PASSPHRASE, fakeFiles, oneLine } from './fixtures.js';

const AWS: AwsIamSettings = { region: 'us-east-1', credentials: { kind: 'default' } };

/** Runs the SASL mechanism kafkaClientConfig chose against a fake broker exchange; returns what it sent. */
async function authenticateWith(conn: ResolvedConnection, signer: MskIamSigner, broker: () => Promise<void>): Promise<{ mechanism: string; bytes: Buffer }> {
  const sasl = kafkaClientConfig(conn, { iamSigner: signer }).sasl;
  if (!sasl || !('authenticationProvider' in sasl)) throw new Error('expected an authentication provider');
  let bytes: Buffer = Buffer.alloc(0);
  const logger = { info: () => undefined, warn: () => undefined, error: () => undefined, debug: () => undefined, namespace: () => logger, setLogLevel: () => undefined };
  await sasl.authenticationProvider({
    host: 'k', port: 9098, logger: logger as never,
    saslAuthenticate: async ({ request }) => { bytes = Buffer.from(await request.encode()); await broker(); },
  }).authenticate();
  return { mechanism: sasl.mechanism, bytes };
}

describe('kafkaClientConfig', () => {
  it('uses short timeouts, few retries, no kafkajs logging and the specmesh client id by default', () => {
    const config = kafkaClientConfig(createResolvedConnection({ brokers: ['k:9092'], securityProtocol: 'PLAINTEXT' }));
    expect(config).toEqual({
      clientId: 'specmesh',
      brokers: ['k:9092'],
      connectionTimeout: 5000,
      authenticationTimeout: 5000,
      requestTimeout: 15000,
      retry: { retries: 2, initialRetryTime: 300, maxRetryTime: 2000 },
      logLevel: logLevel.NOTHING,
    });
  });

  it('takes timeouts, retries, client id and logging from options', () => {
    const logCreator = () => () => undefined;
    const config = kafkaClientConfig(createResolvedConnection({ brokers: ['k:1'], securityProtocol: 'PLAINTEXT', clientId: 'from-conn' }),
      { connectionTimeoutMs: 1, authenticationTimeoutMs: 2, requestTimeoutMs: 3, retries: 0, logLevel: logLevel.ERROR, logCreator });
    expect(config).toMatchObject({ clientId: 'from-conn', connectionTimeout: 1, authenticationTimeout: 2, requestTimeout: 3, logLevel: logLevel.ERROR, logCreator });
    expect(config.retry?.retries).toBe(0);
  });

  it('passes SCRAM and PLAIN credentials', () => {
    const scram = createResolvedConnection({ brokers: ['k:1'], securityProtocol: 'SASL_SSL', saslMechanism: 'SCRAM-SHA-256', username: 'u', password: 'p', tls: { verifyCertificate: true, verifyHostname: true } });
    expect(kafkaClientConfig(scram)).toMatchObject({ ssl: true, sasl: { mechanism: 'scram-sha-256', username: 'u', password: 'p' } });
    const plain = createResolvedConnection({ brokers: ['k:1'], securityProtocol: 'SASL_PLAINTEXT', saslMechanism: 'PLAIN', username: 'u', password: 'p' });
    const config = kafkaClientConfig(plain);
    expect(config.sasl).toEqual({ mechanism: 'plain', username: 'u', password: 'p' });
    expect(config.ssl).toBeUndefined();
  });

  it('maps AWS_MSK_IAM to OAUTHBEARER, sending the signed token as the client\'s first message', async () => {
    const signer: MskIamSigner = async () => ({ token: 'tok', expiryTime: Date.now() + 900_000 });
    const conn = createResolvedConnection({ brokers: ['k:9098'], securityProtocol: 'SASL_SSL', saslMechanism: 'AWS_MSK_IAM', aws: AWS, tls: { verifyCertificate: true, verifyHostname: true } });
    const sent = await authenticateWith(conn, signer, async () => undefined);
    expect(sent.mechanism).toBe('oauthbearer');
    expect(sent.bytes.readInt32BE(0)).toBe(sent.bytes.length - 4);
    expect(sent.bytes.subarray(4).toString()).toBe('n,,\x01auth=Bearer tok\x01\x01');
  });

  it('makes MSK\'s "Too many connects" a retriable error, so kafkajs backs off and retries the connection', async () => {
    const conn = createResolvedConnection({ brokers: ['k:9098'], securityProtocol: 'SASL_SSL', saslMechanism: 'AWS_MSK_IAM', aws: AWS, tls: { verifyCertificate: true, verifyHostname: true } });
    const throttled = authenticateWith(conn, async () => ({ token: 't', expiryTime: Date.now() + 900_000 }), async () => { throw new Error('Too many connects'); });
    await expect(throttled).rejects.toMatchObject({ retriable: true, message: expect.stringContaining('Too many connects') });
  });

  it('keeps what the refused token said about itself (access key, region, times) for the error message', async () => {
    const url = 'https://kafka.eu-west-1.amazonaws.com/?Action=kafka-cluster%3AConnect&X-Amz-Credential=ASIAKEY%2F20250101%2Feu-west-1%2Fkafka-cluster%2Faws4_request&X-Amz-Date=20250101T000000Z&X-Amz-Expires=900&X-Amz-Security-Token=s&X-Amz-Signature=x';
    const conn = createResolvedConnection({ brokers: ['k:9098'], securityProtocol: 'SASL_SSL', saslMechanism: 'AWS_MSK_IAM', aws: AWS, tls: { verifyCertificate: true, verifyHostname: true } });
    const refused = authenticateWith(conn, async () => ({ token: Buffer.from(url).toString('base64url'), expiryTime: Date.now() + 900_000 }),
      async () => { throw new Error('[1-2-3]: Access denied'); });
    await expect(refused).rejects.toMatchObject({
      name: 'KafkaJSSASLAuthenticationError', retriable: false, message: 'SASL OAUTHBEARER authentication failed: [1-2-3]: Access denied',
      mskIamToken: { accessKeyId: 'ASIAKEY', region: 'eu-west-1', signedAt: Date.UTC(2025, 0, 1), expiresAt: Date.UTC(2025, 0, 1, 0, 15), temporary: true },
    });
  });

  it('waits at least a second before retrying on MSK IAM, whose brokers refuse bursts of connections', () => {
    const conn = createResolvedConnection({ brokers: ['k:9098'], securityProtocol: 'SASL_SSL', saslMechanism: 'AWS_MSK_IAM', aws: AWS, tls: { verifyCertificate: true, verifyHostname: true } });
    const retry = kafkaClientConfig(conn, { iamSigner: async () => ({ token: 't', expiryTime: Date.now() + 900_000 }) }).retry!;
    // kafkajs waits initialRetryTime ± factor (randomised) before the first retry.
    expect(retry.initialRetryTime! * (1 - (retry.factor ?? 0.2))).toBeGreaterThanOrEqual(1000);
  });

  it('builds TLS options Node accepts, from inline one-line PEM and an encrypted key', () => {
    const cfg = '/c/client.properties';
    const conn = resolveConnection({ commandConfig: cfg }, {}, fakeFiles({
      [cfg]: `bootstrap.servers=k:1\nsecurity.protocol=SSL\nssl.truststore.type=PEM\nssl.truststore.certificates=${oneLine(CERT)}\n`
        + `ssl.keystore.type=PEM\nssl.keystore.certificate.chain=${oneLine(CERT)}\nssl.keystore.key=${oneLine(ENCRYPTED_KEY)}\n`
        + `ssl.key.password=${KEY_PASSPHRASE}\nssl.endpoint.identification.algorithm=`,
    }));
    const ssl = kafkaClientConfig(conn).ssl as ConnectionOptions;
    expect(ssl).toMatchObject({ ca: CERT, cert: CERT, key: ENCRYPTED_KEY, passphrase: KEY_PASSPHRASE });
    expect(ssl.rejectUnauthorized).toBeUndefined();
    expect(ssl.checkServerIdentity?.('other-host', {} as never)).toBeUndefined();
    expect(() => createSecureContext(ssl)).not.toThrow();
    expect(() => createSecureContext({ ...ssl, passphrase: 'wrong' })).toThrow();
  });

  it('turns certificate checks off for --ssl-insecure', () => {
    const conn = createResolvedConnection({ brokers: ['k:1'], securityProtocol: 'SSL', tls: { verifyCertificate: false, verifyHostname: false } });
    expect(kafkaClientConfig(conn).ssl).toMatchObject({ rejectUnauthorized: false });
  });

  it('keeps the password out of the resolved connection even though kafkajs needs it in its config', () => {
    const conn = createResolvedConnection({ brokers: ['k:1'], securityProtocol: 'SASL_PLAINTEXT', saslMechanism: 'PLAIN', username: 'u', password: 'hunter2' });
    expect(JSON.stringify(conn)).not.toContain('hunter2');
    expect(kafkaClientConfig(conn).sasl).toMatchObject({ password: 'hunter2' });
  });
});

describe('createIamTokenProvider', () => {
  it('signs once and reuses the token until 60 s before it expires', async () => {
    let now = 1_000_000;
    let n = 0;
    const signer = vi.fn<MskIamSigner>(async () => ({ token: `t${++n}`, expiryTime: now + 900_000 }));
    const provide = createIamTokenProvider(AWS, { signer, now: () => now });
    expect(await provide()).toEqual({ value: 't1' });
    now += 839_999;
    expect(await provide()).toEqual({ value: 't1' });
    now += 1;
    expect(await provide()).toEqual({ value: 't2' });
    expect(signer).toHaveBeenCalledTimes(2);
    expect(signer).toHaveBeenCalledWith(AWS);
  });

  it('shares one signing between concurrent calls', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => { release = r; });
    const signer = vi.fn<MskIamSigner>(async () => { await gate; return { token: 't', expiryTime: Date.now() + 900_000 }; });
    const provide = createIamTokenProvider(AWS, { signer });
    const all = Promise.all([provide(), provide(), provide()]);
    release();
    expect(await all).toEqual([{ value: 't' }, { value: 't' }, { value: 't' }]);
    expect(signer).toHaveBeenCalledTimes(1);
  });

  it('uses a token that is already near expiry once, then signs again', async () => {
    const now = 5_000;
    const signer = vi.fn<MskIamSigner>(async () => ({ token: 'short', expiryTime: now + 30_000 }));
    const provide = createIamTokenProvider(AWS, { signer, now: () => now });
    expect(await provide()).toEqual({ value: 'short' });
    await provide();
    expect(signer).toHaveBeenCalledTimes(2);
  });

  it('throws a non-retriable MskIamTokenError on failure, and tries again on the next call', async () => {
    const signer = vi.fn<MskIamSigner>()
      .mockRejectedValueOnce(new Error('Could not load credentials from any providers'))
      .mockResolvedValueOnce({ token: 'ok', expiryTime: Date.now() + 900_000 });
    const provide = createIamTokenProvider(AWS, { signer });
    const err = await provide().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MskIamTokenError);
    expect(err).toMatchObject({ retriable: false, message: 'Could not sign an MSK IAM token: Could not load credentials from any providers' });
    expect((err as MskIamTokenError).fix).toMatch(/aws sts get-caller-identity/);
    expect(await provide()).toEqual({ value: 'ok' });
  });
});
