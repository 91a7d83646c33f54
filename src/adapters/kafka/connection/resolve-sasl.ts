import { ConnectionConfigError } from './connection-config-error.js';
import { ENV_NAMES, FLAG_NAMES, KAFKA_ENV_NAMES } from './inputs.js';
import { parseJaasConfig, type JaasConfig } from './jaas.js';
import { parseClusterArn } from '../../../iam/cluster-arn.js';
import { checkKnownRegion } from './aws-regions.js';
import { mskRegionOf } from './msk.js';
import type { AwsIamSettings, SaslMechanism } from './resolved-connection.js';
import { firstOf, type SettingReader, type Sourced } from './setting-reader.js';

export type LoginModuleKind = 'scram' | 'plain' | 'iam' | 'oauthbearer' | 'kerberos' | 'other';

export interface Jaas {
  kind: LoginModuleKind;
  config: JaasConfig;
  source: string;
}

const MODULE_KINDS: [RegExp, LoginModuleKind][] = [
  [/\.ScramLoginModule$/, 'scram'],
  [/\.PlainLoginModule$/, 'plain'],
  [/\.IAMLoginModule$/, 'iam'],
  [/\.OAuthBearerLoginModule$/, 'oauthbearer'],
  [/\.Krb5LoginModule$/, 'kerberos'],
];

export const LOGIN_MODULE_FOR: Record<SaslMechanism, string> = {
  PLAIN: 'org.apache.kafka.common.security.plain.PlainLoginModule required username="…" password="…";',
  'SCRAM-SHA-256': 'org.apache.kafka.common.security.scram.ScramLoginModule required username="…" password="…";',
  'SCRAM-SHA-512': 'org.apache.kafka.common.security.scram.ScramLoginModule required username="…" password="…";',
  AWS_MSK_IAM: 'software.amazon.msk.auth.iam.IAMLoginModule required;',
  OAUTHBEARER: 'org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required;',
};

export function readJaas(r: SettingReader): Jaas | undefined {
  const s = firstOf(r.envVar(KAFKA_ENV_NAMES.saslJaasConfig, true), r.prop('sasl.jaas.config', { secret: true }));
  if (!s) return undefined;
  let config: JaasConfig;
  try {
    config = parseJaasConfig(s.value);
  } catch (e) {
    if (!(e instanceof ConnectionConfigError)) throw e;
    throw new ConnectionConfigError(e.message.replace(/^sasl\.jaas\.config/, s.source), e.fix);
  }
  const kind = MODULE_KINDS.find(([re]) => re.test(config.loginModule))?.[1] ?? 'other';
  return { kind, config, source: s.source };
}

/**
 * Whether a login module can supply credentials for a mechanism. Kafka's Scram and Plain login
 * modules both just hold a username and password, and its clients accept either for either.
 */
export function jaasFits(kind: LoginModuleKind, mechanism: SaslMechanism): boolean {
  switch (mechanism) {
    case 'PLAIN':
    case 'SCRAM-SHA-256':
    case 'SCRAM-SHA-512': return kind === 'scram' || kind === 'plain';
    case 'AWS_MSK_IAM': return kind === 'iam';
    case 'OAUTHBEARER': return kind === 'iam' || kind === 'oauthbearer';
  }
}

const jaasOption = (jaas: Jaas | undefined, key: string, secret = false): Sourced | undefined => {
  const v = jaas?.config.options[key];
  return v !== undefined && v.trim() !== '' ? { value: secret ? v : v.trim(), source: `${key} in ${jaas!.source}`, level: 'file' } : undefined;
};

export interface Credentials {
  username: string;
  password: string;
  sources: { username: string; password: string };
}

export function resolveCredentials(r: SettingReader, mechanism: SaslMechanism, jaas: Jaas | undefined): Credentials {
  const username = firstOf(r.flag('saslUsername'), r.envVar(ENV_NAMES.saslUsername), jaasOption(jaas, 'username'));
  if (!username) {
    throw new ConnectionConfigError(`SASL ${mechanism} needs a username, and none was given`,
      `pass ${FLAG_NAMES.saslUsername} NAME, set ${ENV_NAMES.saslUsername}, or put username="NAME" in sasl.jaas.config `
      + `(${LOGIN_MODULE_FOR[mechanism].split(' ')[0]}) in the ${FLAG_NAMES.commandConfig} file`);
  }
  const fromFile = r.flag('saslPasswordFile');
  const password = firstOf(fromFile, r.envVar(ENV_NAMES.saslPassword, true), jaasOption(jaas, 'password', true));
  if (!password) {
    throw new ConnectionConfigError(`SASL ${mechanism} needs a password for user "${username.value}", and none was given`,
      `set ${ENV_NAMES.saslPassword}, pass ${FLAG_NAMES.saslPasswordFile} FILE, or put password="…" in sasl.jaas.config in the `
      + `${FLAG_NAMES.commandConfig} file; passwords are never taken on the command line`);
  }
  const value = password === fromFile ? r.readSecretFileOf(password, 'SASL password') : password.value;
  return { username: username.value, password: value, sources: { username: username.source, password: password.source } };
}

const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;

export interface ResolvedAws {
  settings: AwsIamSettings;
  sources: { region: string; credentials: string };
}

/** Where the cluster is, as the cluster ARN or an MSK broker host name says: the region its tokens must be signed for. */
function clusterRegionOf(r: SettingReader, brokers: readonly string[]): Sourced | undefined {
  const arn = r.flag('mskClusterArn');
  const parsed = arn ? parseClusterArn(arn.value) : undefined;
  if (parsed && !('problem' in parsed)) return { value: parsed.region, source: `the cluster ARN (${FLAG_NAMES.mskClusterArn})`, level: 'flag' };
  const fromHost = mskRegionOf(brokers);
  return fromHost ? { value: fromHost, source: 'the MSK broker host name', level: 'file' } : undefined;
}

export function resolveAws(r: SettingReader, mechanism: SaslMechanism, brokers: readonly string[], jaas: Jaas | undefined): ResolvedAws {
  const cluster = clusterRegionOf(r, brokers);
  const given = firstOf(r.flag('awsRegion'), r.envVar('AWS_REGION'), r.envVar('AWS_DEFAULT_REGION'));
  const region = given ?? cluster;
  if (!region) {
    throw new ConnectionConfigError(`${mechanism} (MSK IAM) needs an AWS region to sign its token, and none was found`,
      `pass ${FLAG_NAMES.awsRegion} REGION or set AWS_REGION; with MSK's own broker host names (….kafka.<region>.amazonaws.com) or ${FLAG_NAMES.mskClusterArn} it is read from there`);
  }
  if (!REGION.test(region.value)) {
    throw new ConnectionConfigError(`Invalid AWS region "${region.value}" (${region.source})`, 'use a region code such as us-east-1');
  }
  checkKnownRegion(region, r.envVar('SPECMESH_ALLOW_UNKNOWN_REGIONS')?.value === '1');
  if (cluster && region.value !== cluster.value) {
    // MSK refuses a token signed for another region with nothing but "Access denied".
    throw new ConnectionConfigError(`MSK IAM tokens would be signed for region ${region.value} (${region.source}), but ${cluster.source} says the cluster is in ${cluster.value}`,
      `pass ${FLAG_NAMES.awsRegion} ${cluster.value}, or leave the region out to use the cluster's`);
  }
  const iamJaas = jaas?.kind === 'iam' ? jaas : undefined;
  const profile = firstOf(r.flag('awsProfile'), r.envVar('AWS_PROFILE'), jaasOption(iamJaas, 'awsProfileName'));
  const role = firstOf(r.flag('awsRoleArn'), jaasOption(iamJaas, 'awsRoleArn'));
  const sessionName = jaasOption(iamJaas, 'awsRoleSessionName')?.value;
  if (role && profile && profile.level !== 'env') {
    throw new ConnectionConfigError(`Both an AWS profile (${profile.source}) and a role to assume (${role.source}) were given`,
      'the role is assumed with the default AWS credential chain: to assume it with a profile\'s credentials, set AWS_PROFILE=<profile> '
      + 'and give only the role, or define role_arn and source_profile in ~/.aws/config and give only the profile');
  }
  if (role && !/^arn:aws[a-z-]*:iam::\d{12}:role\/.+$/.test(role.value)) {
    throw new ConnectionConfigError(`Invalid IAM role ARN "${role.value}" (${role.source})`, 'use a role ARN such as arn:aws:iam::123456789012:role/specmesh');
  }
  const credentials: AwsIamSettings['credentials'] = role
    ? { kind: 'role', roleArn: role.value, ...(sessionName !== undefined && { sessionName }) }
    : profile ? { kind: 'profile', profile: profile.value } : { kind: 'default' };
  const clusterArn = r.flag('mskClusterArn')?.value;
  return {
    settings: { region: region.value, credentials, ...(clusterArn ? { clusterArn } : {}) },
    sources: { region: region.source, credentials: (role ?? profile)?.source ?? 'the default AWS credential chain' },
  };
}
