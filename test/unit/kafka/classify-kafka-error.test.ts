import kafkajs from 'kafkajs';
import { describe, expect, it } from 'vitest';
import {
  MskIamTokenError, classifyKafkaError, createResolvedConnection, type ResolvedConnectionFields,
} from '../../../src/adapters/kafka/connection/index.js';
import { CERT, KEY } from './fixtures.js';

// In Node's ESM loader kafkajs's error classes exist only on its default export, not as named exports.
const {
  KafkaJSConnectionError, KafkaJSNumberOfRetriesExceeded, KafkaJSProtocolError, KafkaJSAggregateError, KafkaJSRequestTimeoutError, KafkaJSError,
} = kafkajs;
// Their typings omit these classes or their constructor arguments.
const runtime = kafkajs as unknown as {
  KafkaJSSASLAuthenticationError: new (message: string) => Error;
  KafkaJSNonRetriableError: new (e: Error, options: { cause: Error }) => Error;
  KafkaJSConnectionClosedError: new (message: string, where: { host: string; port: number }) => Error;
  KafkaJSCreateTopicError: new (e: Error, topic: string) => Error;
};

const PASSWORD = 'Hunter2-secret';
const scram = createResolvedConnection({
  brokers: ['k1:9096', 'k2:9096'], securityProtocol: 'SASL_SSL', saslMechanism: 'SCRAM-SHA-512', username: 'alice', password: PASSWORD,
  tls: { verifyCertificate: true, verifyHostname: true }, sources: { password: 'SPECMESH_SASL_PASSWORD' },
});
const iam = createResolvedConnection({
  brokers: ['b-1.x.kafka.us-east-1.amazonaws.com:9098'], securityProtocol: 'SASL_SSL', saslMechanism: 'AWS_MSK_IAM',
  aws: { region: 'us-east-1', credentials: { kind: 'role', roleArn: 'arn:aws:iam::123456789012:role/ops' } }, tls: { verifyCertificate: true, verifyHostname: true },
});
const plaintext = createResolvedConnection({ brokers: ['k1:9092'], securityProtocol: 'PLAINTEXT' });
const withCert = (fields: Partial<ResolvedConnectionFields> = {}) => createResolvedConnection({
  brokers: ['k1:9094'], securityProtocol: 'SSL', tls: { verifyCertificate: true, verifyHostname: true, cert: CERT, key: KEY }, ...fields,
});

const protocolError = (type: string, code: number, message: string) =>
  new KafkaJSProtocolError(Object.assign(new Error(message), { type, code, retriable: false }));
const retriesExceeded = (e: Error) => new KafkaJSNumberOfRetriesExceeded(e, { retryCount: 2, retryTime: 600 });
const connectionError = (message: string, code?: string, broker = 'k1:9096') =>
  new KafkaJSConnectionError(`Connection error: ${message}`, { broker, ...(code !== undefined && { code }) });

describe('classifyKafkaError: reaching the brokers', () => {
  it('says it cannot reach the broker when the connection is refused, through the retry wrapper', () => {
    const c = classifyKafkaError(retriesExceeded(connectionError('connect ECONNREFUSED 10.0.0.1:9096', 'ECONNREFUSED')), scram);
    expect(c).toMatchObject({ kind: 'unreachable', message: 'Cannot reach k1:9096: connection refused', retriable: true });
    expect(c.fix).toMatch(/host and port/);
  });

  it('names all brokers when the error does not say which', () => {
    const e = Object.assign(new Error('connect ETIMEDOUT'), { code: 'ETIMEDOUT' });
    expect(classifyKafkaError(e, scram).message).toBe('Cannot reach k1:9096,k2:9096: connect ETIMEDOUT');
  });

  it('reports a connection timeout', () => {
    const c = classifyKafkaError(retriesExceeded(new KafkaJSConnectionError('Connection timeout', { broker: 'k2:9096' })), scram);
    expect(c).toMatchObject({ kind: 'unreachable', message: 'Cannot reach k2:9096: Connection timeout', retriable: true });
  });

  it('says when the host name does not resolve', () => {
    const c = classifyKafkaError(retriesExceeded(connectionError('getaddrinfo ENOTFOUND nohost', 'ENOTFOUND', 'nohost:9092')), plaintext);
    expect(c).toMatchObject({ kind: 'unreachable', message: 'Cannot reach nohost:9092: the host name does not resolve' });
    expect(c.fix).toMatch(/resolve only inside their VPC/);
  });

  it('suggests a listener mismatch when a plaintext client is disconnected', () => {
    const c = classifyKafkaError(retriesExceeded(new runtime.KafkaJSConnectionClosedError('Closed connection', { host: 'k1', port: 9094 })), plaintext);
    expect(c).toMatchObject({ kind: 'listener-mismatch', retriable: false });
    expect(c.message).toMatch(/k1:9094 closed the connection \(connecting with PLAINTEXT\): the listener may expect TLS or SASL/);
  });

  it('suggests a listener mismatch when a request times out without TLS', () => {
    const e = new KafkaJSRequestTimeoutError('Request ApiVersions(key: 18, version: 2) timed out', {
      broker: 'k1:9092', clientId: 'c', correlationId: 1, createdAt: 0, sentAt: 0, pendingDuration: 0,
    });
    expect(classifyKafkaError(e, plaintext).message).toMatch(/did not answer/);
  });

  it('explains kafkajs\'s "Broker not connected" after a silent server', () => {
    const c = classifyKafkaError(new Error('Broker not connected'), plaintext);
    expect(c).toMatchObject({ kind: 'unreachable', retriable: true });
    expect(c.message).toMatch(/accepted the TCP connection but did not answer/);
  });
});

describe('classifyKafkaError: TLS', () => {
  it('asks for the CA when the certificate is not trusted', () => {
    const c = classifyKafkaError(retriesExceeded(connectionError('unable to verify the first certificate', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE')), scram);
    expect(c).toMatchObject({ kind: 'tls', message: 'The TLS certificate of k1:9096 was rejected: unable to verify the first certificate', retriable: false });
    expect(c.fix).toMatch(/--ssl-ca-file/);
  });

  it('points at ssl.endpoint.identification.algorithm for a host name mismatch', () => {
    const c = classifyKafkaError(connectionError('Hostname/IP does not match certificate\'s altnames', 'ERR_TLS_CERT_ALTNAME_INVALID'), scram);
    expect(c.fix).toMatch(/ssl\.endpoint\.identification\.algorithm=/);
  });

  it('says when the certificate has expired', () => {
    expect(classifyKafkaError(connectionError('certificate has expired', 'CERT_HAS_EXPIRED'), scram).fix).toMatch(/validity period/);
  });

  it('suggests the port is not TLS when the handshake is cut off', () => {
    const c = classifyKafkaError(retriesExceeded(connectionError('Client network socket disconnected before secure TLS connection was established', 'ECONNRESET')), scram);
    expect(c).toMatchObject({ kind: 'listener-mismatch', retriable: false });
    expect(c.fix).toMatch(/not be a TLS listener.*9094 TLS/);
  });

  it('asks for a client certificate when the broker demands one, without OpenSSL noise', () => {
    const raw = '80CCA612137F0000:error:0A000412:SSL routines:ssl3_read_bytes:sslv3 alert bad certificate:../deps/openssl/openssl/ssl/record/rec_layer_s3.c:1601:SSL alert number 42\n';
    const conn = createResolvedConnection({ brokers: ['k1:9094'], securityProtocol: 'SSL', tls: { verifyCertificate: true, verifyHostname: true } });
    const c = classifyKafkaError(retriesExceeded(connectionError(raw, 'ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE')), conn);
    expect(c).toMatchObject({ kind: 'tls', message: 'The TLS handshake with k1:9096 failed: sslv3 alert bad certificate' });
    expect(c.fix).toMatch(/--ssl-cert-file and --ssl-key-file/);
    expect(classifyKafkaError(connectionError(raw, 'ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE'), withCert()).fix).toMatch(/rejected the client certificate/);
  });
});

describe('classifyKafkaError: SASL', () => {
  it('reports failed SCRAM authentication with the user and mechanism, never the password', () => {
    const e = new runtime.KafkaJSSASLAuthenticationError(
      'SASL SCRAM SHA512 authentication failed: Authentication failed during authentication due to invalid credentials with SASL mechanism SCRAM-SHA-512');
    const c = classifyKafkaError(e, scram);
    expect(c).toMatchObject({ kind: 'authentication', retriable: false });
    expect(c.message).toMatch(/^Authentication failed for user "alice" with SCRAM-SHA-512 at k1:9096,k2:9096 \(Authentication failed during authentication/);
    expect(c.fix).toMatch(/check the username and password \(SPECMESH_SASL_PASSWORD\)/);
    expect(JSON.stringify(c)).not.toContain(PASSWORD);
  });

  it('hints that SCRAM-SHA-256 credentials may not exist', () => {
    const conn = createResolvedConnection({ brokers: ['k:1'], securityProtocol: 'SASL_PLAINTEXT', saslMechanism: 'SCRAM-SHA-256', username: 'u', password: 'p' });
    expect(classifyKafkaError(new runtime.KafkaJSSASLAuthenticationError('SASL SCRAM SHA256 authentication failed: x'), conn).fix).toMatch(/only SCRAM-SHA-512/);
  });

  it('scrubs the password if an error ever echoes it', () => {
    const c = classifyKafkaError(new runtime.KafkaJSSASLAuthenticationError(`SASL PLAIN authentication failed: bad ${PASSWORD}`), scram);
    expect(c.message).not.toContain(PASSWORD);
    expect(c.message).toContain('***');
  });

  it('reports failed IAM authentication with the identity, what MSK cannot say, and how to check it', () => {
    const c = classifyKafkaError(new runtime.KafkaJSSASLAuthenticationError('SASL OAUTHBEARER authentication failed: Access denied'), iam);
    expect(c.message).toMatch(/^MSK IAM authentication failed for IAM role arn:aws:iam::123456789012:role\/ops at b-1\.x\.kafka\.us-east-1\.amazonaws\.com:9098 \(Access denied\)\. MSK does not say why/);
    expect(c.message).toContain('do not allow kafka-cluster:Connect on the cluster');
    expect(c.fix).toMatch(/aws sts get-caller-identity.*kafka-cluster:Connect.*specmesh iam tool-policy/);
  });

  it('says a refused token had expired, from the token specmesh sent', () => {
    const err = Object.assign(new runtime.KafkaJSSASLAuthenticationError('SASL OAUTHBEARER authentication failed: [x]: Access denied'),
      { mskIamToken: { accessKeyId: 'ASIAKEY', region: 'us-east-1', signedAt: Date.now() - 20 * 60_000, expiresAt: Date.now() - 5 * 60_000 } });
    const c = classifyKafkaError(err, iam);
    expect(c.message).toMatch(/\(access key ASIAKEY\).*the token had expired at .*; it was signed at .*, 20 minutes ago$/);
    expect(c.fix).toMatch(/at most 15 minutes.*clock/);
  });

  it('says a refused token was signed for another region than the MSK broker host\'s', () => {
    const err = Object.assign(new runtime.KafkaJSSASLAuthenticationError('SASL OAUTHBEARER authentication failed: [x]: Access denied'),
      { mskIamToken: { region: 'eu-west-1', signedAt: Date.now(), expiresAt: Date.now() + 900_000 } });
    const c = classifyKafkaError(err, iam);
    expect(c.message).toMatch(/signed for region eu-west-1 .*, but the MSK broker host name is in us-east-1$/);
    expect(c.fix).toBe('pass --aws-region us-east-1 (or set AWS_REGION=us-east-1)');
  });

  it('says the listener does not accept the mechanism on UNSUPPORTED_SASL_MECHANISM', () => {
    const c = classifyKafkaError(protocolError('UNSUPPORTED_SASL_MECHANISM', 33, 'The broker does not support the requested SASL mechanism'), scram);
    expect(c).toMatchObject({ kind: 'listener-mismatch', message: 'The listener at k1:9096,k2:9096 does not accept SASL SCRAM-SHA-512 over SASL_SSL', retriable: false });
    expect(c.fix).toMatch(/check that the port.*9096 SCRAM-SHA-512, 9098 IAM/);
  });

  it('says the listener does not take SASL on ILLEGAL_SASL_STATE', () => {
    const c = classifyKafkaError(protocolError('ILLEGAL_SASL_STATE', 34, 'Request is not valid given the current SASL state'), scram);
    expect(c.message).toMatch(/does not take SASL; it is a PLAINTEXT or SSL listener/);
  });

  it('sees handshake failures through KafkaJSNonRetriableError causes and originalError', () => {
    const closed = new KafkaJSConnectionError('Connection closed by the server', { broker: 'k1:9096' });
    const wrapped = new runtime.KafkaJSNonRetriableError(closed, { cause: closed });
    expect(classifyKafkaError(wrapped, scram)).toMatchObject({ kind: 'listener-mismatch' });
    expect(classifyKafkaError(wrapped, scram).message).toMatch(/closed the connection during the SASL handshake/);
    const viaOriginal = Object.assign(new KafkaJSError('Request failed'), { originalError: protocolError('UNSUPPORTED_SASL_MECHANISM', 33, 'x') });
    expect(classifyKafkaError(viaOriginal, scram).kind).toBe('listener-mismatch');
  });

  it('treats MSK "Too many connects" as retriable after a back-off', () => {
    const c = classifyKafkaError(retriesExceeded(new runtime.KafkaJSSASLAuthenticationError('SASL OAUTHBEARER authentication failed: Too many connects')), iam);
    expect(c).toMatchObject({ kind: 'throttled', retriable: true });
    expect(c.fix).toMatch(/at least 1 second/);
  });

  it('passes on a token signing failure with its fix', () => {
    const c = classifyKafkaError(new MskIamTokenError(new Error('Could not load credentials from any providers')), iam);
    expect(c).toMatchObject({ kind: 'aws-credentials', message: 'Could not sign an MSK IAM token: Could not load credentials from any providers', retriable: false });
    expect(c.fix).toMatch(/aws sts get-caller-identity/);
  });
});

describe('classifyKafkaError: authorization', () => {
  const topicDenied = () => new KafkaJSAggregateError('Topic creation errors', [
    new runtime.KafkaJSCreateTopicError(protocolError('TOPIC_AUTHORIZATION_FAILED', 29, 'Not authorized to access topics: [Topic authorization failed]'), 'orders.v1'),
  ]);

  it('names the principal, the topic and the ACL for the operation', () => {
    const c = classifyKafkaError(topicDenied(), scram, { operation: 'createTopics' });
    expect(c).toMatchObject({ kind: 'authorization', retriable: false });
    expect(c.message).toBe('User:alice is not authorized to createTopics on orders.v1: Not authorized to access topics: [Topic authorization failed]');
    expect(c.fix).toMatch(/^grant User:alice CREATE on the topic/);
  });

  it('falls back to the error type when the operation is not known', () => {
    const c = classifyKafkaError(protocolError('CLUSTER_AUTHORIZATION_FAILED', 31, 'Cluster authorization failed'), scram);
    expect(c.fix).toMatch(/a cluster ACL \(ALTER to change ACLs/);
    expect(classifyKafkaError(protocolError('CLUSTER_AUTHORIZATION_FAILED', 31, 'x'), scram, { operation: 'describeAcls' }).fix).toMatch(/DESCRIBE on the cluster/);
  });

  it('recognises a plain "not authorized" message', () => {
    expect(classifyKafkaError(new Error('Principal is not authorized to alter configs'), scram).kind).toBe('authorization');
  });

  it('names the IAM action for MSK IAM connections', () => {
    const c = classifyKafkaError(topicDenied(), iam, { operation: 'createTopics' });
    expect(c.message).toMatch(/^IAM role arn:aws:iam::123456789012:role\/ops is not authorized to createTopics on orders\.v1/);
    expect(c.fix).toMatch(/kafka-cluster:CreateTopic.*IAM policies, not ACLs/);
  });

  it('derives the principal of a TLS client certificate', () => {
    expect(classifyKafkaError(topicDenied(), withCert()).message).toMatch(/^User:CN=test-ca is not authorized on orders\.v1/);
  });

  it('names User:ANONYMOUS without credentials', () => {
    expect(classifyKafkaError(topicDenied(), plaintext).message).toMatch(/^User:ANONYMOUS/);
  });

  it('says when the cluster has no authorizer', () => {
    expect(classifyKafkaError(protocolError('SECURITY_DISABLED', 54, 'Security features are disabled'), scram).message).toMatch(/no authorizer/);
  });
});

describe('classifyKafkaError: anything else', () => {
  it('keeps the message and the retriable flag', () => {
    const c = classifyKafkaError(protocolError('POLICY_VIOLATION', 44, 'Request parameters do not satisfy the configured policy'), scram);
    expect(c).toEqual({ kind: 'other', message: 'Request parameters do not satisfy the configured policy', fix: 'see the broker logs for details', retriable: false });
    expect(classifyKafkaError(new KafkaJSError('flaky'), scram).retriable).toBe(true);
  });

  it('adds the innermost cause', () => {
    expect(classifyKafkaError(retriesExceeded(protocolError('INVALID_REPLICATION_FACTOR', 38, 'Replication factor is invalid')), scram).message)
      .toBe('Replication factor is invalid');
    const outer = new Error('Failed to plan', { cause: new Error('disk full') });
    expect(classifyKafkaError(outer, scram).message).toBe('Failed to plan: disk full');
  });

  it('accepts non-Error values', () => {
    expect(classifyKafkaError('boom', scram)).toMatchObject({ kind: 'other', message: 'boom' });
    expect(classifyKafkaError(undefined, scram).message).toBe('undefined');
  });

  it('survives a cause cycle', () => {
    const a = new Error('a') as Error & { cause?: unknown };
    a.cause = a;
    expect(classifyKafkaError(a, scram).message).toBe('a');
  });
});
