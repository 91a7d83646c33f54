import { ConnectionConfigError } from './connection-config-error.js';
import { ENV_NAMES, FLAG_NAMES, type ConnectionInputs } from './inputs.js';
import { certificatesIn, pemBlocks, privateKeyIn } from './pem.js';
import type { TlsSettings } from './resolved-connection.js';
import { firstOf, type SettingReader, type Sourced } from './setting-reader.js';

export interface ResolvedTls {
  settings: TlsSettings;
  sources: { ca?: string; cert?: string; key?: string };
}

/** TLS flags and env vars that were given explicitly (not from the properties file). */
export function explicitTlsSettings(r: SettingReader, inputs: ConnectionInputs): Sourced[] {
  const given = [
    r.flag('sslCaFile'), r.flag('sslCertFile'), r.flag('sslKeyFile'), r.flag('sslKeyPasswordFile'),
    r.envVar(ENV_NAMES.sslCaFile), r.envVar(ENV_NAMES.sslCertFile), r.envVar(ENV_NAMES.sslKeyFile),
  ].filter((s): s is Sourced => s !== undefined);
  if (inputs.sslInsecure) given.push({ value: 'true', source: FLAG_NAMES.sslInsecure, level: 'flag' });
  return given;
}

const JAVA_STORE_FIX = {
  truststore: (file: string) =>
    `convert it to PEM, e.g. \`keytool -exportcert -rfc -keystore ${file} -alias <alias> -file ca.pem\` `
    + '(or `openssl pkcs12 -in truststore.p12 -nokeys -out ca.pem` for PKCS12), then set ssl.truststore.type=PEM '
    + 'and ssl.truststore.location=ca.pem, or pass --ssl-ca-file ca.pem',
  keystore: (file: string) =>
    `convert it to PEM, e.g. \`openssl pkcs12 -in ${file} -out client.pem\` (for JKS first run `
    + `\`keytool -importkeystore -srckeystore ${file} -destkeystore client.p12 -deststoretype PKCS12\`), `
    + 'then set ssl.keystore.type=PEM and ssl.keystore.location=client.pem (with ssl.key.password if the key is encrypted), '
    + 'or pass --ssl-cert-file and --ssl-key-file',
};

/** Reads a PEM setting; a store file from the properties file that is not PEM gets the JKS/PKCS12 conversion advice. */
function readPem(r: SettingReader, s: Sourced, store: 'truststore' | 'keystore', inline: boolean): string {
  const text = inline ? s.value : r.readFileOf(s, store === 'truststore' ? 'CA certificate file' : 'client certificate file');
  if (pemBlocks(text).length > 0) return text;
  const where = inline ? s.source : `"${r.pathOf(s)}" (${s.source})`;
  const declared = r.prop(`ssl.${store}.type`)?.value.toUpperCase();
  if (s.level === 'file' && !inline && declared !== 'PEM') {
    const type = declared ?? 'JKS, Java\'s default';
    throw new ConnectionConfigError(`The ${store} ${where} is not PEM (ssl.${store}.type is ${type}); only PEM is supported`,
      JAVA_STORE_FIX[store](r.pathOf(s)));
  }
  const want = store === 'truststore' ? 'a PEM file of CA certificates' : 'a PEM file with the client certificate chain (and private key)';
  throw new ConnectionConfigError(`${where} holds no PEM data (no "-----BEGIN ...-----" block)`,
    inline ? `give ${want.replace('a PEM file', 'PEM text')}` : `give ${want}; if it is a JKS or PKCS12 store, ${JAVA_STORE_FIX[store](r.pathOf(s))}`);
}

function checkStoreType(r: SettingReader, store: 'truststore' | 'keystore'): void {
  const type = r.prop(`ssl.${store}.type`);
  if (type && !['PEM', 'JKS', 'PKCS12'].includes(type.value.toUpperCase())) {
    throw new ConnectionConfigError(`Unknown ${type.source}: "${type.value}"`, `set ssl.${store}.type=PEM; only PEM stores are supported`);
  }
}

const isEncrypted = (key: string): boolean => /ENCRYPTED/.test(key);

/** A setting holding PEM text itself (`inline`) or naming a PEM file. */
interface PemSetting {
  setting: Sourced;
  inline: boolean;
}

const pick = (...candidates: [Sourced | undefined, boolean][]): PemSetting | undefined => {
  const found = candidates.find(([s]) => s !== undefined);
  return found ? { setting: found[0]!, inline: found[1] } : undefined;
};

const where = (r: SettingReader, p: PemSetting): string => (p.inline ? p.setting.source : r.pathOf(p.setting));

function readCa(r: SettingReader): { ca: string; source: string } | undefined {
  const ca = pick([r.flag('sslCaFile'), false], [r.envVar(ENV_NAMES.sslCaFile), false],
    [r.prop('ssl.truststore.certificates'), true], [r.prop('ssl.truststore.location'), false]);
  if (!ca) return undefined;
  const certs = certificatesIn(readPem(r, ca.setting, 'truststore', ca.inline));
  if (!certs) {
    throw new ConnectionConfigError(`No certificate found in the CA setting ${ca.setting.source}`,
      'give PEM certificates ("-----BEGIN CERTIFICATE-----" blocks) of the CA that signed the brokers\' certificates');
  }
  return { ca: certs, source: where(r, ca) };
}

interface ClientCertificate {
  cert: string;
  key: string;
  keySetting: Sourced;
  sources: { cert: string; key: string };
}

/** The mTLS certificate chain and key; the key may sit in the certificate's PEM file, as in Kafka's PEM keystores. */
function readClientCertificate(r: SettingReader): ClientCertificate | undefined {
  const certSetting = pick([r.flag('sslCertFile'), false], [r.envVar(ENV_NAMES.sslCertFile), false],
    [r.prop('ssl.keystore.certificate.chain'), true], [r.prop('ssl.keystore.location'), false]);
  const keySetting = pick([r.flag('sslKeyFile'), false], [r.envVar(ENV_NAMES.sslKeyFile), false], [r.prop('ssl.keystore.key'), true]);
  let cert: string | undefined;
  let key: { pem: string; from: PemSetting } | undefined;
  if (certSetting) {
    const text = readPem(r, certSetting.setting, 'keystore', certSetting.inline);
    cert = certificatesIn(text);
    if (!cert) {
      throw new ConnectionConfigError(`No certificate found in the client certificate setting ${certSetting.setting.source}`,
        'give the client certificate chain as PEM ("-----BEGIN CERTIFICATE-----" blocks)');
    }
    const embedded = privateKeyIn(text);
    if (embedded) key = { pem: embedded, from: certSetting };
  }
  if (keySetting) {
    const text = keySetting.inline ? keySetting.setting.value : r.readFileOf(keySetting.setting, 'private key file');
    const pem = privateKeyIn(text);
    if (!pem) {
      throw new ConnectionConfigError(`No private key found in ${keySetting.inline ? keySetting.setting.source : `"${r.pathOf(keySetting.setting)}" (${keySetting.setting.source})`}`,
        'give the client private key as PEM ("-----BEGIN PRIVATE KEY-----" or "-----BEGIN ENCRYPTED PRIVATE KEY-----")');
    }
    key = { pem, from: keySetting };
  }
  if (certSetting && cert && key) {
    return { cert, key: key.pem, keySetting: key.from.setting, sources: { cert: where(r, certSetting), key: where(r, key.from) } };
  }
  if (certSetting) {
    throw new ConnectionConfigError(`A client certificate was given (${certSetting.setting.source}) but no private key`,
      `pass ${FLAG_NAMES.sslKeyFile} (or ${ENV_NAMES.sslKeyFile}, or ssl.keystore.key), or put the key in the same PEM file as the certificate`);
  }
  if (key) {
    throw new ConnectionConfigError(`A private key was given (${key.from.setting.source}) but no client certificate`,
      `pass ${FLAG_NAMES.sslCertFile} (or ${ENV_NAMES.sslCertFile}, or ssl.keystore.location / ssl.keystore.certificate.chain)`);
  }
  return undefined;
}

function readKeyPassword(r: SettingReader, keySetting: Sourced): string {
  const fromFile = r.flag('sslKeyPasswordFile');
  const setting = firstOf(fromFile, r.envVar(ENV_NAMES.sslKeyPassword, true), r.prop('ssl.key.password', { secret: true }));
  if (!setting) {
    throw new ConnectionConfigError(`The private key (${keySetting.source}) is encrypted and no key password was given`,
      `set ${ENV_NAMES.sslKeyPassword}, pass ${FLAG_NAMES.sslKeyPasswordFile} FILE, or put ssl.key.password in the properties file; passwords are never taken on the command line`);
  }
  return setting === fromFile ? r.readSecretFileOf(setting, 'key password') : setting.value;
}

export function resolveTls(r: SettingReader, inputs: ConnectionInputs): ResolvedTls {
  checkStoreType(r, 'truststore');
  checkStoreType(r, 'keystore');
  const ca = readCa(r);
  const client = readClientCertificate(r);
  const keyPassword = client && isEncrypted(client.key) ? readKeyPassword(r, client.keySetting) : undefined;

  const algorithm = r.prop('ssl.endpoint.identification.algorithm', { keepEmpty: true });
  if (algorithm && algorithm.value !== '' && algorithm.value.toLowerCase() !== 'https') {
    throw new ConnectionConfigError(`Unknown ${algorithm.source}: "${algorithm.value}"`,
      'use https (verify the broker host name, the default) or leave it empty to turn host name verification off');
  }
  const insecure = inputs.sslInsecure === true;
  return {
    settings: {
      ...(ca && { ca: ca.ca }),
      ...(client && { cert: client.cert, key: client.key }),
      ...(keyPassword !== undefined && { keyPassword }),
      verifyHostname: !insecure && algorithm?.value !== '',
      verifyCertificate: !insecure,
    },
    sources: { ...(ca && { ca: ca.source }), ...client?.sources },
  };
}
