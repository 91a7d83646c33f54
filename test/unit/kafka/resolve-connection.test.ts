import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  ConnectionConfigError, resolveConnection, type ConnectionInputs, type ResolvedConnection,
} from '../../../src/adapters/kafka/connection/index.js';
import { CERT, ENCRYPTED_KEY, KEY, fakeFiles, oneLine } from './fixtures.js';

const CFG = '/etc/kafka/client.properties';
const SCRAM_JAAS = 'sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="file-user" password="file-pw";';

function resolve(inputs: ConnectionInputs, env: Record<string, string> = {}, files: Record<string, string> = {}): ResolvedConnection {
  return resolveConnection(inputs, env, fakeFiles(files));
}

function errorOf(inputs: ConnectionInputs, env: Record<string, string> = {}, files: Record<string, string> = {}): ConnectionConfigError {
  try {
    resolve(inputs, env, files);
  } catch (e) {
    if (e instanceof ConnectionConfigError) return e;
    throw e;
  }
  throw new Error('expected a ConnectionConfigError');
}

describe('resolveConnection: sources and precedence', () => {
  it('defaults to PLAINTEXT with just bootstrap servers', () => {
    const conn = resolve({ bootstrapServers: 'k1:9092, k2:9093,' });
    expect(conn.brokers).toEqual(['k1:9092', 'k2:9093']);
    expect(conn.securityProtocol).toBe('PLAINTEXT');
    expect(conn.saslMechanism).toBeUndefined();
    expect(conn.tls).toBeUndefined();
  });

  it('prefers flags over env vars over the properties file', () => {
    const files = { [CFG]: `bootstrap.servers=file:9092\nsecurity.protocol=SASL_SSL\nsasl.mechanism=PLAIN\n${SCRAM_JAAS}\nclient.id=file-id` };
    const fromFile = resolve({ commandConfig: CFG }, {}, files);
    expect([fromFile.brokers[0], fromFile.saslMechanism, fromFile.username, fromFile.password, fromFile.clientId])
      .toEqual(['file:9092', 'PLAIN', 'file-user', 'file-pw', 'file-id']);

    const env = {
      SPECMESH_BOOTSTRAP_SERVERS: 'env:9092', SPECMESH_SASL_MECHANISM: 'SCRAM-SHA-256',
      SPECMESH_SASL_USERNAME: 'env-user', SPECMESH_SASL_PASSWORD: 'env-pw',
    };
    const fromEnv = resolve({ commandConfig: CFG }, env, files);
    expect([fromEnv.brokers[0], fromEnv.saslMechanism, fromEnv.username, fromEnv.password])
      .toEqual(['env:9092', 'SCRAM-SHA-256', 'env-user', 'env-pw']);

    const fromFlags = resolve({
      commandConfig: CFG, bootstrapServers: 'flag:9092', saslMechanism: 'scram-sha-512', saslUsername: 'flag-user',
      saslPasswordFile: '/run/secrets/pw', clientId: 'flag-id',
    }, env, { ...files, '/run/secrets/pw': 'flag-pw\n' });
    expect([fromFlags.brokers[0], fromFlags.saslMechanism, fromFlags.username, fromFlags.password, fromFlags.clientId])
      .toEqual(['flag:9092', 'SCRAM-SHA-512', 'flag-user', 'flag-pw', 'flag-id']);
    expect(fromFlags.sources).toMatchObject({ brokers: '--bootstrap-server', username: '--sasl-username', password: '--sasl-password-file' });
  });

  it('finds the properties file through SPECMESH_COMMAND_CONFIG', () => {
    const conn = resolve({}, { SPECMESH_COMMAND_CONFIG: CFG }, { [CFG]: 'bootstrap.servers=file:9092' });
    expect(conn.brokers).toEqual(['file:9092']);
    expect(conn.sources.brokers).toBe(`bootstrap.servers in ${CFG}`);
  });

  it('ignores empty flags and env vars', () => {
    const conn = resolve({ bootstrapServers: ' ' }, { SPECMESH_BOOTSTRAP_SERVERS: '' , SPECMESH_COMMAND_CONFIG: CFG }, { [CFG]: 'bootstrap.servers=file:9092' });
    expect(conn.brokers).toEqual(['file:9092']);
  });

  it('keeps spaces that are part of a password from env or the JAAS config', () => {
    expect(resolve({ bootstrapServers: 'k:1', securityProtocol: 'SASL_PLAINTEXT', saslMechanism: 'PLAIN', saslUsername: 'u' },
      { SPECMESH_SASL_PASSWORD: ' pw ' }).password).toBe(' pw ');
  });

  it('strips a listener prefix from broker addresses and keeps IPv6 brackets', () => {
    expect(resolve({ bootstrapServers: 'PLAINTEXT://k:9092,[::1]:9092' }).brokers).toEqual(['k:9092', '[::1]:9092']);
  });

  it('reads the client id from client.id', () => {
    expect(resolve({ commandConfig: CFG }, {}, { [CFG]: 'bootstrap.servers=k:1\nclient.id=tool' }).clientId).toBe('tool');
  });
});

describe('resolveConnection: properties file paths', () => {
  it('resolves relative paths in the properties file against its folder, and flag paths as given', () => {
    const files = fakeFiles({
      [CFG]: 'bootstrap.servers=k:9093\nsecurity.protocol=SSL\nssl.truststore.type=PEM\nssl.truststore.location=certs/ca.pem\n'
        + 'ssl.keystore.type=PEM\nssl.keystore.location=/abs/client.pem',
      '/etc/kafka/certs/ca.pem': CERT,
      '/abs/client.pem': CERT + KEY,
    });
    const conn = resolveConnection({ commandConfig: CFG }, {}, files);
    expect(files.reads).toEqual([CFG, '/etc/kafka/certs/ca.pem', '/abs/client.pem']);
    expect(conn.tls?.ca).toBe(CERT);
    expect(conn.tls?.cert).toBe(CERT);
    expect(conn.tls?.key).toBe(KEY);
  });

  it('resolves against a relative properties file\'s folder', () => {
    const files = fakeFiles({ 'conf/client.properties': 'bootstrap.servers=k:1\nsecurity.protocol=SSL\nssl.truststore.type=PEM\nssl.truststore.location=ca.pem', 'conf/ca.pem': CERT });
    resolveConnection({ commandConfig: 'conf/client.properties' }, {}, files);
    expect(files.reads).toContain('conf/ca.pem');
  });

  it('names the setting when a referenced file is missing', () => {
    const err = errorOf({ commandConfig: CFG }, {}, { [CFG]: 'bootstrap.servers=k:1\nsecurity.protocol=SSL\nssl.truststore.type=PEM\nssl.truststore.location=ca.pem' });
    expect(err.message).toContain('/etc/kafka/ca.pem');
    expect(err.message).toContain(`ssl.truststore.location in ${CFG}`);
    expect(err.message).toMatch(/no such file/);
    expect(err.fix).toMatch(/resolved against that file's folder/);
  });

  it('names the flag when the properties file itself is missing', () => {
    const err = errorOf({ commandConfig: '/nope.properties' });
    expect(err.message).toContain('/nope.properties');
    expect(err.message).toContain('--command-config');
  });
});

describe('resolveConnection: SASL', () => {
  it('reads SCRAM credentials from sasl.jaas.config', () => {
    const conn = resolve({ commandConfig: CFG }, {}, { [CFG]: `bootstrap.servers=k:1\nsecurity.protocol=SASL_SSL\nsasl.mechanism=SCRAM-SHA-512\n${SCRAM_JAAS}` });
    expect(conn).toMatchObject({ securityProtocol: 'SASL_SSL', saslMechanism: 'SCRAM-SHA-512', username: 'file-user' });
    expect(conn.password).toBe('file-pw');
    expect(conn.tls).toEqual({ verifyHostname: true, verifyCertificate: true });
  });

  it('reads a multi-line JAAS config written with continuations', () => {
    const conn = resolve({ commandConfig: CFG }, {}, {
      [CFG]: 'bootstrap.servers=k:1\nsecurity.protocol=SASL_PLAINTEXT\nsasl.mechanism=PLAIN\nsasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required \\\n  username="u" \\\n  password="p\\\\\\"q";',
    });
    // The file holds p\\\"q: properties unescaping leaves p\"q, JAAS unescaping leaves p"q.
    expect([conn.username, conn.password]).toEqual(['u', 'p"q']);
  });

  it('implies SASL_SSL for AWS_MSK_IAM', () => {
    const conn = resolve({ bootstrapServers: 'k:9098', saslMechanism: 'AWS_MSK_IAM', awsRegion: 'eu-west-1' });
    expect(conn.securityProtocol).toBe('SASL_SSL');
    expect(conn.aws).toEqual({ region: 'eu-west-1', credentials: { kind: 'default' } });
  });

  it('ignores a leftover sasl.mechanism in the file when the protocol does not use SASL, like Kafka does', () => {
    const conn = resolve({ commandConfig: CFG }, {}, { [CFG]: 'bootstrap.servers=k:1\nsecurity.protocol=SSL\nsasl.mechanism=PLAIN' });
    expect(conn.securityProtocol).toBe('SSL');
    expect(conn.saslMechanism).toBeUndefined();
  });

  it('ignores a JAAS module for another mechanism when a flag overrides the file\'s mechanism', () => {
    const conn = resolve({ commandConfig: CFG, saslMechanism: 'AWS_MSK_IAM', awsRegion: 'us-east-1' }, {},
      { [CFG]: `bootstrap.servers=k:1\nsecurity.protocol=SASL_SSL\nsasl.mechanism=SCRAM-SHA-512\n${SCRAM_JAAS}` });
    expect(conn.saslMechanism).toBe('AWS_MSK_IAM');
    expect(conn.username).toBeUndefined();
    expect(conn.password).toBeUndefined();
  });

  it('reads the IAM profile, role and session name from IAMLoginModule', () => {
    const jaas = 'sasl.jaas.config=software.amazon.msk.auth.iam.IAMLoginModule required awsRoleArn="arn:aws:iam::123456789012:role/ops" awsRoleSessionName="s1";';
    const conn = resolve({ commandConfig: CFG }, {}, {
      [CFG]: `bootstrap.servers=b-1.c.abc.c2.kafka.ap-south-1.amazonaws.com:9098\nsecurity.protocol=SASL_SSL\nsasl.mechanism=AWS_MSK_IAM\n${jaas}\nsasl.client.callback.handler.class=software.amazon.msk.auth.iam.IAMClientCallbackHandler`,
    });
    expect(conn.aws).toEqual({ region: 'ap-south-1', credentials: { kind: 'role', roleArn: 'arn:aws:iam::123456789012:role/ops', sessionName: 's1' } });
    expect(conn.sources.region).toBe('the MSK broker host name');
    expect(conn.describe()).toBe('brokers=b-1.c.abc.c2.kafka.ap-south-1.amazonaws.com:9098 security.protocol=SASL_SSL sasl.mechanism=AWS_MSK_IAM '
      + 'tls(ca=system) aws(region=ap-south-1 credentials=role arn:aws:iam::123456789012:role/ops)');
  });

  it('reads the unprefixed variables MSK\'s tools use: SECURITY_PROTOCOL, SASL_MECHANISM, SASL_JAAS_CONFIG, SASL_CLIENT_CALLBACK_HANDLER_CLASS', () => {
    const env = {
      SECURITY_PROTOCOL: 'SASL_SSL', SASL_MECHANISM: 'AWS_MSK_IAM', AWS_REGION: 'eu-west-1',
      SASL_JAAS_CONFIG: 'software.amazon.msk.auth.iam.IAMLoginModule required awsRoleArn="arn:aws:iam::123456789012:role/ops";',
      SASL_CLIENT_CALLBACK_HANDLER_CLASS: 'software.amazon.msk.auth.iam.IAMClientCallbackHandler',
    };
    const conn = resolve({ bootstrapServers: 'k:9098' }, env);
    expect(conn).toMatchObject({ securityProtocol: 'SASL_SSL', saslMechanism: 'AWS_MSK_IAM', aws: { region: 'eu-west-1', credentials: { kind: 'role', roleArn: 'arn:aws:iam::123456789012:role/ops' } } });
    expect(conn.sources).toMatchObject({ securityProtocol: 'SECURITY_PROTOCOL', saslMechanism: 'SASL_MECHANISM', credentials: 'awsRoleArn in SASL_JAAS_CONFIG' });
    const profile = resolve({ bootstrapServers: 'k:9098' }, { ...env, SASL_JAAS_CONFIG: 'software.amazon.msk.auth.iam.IAMLoginModule required awsProfileName="msk";' });
    expect(profile.aws?.credentials).toEqual({ kind: 'profile', profile: 'msk' });
  });

  it('ranks flags, then SPECMESH_ variables, then the unprefixed ones, then client.properties', () => {
    const file = { [CFG]: `bootstrap.servers=k:1\nsecurity.protocol=SASL_SSL\nsasl.mechanism=SCRAM-SHA-256\n${SCRAM_JAAS}` };
    expect(resolve({ commandConfig: CFG }, { SASL_MECHANISM: 'SCRAM-SHA-512' }, file).saslMechanism).toBe('SCRAM-SHA-512');
    expect(resolve({ commandConfig: CFG }, { SASL_MECHANISM: 'SCRAM-SHA-512', SPECMESH_SASL_MECHANISM: 'PLAIN' }, file).saslMechanism).toBe('PLAIN');
    expect(resolve({ commandConfig: CFG, saslMechanism: 'SCRAM-SHA-256' }, { SASL_MECHANISM: 'SCRAM-SHA-512', SPECMESH_SASL_MECHANISM: 'PLAIN' }, file).saslMechanism).toBe('SCRAM-SHA-256');
    expect(resolve({ commandConfig: CFG }, { SECURITY_PROTOCOL: 'SASL_PLAINTEXT' }, file).securityProtocol).toBe('SASL_PLAINTEXT');
    const jaasFromEnv = resolve({ commandConfig: CFG }, { SASL_JAAS_CONFIG: 'org.apache.kafka.common.security.scram.ScramLoginModule required username="env-user" password="env-pw";' }, file);
    expect(jaasFromEnv.username).toBe('env-user');
    expect(jaasFromEnv.sources.username).toBe('username in SASL_JAAS_CONFIG');
  });

  it('takes MSK IAM\'s callback handler with an IAM mechanism, and refuses a handler it would ignore', () => {
    expect(errorOf({ bootstrapServers: 'k:1', securityProtocol: 'SASL_SSL', saslMechanism: 'SCRAM-SHA-512', saslUsername: 'u' },
      { SPECMESH_SASL_PASSWORD: 'p', SASL_CLIENT_CALLBACK_HANDLER_CLASS: 'software.amazon.msk.auth.iam.IAMClientCallbackHandler' }).message)
      .toBe('SASL_CLIENT_CALLBACK_HANDLER_CLASS is MSK IAM\'s callback handler, but the SASL mechanism is SCRAM-SHA-512');
    const other = errorOf({ commandConfig: CFG }, {}, { [CFG]: 'bootstrap.servers=k:1\nsecurity.protocol=SASL_SSL\nsasl.mechanism=OAUTHBEARER\nsasl.client.callback.handler.class=com.example.Login' });
    expect(other.message).toBe(`sasl.client.callback.handler.class in ${CFG} names com.example.Login, which specmesh cannot run (it is not a Java client)`);
    expect(other.fix).toContain('software.amazon.msk.auth.iam.IAMClientCallbackHandler');
  });

  it('accepts a ScramLoginModule for PLAIN, as Kafka\'s clients do', () => {
    const conn = resolve({ commandConfig: CFG }, {}, { [CFG]: `bootstrap.servers=k:1\nsecurity.protocol=SASL_PLAINTEXT\nsasl.mechanism=PLAIN\n${SCRAM_JAAS}` });
    expect(conn.username).toBe('file-user');
  });

  it('takes the IAM region from flags, then AWS_REGION, AWS_DEFAULT_REGION, then the MSK host name or the cluster ARN', () => {
    const msk = 'b-1.c.abc.c2.kafka.ap-south-1.amazonaws.com:9098';
    expect(resolve({ bootstrapServers: msk, saslMechanism: 'AWS_MSK_IAM' }).aws?.region).toBe('ap-south-1');
    const arn = 'arn:aws:kafka:eu-central-1:123456789012:cluster/c/abcd-1';
    expect(resolve({ bootstrapServers: 'k:9098', saslMechanism: 'AWS_MSK_IAM', mskClusterArn: arn }).aws).toMatchObject({ region: 'eu-central-1', clusterArn: arn });
    expect(resolve({ bootstrapServers: 'k:9098', saslMechanism: 'AWS_MSK_IAM' }, { AWS_DEFAULT_REGION: 'us-west-2' }).aws?.region).toBe('us-west-2');
    expect(resolve({ bootstrapServers: 'k:9098', saslMechanism: 'AWS_MSK_IAM' }, { AWS_DEFAULT_REGION: 'us-west-2', AWS_REGION: 'us-east-2' }).aws?.region).toBe('us-east-2');
    expect(resolve({ bootstrapServers: 'k:9098', saslMechanism: 'AWS_MSK_IAM', awsRegion: 'eu-north-1' }, { AWS_REGION: 'us-east-2' }).aws?.region).toBe('eu-north-1');
  });

  it('refuses a region other than the cluster\'s before dialling: MSK would answer only "Access denied"', () => {
    const msk = 'b-1.c.abc.c2.kafka.ap-south-1.amazonaws.com:9098';
    expect(() => resolve({ bootstrapServers: msk, saslMechanism: 'AWS_MSK_IAM' }, { AWS_REGION: 'us-east-2' }))
      .toThrow(/signed for region us-east-2 \(AWS_REGION\), but the MSK broker host name says the cluster is in ap-south-1/);
    expect(() => resolve({ bootstrapServers: 'k:9098', saslMechanism: 'AWS_MSK_IAM', awsRegion: 'us-east-1', mskClusterArn: 'arn:aws:kafka:eu-west-1:123456789012:cluster/c/abcd-1' }))
      .toThrow(expect.objectContaining({ message: expect.stringContaining('the cluster ARN (--msk-cluster-arn) says the cluster is in eu-west-1'), fix: expect.stringContaining('--aws-region eu-west-1') }));
  });

  it('refuses a region AWS does not have, naming the near ones', () => {
    expect(() => resolve({ bootstrapServers: 'k:9098', saslMechanism: 'AWS_MSK_IAM', awsRegion: 'eu-west-9' }))
      .toThrow(/Invalid AWS region: "eu-west-9" is not an AWS region \(did you mean eu-west-1, eu-west-2, eu-west-3\?\) \(--aws-region\)/);
    expect(resolve({ bootstrapServers: 'k:9098', saslMechanism: 'AWS_MSK_IAM', awsRegion: 'eu-west-9' }, { SPECMESH_ALLOW_UNKNOWN_REGIONS: '1' }).aws?.region).toBe('eu-west-9');
  });

  it('takes the AWS profile from --aws-profile, then AWS_PROFILE, then awsProfileName', () => {
    const files = { [CFG]: 'bootstrap.servers=k:9098\nsasl.mechanism=AWS_MSK_IAM\nsasl.jaas.config=software.amazon.msk.auth.iam.IAMLoginModule required awsProfileName="file";' };
    const creds = (inputs: ConnectionInputs, env: Record<string, string>) =>
      resolve({ commandConfig: CFG, awsRegion: 'us-east-1', ...inputs }, env, files).aws?.credentials;
    expect(creds({}, {})).toEqual({ kind: 'profile', profile: 'file' });
    expect(creds({}, { AWS_PROFILE: 'env' })).toEqual({ kind: 'profile', profile: 'env' });
    expect(creds({ awsProfile: 'flag' }, { AWS_PROFILE: 'env' })).toEqual({ kind: 'profile', profile: 'flag' });
  });

  it('assumes a role given with AWS_PROFILE set, since the role is assumed through the default chain', () => {
    const conn = resolve({ bootstrapServers: 'k:9098', saslMechanism: 'AWS_MSK_IAM', awsRegion: 'us-east-1', awsRoleArn: 'arn:aws:iam::123456789012:role/r' }, { AWS_PROFILE: 'dev' });
    expect(conn.aws?.credentials).toEqual({ kind: 'role', roleArn: 'arn:aws:iam::123456789012:role/r' });
  });

  it('treats OAUTHBEARER as MSK IAM through the signer', () => {
    const conn = resolve({ bootstrapServers: 'b-1.x.kafka.us-east-1.amazonaws.com:9098', saslMechanism: 'OAUTHBEARER' });
    expect(conn.securityProtocol).toBe('SASL_SSL');
    expect(conn.aws?.region).toBe('us-east-1');
  });
});

describe('resolveConnection: MSK ports fill in an unset protocol', () => {
  const host = 'b-1.demo.abc123.c2.kafka.us-east-1.amazonaws.com';
  it.each([
    [9092, 'PLAINTEXT', undefined],
    [9094, 'SSL', undefined],
    [9194, 'SSL', undefined],
    [9098, 'SASL_SSL', 'AWS_MSK_IAM'],
    [9198, 'SASL_SSL', 'AWS_MSK_IAM'],
  ] as const)('port %i means %s %s', (port, protocol, mechanism) => {
    const conn = resolve({ bootstrapServers: `${host}:${port}` });
    expect([conn.securityProtocol, conn.saslMechanism]).toEqual([protocol, mechanism]);
  });

  it('port 9096 means SASL_SSL with SCRAM-SHA-512', () => {
    const conn = resolve({ bootstrapServers: `${host}:9096`, saslUsername: 'u' }, { SPECMESH_SASL_PASSWORD: 'p' });
    expect([conn.securityProtocol, conn.saslMechanism]).toEqual(['SASL_SSL', 'SCRAM-SHA-512']);
  });

  it('a TLS flag alone implies SSL', () => {
    expect(resolve({ bootstrapServers: 'k:1', sslCaFile: '/ca.pem' }, {}, { '/ca.pem': CERT }).securityProtocol).toBe('SSL');
  });
});

describe('resolveConnection: TLS', () => {
  const ssl = (props: string, files: Record<string, string> = {}, inputs: ConnectionInputs = {}, env: Record<string, string> = {}) =>
    resolve({ commandConfig: CFG, ...inputs }, env, { [CFG]: `bootstrap.servers=k:1\nsecurity.protocol=SSL\n${props}`, ...files });

  it('accepts inline PEM joined onto one line by continuations, and re-wraps it for Node', () => {
    const conn = ssl(`ssl.truststore.type=PEM\nssl.truststore.certificates=${oneLine(CERT)}\nssl.keystore.type=PEM\n`
      + `ssl.keystore.certificate.chain=${oneLine(CERT)}\nssl.keystore.key=${oneLine(KEY)}`);
    expect(conn.tls?.ca).toBe(CERT);
    expect(conn.tls?.cert).toBe(CERT);
    expect(conn.tls?.key).toBe(KEY);
  });

  it('turns hostname verification off with an empty ssl.endpoint.identification.algorithm', () => {
    expect(ssl('ssl.endpoint.identification.algorithm=').tls).toEqual({ verifyHostname: false, verifyCertificate: true });
    expect(ssl('ssl.endpoint.identification.algorithm=https').tls?.verifyHostname).toBe(true);
  });

  it('turns all certificate checks off with --ssl-insecure', () => {
    expect(ssl('', {}, { sslInsecure: true }).tls).toEqual({ verifyHostname: false, verifyCertificate: false });
  });

  it('reads CA, cert and key from flags and env vars, flags first', () => {
    const conn = ssl('', { '/flag-ca.pem': CERT, '/env-cert.pem': CERT, '/env-key.pem': KEY, '/flag-key.pem': KEY },
      { sslCaFile: '/flag-ca.pem', sslKeyFile: '/flag-key.pem' },
      { SPECMESH_SSL_CA_FILE: '/nope.pem', SPECMESH_SSL_CERT_FILE: '/env-cert.pem', SPECMESH_SSL_KEY_FILE: '/env-key.pem' });
    expect(conn.sources).toMatchObject({ ca: '/flag-ca.pem', cert: '/env-cert.pem', key: '/flag-key.pem' });
  });

  it('takes the key from the certificate file when no key file is given', () => {
    const conn = ssl('', { '/client.pem': KEY + CERT }, { sslCertFile: '/client.pem' });
    expect([conn.tls?.cert, conn.tls?.key]).toEqual([CERT, KEY]);
  });

  it('reads the passphrase of an encrypted key from ssl.key.password, env, or a file flag', () => {
    const files = { '/client.pem': CERT + ENCRYPTED_KEY, '/kp': 'from-file\n' };
    expect(ssl('ssl.key.password=from-props', files, { sslCertFile: '/client.pem' }).tls?.keyPassword).toBe('from-props');
    expect(ssl('ssl.key.password=from-props', files, { sslCertFile: '/client.pem' }, { SPECMESH_SSL_KEY_PASSWORD: 'from-env' }).tls?.keyPassword).toBe('from-env');
    expect(ssl('ssl.key.password=from-props', files, { sslCertFile: '/client.pem', sslKeyPasswordFile: '/kp' }).tls?.keyPassword).toBe('from-file');
  });
});

describe('resolveConnection: errors say the fix', () => {
  const cases: [string, () => ConnectionConfigError, RegExp, RegExp][] = [
    ['missing bootstrap servers', () => errorOf({}), /bootstrap servers/, /--bootstrap-server.*SPECMESH_BOOTSTRAP_SERVERS.*bootstrap\.servers.*--command-config/],
    ['a broker without a port', () => errorOf({ bootstrapServers: 'k1' }), /"k1".*host:port/, /host:port/],
    ['an unknown protocol', () => errorOf({ bootstrapServers: 'k:1', securityProtocol: 'TLS' }), /Unknown security protocol "TLS" \(--security-protocol\)/, /PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL/],
    ['an unknown mechanism', () => errorOf({ bootstrapServers: 'k:1' }, { SPECMESH_SASL_MECHANISM: 'SCRAM' }), /Unknown SASL mechanism "SCRAM" \(SPECMESH_SASL_MECHANISM\)/, /PLAIN, SCRAM-SHA-256, SCRAM-SHA-512, OAUTHBEARER, AWS_MSK_IAM/],
    ['GSSAPI', () => errorOf({ bootstrapServers: 'k:1', securityProtocol: 'SASL_SSL', saslMechanism: 'GSSAPI' }), /GSSAPI \(Kerberos.*not supported/, /SCRAM-SHA-512/],
    ['a SASL protocol without a mechanism', () => errorOf({ commandConfig: CFG }, {}, { [CFG]: `bootstrap.servers=k:1\nsecurity.protocol=SASL_SSL\n${SCRAM_JAAS}` }),
      /SASL_SSL.*needs a SASL mechanism.*GSSAPI/, /sasl\.mechanism: SCRAM-SHA-512/],
    ['a mechanism without a protocol', () => errorOf({ bootstrapServers: 'k:1', saslMechanism: 'PLAIN' }), /no security protocol/, /--security-protocol SASL_SSL/],
    ['a mechanism flag with a non-SASL protocol', () => errorOf({ bootstrapServers: 'k:1', securityProtocol: 'SSL', saslMechanism: 'PLAIN' }),
      /PLAIN \(--sasl-mechanism\) does not go with security\.protocol=SSL/, /SASL_SSL/],
    ['IAM over SASL_PLAINTEXT', () => errorOf({ bootstrapServers: 'k:1', securityProtocol: 'SASL_PLAINTEXT', saslMechanism: 'AWS_MSK_IAM', awsRegion: 'us-east-1' }),
      /needs TLS/, /SASL_SSL/],
    ['TLS flags with a plaintext protocol', () => errorOf({ bootstrapServers: 'k:1', securityProtocol: 'SASL_PLAINTEXT', saslMechanism: 'PLAIN', sslCaFile: '/ca.pem' }),
      /--ssl-ca-file was given.*does not use TLS/, /SASL_SSL/],
    ['SCRAM without a username', () => errorOf({ bootstrapServers: 'k:1', securityProtocol: 'SASL_SSL', saslMechanism: 'SCRAM-SHA-512' }),
      /needs a username/, /--sasl-username.*SPECMESH_SASL_USERNAME.*sasl\.jaas\.config.*ScramLoginModule/],
    ['SCRAM without a password', () => errorOf({ bootstrapServers: 'k:1', securityProtocol: 'SASL_SSL', saslMechanism: 'SCRAM-SHA-512', saslUsername: 'alice' }),
      /needs a password for user "alice"/, /SPECMESH_SASL_PASSWORD.*--sasl-password-file.*never taken on the command line/],
    ['an empty password file', () => errorOf({ bootstrapServers: 'k:1', securityProtocol: 'SASL_SSL', saslMechanism: 'PLAIN', saslUsername: 'a', saslPasswordFile: '/pw' }, {}, { '/pw': '\n' }),
      /"\/pw" \(--sasl-password-file\) is empty/, /write the SASL password/],
    ['IAM without a region', () => errorOf({ bootstrapServers: 'localhost:9098', saslMechanism: 'AWS_MSK_IAM' }), /needs an AWS region/, /--aws-region.*AWS_REGION/],
    ['an invalid region', () => errorOf({ bootstrapServers: 'k:1', saslMechanism: 'AWS_MSK_IAM', awsRegion: 'useast1' }), /Invalid AWS region "useast1" \(--aws-region\)/, /us-east-1/],
    ['a profile and a role together', () => errorOf({ bootstrapServers: 'k:1', saslMechanism: 'AWS_MSK_IAM', awsRegion: 'us-east-1', awsProfile: 'p', awsRoleArn: 'arn:aws:iam::123456789012:role/r' }),
      /--aws-profile.*--aws-role-arn/, /AWS_PROFILE=<profile>/],
    ['a malformed role ARN', () => errorOf({ bootstrapServers: 'k:1', saslMechanism: 'AWS_MSK_IAM', awsRegion: 'us-east-1', awsRoleArn: 'ops' }), /Invalid IAM role ARN "ops"/, /arn:aws:iam::/],
    ['a JAAS module that does not fit the mechanism', () => errorOf({ commandConfig: CFG }, {}, { [CFG]: `bootstrap.servers=k:1\nsecurity.protocol=SASL_SSL\nsasl.mechanism=AWS_MSK_IAM\n${SCRAM_JAAS}` }),
      /sasl\.jaas\.config in \/etc\/kafka\/client\.properties uses .*ScramLoginModule, which does not fit sasl\.mechanism=AWS_MSK_IAM/, /IAMLoginModule required;/],
    ['a broken JAAS config', () => errorOf({ commandConfig: CFG }, {}, { [CFG]: 'bootstrap.servers=k:1\nsecurity.protocol=SASL_SSL\nsasl.mechanism=PLAIN\nsasl.jaas.config=PlainLoginModule username="a";' }),
      /sasl\.jaas\.config in \/etc\/kafka\/client\.properties: expected a control flag/, /required key="value"/],
    ['a JKS truststore', () => errorOf({ commandConfig: CFG }, {}, { [CFG]: 'bootstrap.servers=k:1\nsecurity.protocol=SSL\nssl.truststore.location=trust.jks\nssl.truststore.password=x', '/etc/kafka/trust.jks': '\u00fe\u00ed\u00fe\u00ed binary' }),
      /truststore "\/etc\/kafka\/trust\.jks" \(ssl\.truststore\.location in .*\) is not PEM \(ssl\.truststore\.type is JKS, Java's default\)/, /keytool -exportcert -rfc -keystore \/etc\/kafka\/trust\.jks.*ssl\.truststore\.type=PEM/],
    ['a PKCS12 keystore', () => errorOf({ commandConfig: CFG }, {}, { [CFG]: 'bootstrap.servers=k:1\nsecurity.protocol=SSL\nssl.keystore.type=PKCS12\nssl.keystore.location=/k.p12', '/k.p12': '0\u0082 binary' }),
      /keystore .* is not PEM \(ssl\.keystore\.type is PKCS12\)/, /openssl pkcs12 -in \/k\.p12 -out client\.pem/],
    ['an unknown store type', () => errorOf({ commandConfig: CFG }, {}, { [CFG]: 'bootstrap.servers=k:1\nsecurity.protocol=SSL\nssl.truststore.type=BKS' }), /Unknown ssl\.truststore\.type/, /ssl\.truststore\.type=PEM/],
    ['a CA flag file that is not PEM', () => errorOf({ bootstrapServers: 'k:1', sslCaFile: '/ca.jks' }, {}, { '/ca.jks': 'binary' }), /"\/ca\.jks" \(--ssl-ca-file\) holds no PEM data/, /JKS or PKCS12.*keytool/],
    ['a certificate without a key', () => errorOf({ bootstrapServers: 'k:1', sslCertFile: '/c.pem' }, {}, { '/c.pem': CERT }), /client certificate was given \(--ssl-cert-file\) but no private key/, /--ssl-key-file/],
    ['a key without a certificate', () => errorOf({ bootstrapServers: 'k:1', sslKeyFile: '/k.pem' }, {}, { '/k.pem': KEY }), /private key was given \(--ssl-key-file\) but no client certificate/, /--ssl-cert-file/],
    ['an encrypted key without a password', () => errorOf({ bootstrapServers: 'k:1', sslCertFile: '/c.pem' }, {}, { '/c.pem': CERT + ENCRYPTED_KEY }),
      /is encrypted and no key password/, /SPECMESH_SSL_KEY_PASSWORD.*--ssl-key-password-file.*ssl\.key\.password/],
    ['an unknown endpoint identification algorithm', () => errorOf({ commandConfig: CFG }, {}, { [CFG]: 'bootstrap.servers=k:1\nsecurity.protocol=SSL\nssl.endpoint.identification.algorithm=http' }),
      /Unknown ssl\.endpoint\.identification\.algorithm/, /https.*empty/],
    ['an MSK port that does not fit the mechanism', () => errorOf({ bootstrapServers: 'b-1.x.kafka.us-east-1.amazonaws.com:9098', securityProtocol: 'SASL_SSL', saslMechanism: 'SCRAM-SHA-512', saslUsername: 'u' }, { SPECMESH_SASL_PASSWORD: 'p' }),
      /:9098 is MSK's IAM port/, /use port 9096 for SCRAM/],
  ];

  it.each(cases)('%s', (_name, run, message, fix) => {
    const err = run();
    expect(err).toBeInstanceOf(ConnectionConfigError);
    expect(err.name).toBe('ConnectionConfigError');
    expect(err.message).toMatch(message);
    expect(err.fix).toMatch(fix);
  });
});

describe('resolveConnection: secrets stay out of output', () => {
  const secret = 'Sup3r-Secret!';
  const conn = resolve({ commandConfig: CFG, sslCertFile: '/c.pem' }, {}, {
    [CFG]: `bootstrap.servers=k:1\nsecurity.protocol=SASL_SSL\nsasl.mechanism=SCRAM-SHA-512\nssl.key.password=${secret}-key\n`
      + `sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="alice" password="${secret}";`,
    '/c.pem': CERT + ENCRYPTED_KEY,
  });

  it('keeps the password and key readable', () => {
    expect(conn.password).toBe(secret);
    expect(conn.tls?.keyPassword).toBe(`${secret}-key`);
    expect(conn.tls?.key).toBe(ENCRYPTED_KEY);
  });

  it('leaves them out of describe(), toString(), JSON, spreads and util.inspect', () => {
    for (const text of [conn.describe(), String(conn), `${conn}`, JSON.stringify(conn), JSON.stringify({ ...conn }), inspect(conn, { depth: 5 })]) {
      expect(text).not.toContain(secret);
      expect(text).not.toContain('ENCRYPTED PRIVATE KEY');
    }
  });

  it('describes the connection on one line', () => {
    expect(conn.describe()).toBe(
      `brokers=k:1 security.protocol=SASL_SSL sasl.mechanism=SCRAM-SHA-512 user=alice password=<set from password in sasl.jaas.config in ${CFG}> tls(ca=system cert=/c.pem)`);
  });

  it('is frozen', () => {
    expect(Object.isFrozen(conn)).toBe(true);
  });
});
