import { parseBrokerList } from './broker-address.js';
import { ConnectionConfigError } from './connection-config-error.js';
import { ENV_NAMES, FLAG_NAMES, KAFKA_ENV_NAMES, type ConnectionInputs } from './inputs.js';
import { checkMskPort, mskAuthFromPorts } from './msk.js';
import { parseProperties } from './properties.js';
import {
  SASL_MECHANISMS, SECURITY_PROTOCOLS, createResolvedConnection,
  type ResolvedConnection, type ResolvedConnectionFields, type SaslMechanism, type SecurityProtocol,
} from './resolved-connection.js';
import { LOGIN_MODULE_FOR, jaasFits, readJaas, resolveAws, resolveCredentials, type Jaas } from './resolve-sasl.js';
import { explicitTlsSettings, resolveTls } from './resolve-tls.js';
import { SettingReader, firstOf, readNamedFile, type Sourced } from './setting-reader.js';

const isSasl = (p: SecurityProtocol): boolean => p.startsWith('SASL_');
const isTls = (p: SecurityProtocol): boolean => p === 'SSL' || p === 'SASL_SSL';
const isIam = (m: SaslMechanism | undefined): boolean => m === 'AWS_MSK_IAM' || m === 'OAUTHBEARER';

function readSettings(inputs: ConnectionInputs, env: NodeJS.ProcessEnv, readFile: (path: string) => string): SettingReader {
  const bare = new SettingReader(inputs, env, new Map(), undefined, readFile);
  const config = firstOf(bare.flag('commandConfig'), bare.envVar(ENV_NAMES.commandConfig));
  if (!config) return bare;
  const text = readNamedFile(readFile, config.value, `the client properties file (${config.source})`);
  return new SettingReader(inputs, env, parseProperties(text, config.value), config.value, readFile);
}

function parseProtocol(s: Sourced): SecurityProtocol {
  const v = s.value.toUpperCase();
  if ((SECURITY_PROTOCOLS as readonly string[]).includes(v)) return v as SecurityProtocol;
  throw new ConnectionConfigError(`Unknown security protocol "${s.value}" (${s.source})`,
    `use one of ${SECURITY_PROTOCOLS.join(', ')}`);
}

function parseMechanism(s: Sourced): SaslMechanism {
  const v = s.value.toUpperCase();
  if ((SASL_MECHANISMS as readonly string[]).includes(v)) return v as SaslMechanism;
  if (v === 'GSSAPI') {
    throw new ConnectionConfigError(`SASL mechanism GSSAPI (Kerberos, ${s.source}) is not supported`,
      `use one of ${SASL_MECHANISMS.join(', ')}`);
  }
  throw new ConnectionConfigError(`Unknown SASL mechanism "${s.value}" (${s.source})`, `use one of ${SASL_MECHANISMS.join(', ')}`);
}

function suggestMechanism(jaas: Jaas | undefined): string {
  switch (jaas?.kind) {
    case 'scram': return 'SCRAM-SHA-512 (or SCRAM-SHA-256)';
    case 'plain': return 'PLAIN';
    case 'iam': return 'AWS_MSK_IAM';
    case 'oauthbearer': return 'OAUTHBEARER';
    default: return `one of ${SASL_MECHANISMS.join(', ')}`;
  }
}

interface ProtocolChoice {
  protocol: SecurityProtocol;
  protocolSource: string;
  mechanism?: SaslMechanism;
  mechanismSource?: string;
}

/** Settles protocol and mechanism: explicit values, else what the MSK port, the mechanism or TLS settings imply. */
function chooseProtocol(r: SettingReader, inputs: ConnectionInputs, brokers: string[], jaas: Jaas | undefined): ProtocolChoice {
  const protocolSetting = firstOf(r.flag('securityProtocol'), r.envVar(ENV_NAMES.securityProtocol), r.envVar(KAFKA_ENV_NAMES.securityProtocol), r.prop('security.protocol'));
  const mechanismSetting = firstOf(r.flag('saslMechanism'), r.envVar(ENV_NAMES.saslMechanism), r.envVar(KAFKA_ENV_NAMES.saslMechanism), r.prop('sasl.mechanism'));
  let mechanism = mechanismSetting ? parseMechanism(mechanismSetting) : undefined;
  let mechanismSource = mechanismSetting?.source;
  const tlsGiven = explicitTlsSettings(r, inputs).length > 0;

  let protocol: SecurityProtocol;
  let protocolSource: string;
  if (protocolSetting) {
    protocol = parseProtocol(protocolSetting);
    protocolSource = protocolSetting.source;
  } else {
    const msk = mskAuthFromPorts(brokers);
    protocolSource = msk ? 'implied by the MSK broker port' : 'default';
    if (mechanism) {
      if (isIam(mechanism) || msk === 'scram' || msk === 'iam' || tlsGiven) {
        protocol = 'SASL_SSL';
        protocolSource = `implied by ${mechanismSetting!.source}`;
      } else {
        throw new ConnectionConfigError(`A SASL mechanism is set (${mechanismSetting!.source}) but no security protocol`,
          `pass ${FLAG_NAMES.securityProtocol} SASL_SSL (TLS) or SASL_PLAINTEXT, or set security.protocol in the properties file`);
      }
    } else if (msk === 'scram' || msk === 'iam') {
      protocol = 'SASL_SSL';
      mechanism = msk === 'scram' ? 'SCRAM-SHA-512' : 'AWS_MSK_IAM';
      mechanismSource = protocolSource;
    } else {
      protocol = msk === 'tls' || (!msk && tlsGiven) ? 'SSL' : 'PLAINTEXT';
      if (!msk && tlsGiven) protocolSource = 'implied by the TLS settings';
    }
  }

  if (isSasl(protocol) && !mechanism) {
    throw new ConnectionConfigError(
      `security.protocol=${protocol} (${protocolSource}) needs a SASL mechanism; Kafka's default, GSSAPI (Kerberos), is not supported`,
      `pass ${FLAG_NAMES.saslMechanism} or set sasl.mechanism: ${suggestMechanism(jaas)}`);
  }
  if (!isSasl(protocol) && mechanism) {
    // Like Kafka's Java clients, a mechanism in the properties file is ignored without a SASL protocol.
    if (mechanismSetting?.level === 'file') {
      mechanism = undefined;
    } else {
      throw new ConnectionConfigError(`SASL mechanism ${mechanism} (${mechanismSource}) does not go with security.protocol=${protocol} (${protocolSource}), which does not use SASL`,
        `use security.protocol SASL_SSL (or SASL_PLAINTEXT) for ${mechanism}, or drop the mechanism`);
    }
  }
  if (protocol === 'SASL_PLAINTEXT' && isIam(mechanism)) {
    throw new ConnectionConfigError(`${mechanism} (MSK IAM) needs TLS, but security.protocol=SASL_PLAINTEXT (${protocolSource})`,
      `use ${FLAG_NAMES.securityProtocol} SASL_SSL (security.protocol=SASL_SSL)`);
  }
  const explicitTls = explicitTlsSettings(r, inputs)[0];
  if (!isTls(protocol) && explicitTls) {
    throw new ConnectionConfigError(`${explicitTls.source} was given, but security.protocol=${protocol} (${protocolSource}) does not use TLS`,
      `use security.protocol ${isSasl(protocol) ? 'SASL_SSL' : 'SSL'}, or drop the TLS settings`);
  }
  return { protocol, protocolSource, ...(mechanism && { mechanism, mechanismSource: mechanismSource! }) };
}

/**
 * The login module to use for credentials, if it fits the mechanism. A misfit among the Kafka-style
 * settings themselves (client.properties, SASL_MECHANISM with SASL_JAAS_CONFIG) is an error.
 */
function usableJaas(jaas: Jaas | undefined, choice: ProtocolChoice, r: SettingReader): Jaas | undefined {
  if (!jaas || !choice.mechanism) return undefined;
  if (jaasFits(jaas.kind, choice.mechanism)) return jaas;
  const kafkaStyle = choice.mechanismSource === r.propSource('sasl.mechanism') || choice.mechanismSource === KAFKA_ENV_NAMES.saslMechanism;
  if (!kafkaStyle) return undefined; // overridden by a flag or SPECMESH_ variable: the module is for another mechanism
  throw new ConnectionConfigError(`${jaas.source} uses ${jaas.config.loginModule}, which does not fit sasl.mechanism=${choice.mechanism}`,
    `for ${choice.mechanism} use sasl.jaas.config=${LOGIN_MODULE_FOR[choice.mechanism]}`);
}

const IAM_CALLBACK_HANDLER = 'software.amazon.msk.auth.iam.IAMClientCallbackHandler';

/**
 * Java clients need sasl.client.callback.handler.class for MSK IAM; specmesh signs tokens itself,
 * so it accepts MSK's handler with an IAM mechanism and refuses any handler it would ignore.
 */
function checkCallbackHandler(r: SettingReader, mechanism: SaslMechanism | undefined): void {
  const handler = firstOf(r.envVar(KAFKA_ENV_NAMES.saslClientCallbackHandlerClass), r.prop('sasl.client.callback.handler.class'));
  if (!handler) return;
  if (handler.value !== IAM_CALLBACK_HANDLER) {
    throw new ConnectionConfigError(`${handler.source} names ${handler.value}, which specmesh cannot run (it is not a Java client)`,
      `drop it; for MSK IAM use ${IAM_CALLBACK_HANDLER} (or none): specmesh signs MSK IAM tokens with aws-msk-iam-sasl-signer-js`);
  }
  if (mechanism !== undefined && !isIam(mechanism)) {
    throw new ConnectionConfigError(`${handler.source} is MSK IAM's callback handler, but the SASL mechanism is ${mechanism}`,
      'use sasl.mechanism=AWS_MSK_IAM with it, or drop the callback handler');
  }
}

/**
 * Turns flags, environment variables and a Java-style client.properties file into connection
 * settings. Precedence: flags, then SPECMESH_ env vars, then the unprefixed ones MSK's tools use
 * (SECURITY_PROTOCOL, SASL_MECHANISM, SASL_JAAS_CONFIG, SASL_CLIENT_CALLBACK_HANDLER_CLASS), then the file. Throws ConnectionConfigError
 * naming the setting at fault and the fix. `readFile` reads a text file (relative paths from the
 * properties file are already resolved against its folder).
 */
export function resolveConnection(inputs: ConnectionInputs, env: NodeJS.ProcessEnv, readFile: (path: string) => string): ResolvedConnection {
  const r = readSettings(inputs, env, readFile);
  const brokerSetting = firstOf(r.flag('bootstrapServers'), r.envVar(ENV_NAMES.bootstrapServers), r.prop('bootstrap.servers'));
  const brokers = brokerSetting ? parseBrokerList(brokerSetting.value, brokerSetting.source) : [];
  if (brokers.length === 0) {
    throw new ConnectionConfigError('No Kafka bootstrap servers given',
      `pass ${FLAG_NAMES.bootstrapServers} host:port[,host:port], set ${ENV_NAMES.bootstrapServers}, `
      + `or put bootstrap.servers=host:port in the file given by ${FLAG_NAMES.commandConfig}`);
  }
  const jaas = readJaas(r);
  const choice = chooseProtocol(r, inputs, brokers, jaas);
  checkCallbackHandler(r, choice.mechanism);
  const fields: ResolvedConnectionFields = { brokers, securityProtocol: choice.protocol };
  const sources: Record<string, string> = { brokers: brokerSetting!.source, securityProtocol: choice.protocolSource };

  const mechanism = choice.mechanism;
  if (mechanism) {
    fields.saslMechanism = mechanism;
    sources.saslMechanism = choice.mechanismSource!;
    const moduleJaas = usableJaas(jaas, choice, r);
    if (isIam(mechanism)) {
      const aws = resolveAws(r, mechanism, brokers, moduleJaas);
      fields.aws = aws.settings;
      Object.assign(sources, aws.sources);
    } else {
      const creds = resolveCredentials(r, mechanism, moduleJaas);
      fields.username = creds.username;
      fields.password = creds.password;
      Object.assign(sources, creds.sources);
    }
  }
  if (isTls(choice.protocol)) {
    const tls = resolveTls(r, inputs);
    fields.tls = tls.settings;
    Object.assign(sources, tls.sources);
  }
  const clientId = firstOf(r.flag('clientId'), r.prop('client.id'));
  if (clientId) {
    fields.clientId = clientId.value;
    sources.clientId = clientId.source;
  }
  fields.sources = sources;
  const conn = createResolvedConnection(fields);
  checkMskPort(conn);
  return conn;
}
