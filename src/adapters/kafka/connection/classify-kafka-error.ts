import { missingPermission, principalOf } from './authorization-advice.js';
import type { MskIamTokenInfo } from './msk-iam-authenticator.js';
import { explainIamRefusal } from './msk-iam-refusal.js';
import type { ResolvedConnection } from './resolved-connection.js';

export type KafkaErrorKind =
  | 'unreachable' | 'tls' | 'listener-mismatch' | 'authentication' | 'authorization' | 'throttled' | 'aws-credentials' | 'other';

export interface ClassifiedKafkaError {
  kind: KafkaErrorKind;
  message: string;
  fix: string;
  retriable: boolean;
}

/** What the failing call was, so an authorization error can name the missing ACL. Names follow kafkajs's admin API. */
export interface KafkaErrorContext {
  operation?: string;
  resource?: string;
}

interface ErrorLike {
  name?: string;
  type?: string;
  code?: string;
  message?: string;
  broker?: string;
  topic?: string;
  retriable?: boolean;
  cause?: unknown;
  originalError?: unknown;
  errors?: unknown[];
}

/** The error and everything it wraps (`cause`, `originalError`, aggregate `errors`), outermost first. */
function unwrap(err: unknown): ErrorLike[] {
  const out: ErrorLike[] = [];
  const seen = new Set<unknown>();
  const queue: unknown[] = [err];
  while (queue.length > 0 && out.length < 50) {
    const e = queue.shift();
    if (e === null || typeof e !== 'object' || seen.has(e)) continue;
    seen.add(e);
    const like = e as ErrorLike;
    out.push(like);
    queue.push(like.cause, like.originalError, ...(Array.isArray(like.errors) ? like.errors : []));
  }
  return out;
}

const MSK_PORTS_HINT = 'on MSK: 9092 plaintext, 9094 TLS, 9096 SCRAM-SHA-512, 9098 IAM (public access: 9194, 9196, 9198)';

const CERT_CODES = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT', 'CERT_UNTRUSTED', 'CERT_SIGNATURE_FAILURE', 'CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID', 'ERR_TLS_CERT_ALTNAME_INVALID',
]);
const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN']);
const AUTHZ_TYPES = new Set([
  'TOPIC_AUTHORIZATION_FAILED', 'CLUSTER_AUTHORIZATION_FAILED', 'GROUP_AUTHORIZATION_FAILED',
  'TRANSACTIONAL_ID_AUTHORIZATION_FAILED', 'DELEGATION_TOKEN_AUTHORIZATION_FAILED',
]);

/** Node's TLS errors carry OpenSSL's whole error line; the reason is the part users can act on. */
function tlsReason(message: string): string {
  const m = /SSL routines:[^:]*:([^:]+):/.exec(message);
  return (m ? m[1]! : message.replace(/^Connection error: /, '')).trim();
}

function mechanismLabel(conn: ResolvedConnection): string {
  return conn.saslMechanism ? `SASL ${conn.saslMechanism} over ${conn.securityProtocol}` : conn.securityProtocol;
}

const isIamConn = (conn: ResolvedConnection): boolean => conn.aws !== undefined;

/**
 * Turns a kafkajs error into a message for users, a fix, and whether retrying may help. Walks
 * wrapped errors (`cause`, `originalError`, aggregate `errors`), so it sees through
 * KafkaJSNumberOfRetriesExceeded and KafkaJSNonRetriableError. Never includes the password.
 */
export function classifyKafkaError(err: unknown, conn: ResolvedConnection, context: KafkaErrorContext = {}): ClassifiedKafkaError {
  const result = classify(unwrap(err), err, conn, context);
  const password = conn.password;
  if (password) {
    const scrub = (s: string): string => s.split(password).join('***');
    return { ...result, message: scrub(result.message), fix: scrub(result.fix) };
  }
  return result;
}

function classify(chain: ErrorLike[], err: unknown, conn: ResolvedConnection, context: KafkaErrorContext): ClassifiedKafkaError {
  const has = (p: (e: ErrorLike) => boolean): ErrorLike | undefined => chain.find(p);
  const msg = (e: ErrorLike): string => (typeof e.message === 'string' ? e.message : '');
  const broker = has((e) => typeof e.broker === 'string')?.broker ?? conn.brokers.join(',');

  const tokenError = has((e) => e.name === 'MskIamTokenError');
  if (tokenError) {
    return { kind: 'aws-credentials', message: msg(tokenError), fix: (tokenError as { fix?: string }).fix ?? '', retriable: false };
  }

  if (has((e) => /too many connects/i.test(msg(e)))) {
    return {
      kind: 'throttled',
      message: `The brokers at ${broker} refused new connections: "Too many connects" (MSK IAM allows about 20 new connections per second per broker)`,
      fix: 'wait at least 1 second before retrying, and open fewer clients at once',
      retriable: true,
    };
  }

  const illegalState = has((e) => e.type === 'ILLEGAL_SASL_STATE');
  const unsupported = has((e) => e.type === 'UNSUPPORTED_SASL_MECHANISM' || /mechanism is not supported by the server/i.test(msg(e)));
  const closedDuringAuth = has((e) => /connection closed by the server/i.test(msg(e)));
  if (illegalState || unsupported || closedDuringAuth) {
    const what = illegalState
      ? `The listener at ${broker} does not take SASL; it is a PLAINTEXT or SSL listener, but the connection uses ${mechanismLabel(conn)}`
      : unsupported
        ? `The listener at ${broker} does not accept ${mechanismLabel(conn)}`
        : `The broker at ${broker} closed the connection during the SASL handshake: the listener may not accept ${mechanismLabel(conn)}`;
    return {
      kind: 'listener-mismatch',
      message: what,
      fix: `check that the port belongs to a listener with this security protocol and mechanism (${MSK_PORTS_HINT})`,
      retriable: false,
    };
  }

  const authFailed = has((e) => e.name === 'KafkaJSSASLAuthenticationError' || e.type === 'SASL_AUTHENTICATION_FAILED');
  if (authFailed) {
    const reason = msg(authFailed).replace(/^SASL .*?authentication( failed)?:\s*/i, '');
    const detail = reason ? ` (${reason})` : '';
    if (isIamConn(conn)) {
      const token = (has((e) => (e as { mskIamToken?: unknown }).mskIamToken !== undefined) as { mskIamToken?: MskIamTokenInfo } | undefined)?.mskIamToken;
      return { kind: 'authentication', ...explainIamRefusal(conn, broker, reason, token), retriable: false };
    }
    const sha256 = conn.saslMechanism === 'SCRAM-SHA-256'
      ? '; the broker may have only SCRAM-SHA-512 credentials for this user (MSK supports only SCRAM-SHA-512)' : '';
    return {
      kind: 'authentication',
      message: `Authentication failed for user "${conn.username ?? ''}" with ${conn.saslMechanism ?? conn.securityProtocol} at ${broker}${detail}`,
      fix: `check the username and password (${conn.sources.password ?? 'SPECMESH_SASL_PASSWORD or sasl.jaas.config'})${sha256}`,
      retriable: false,
    };
  }

  const authz = has((e) => AUTHZ_TYPES.has(e.type ?? '') || /not authorized/i.test(msg(e)));
  if (authz) {
    const topic = context.resource ?? has((e) => typeof e.topic === 'string')?.topic;
    const perm = missingPermission(context.operation, authz.type);
    const on = topic ? ` on ${topic}` : '';
    const op = context.operation ? ` to ${context.operation}` : '';
    if (isIamConn(conn)) {
      return {
        kind: 'authorization',
        message: `${principalOf(conn)} is not authorized${op}${on}: ${msg(authz)}`,
        fix: `grant ${perm.iam ?? 'the matching kafka-cluster:* action'} in its IAM policy (MSK IAM clusters use IAM policies, not ACLs)`,
        retriable: false,
      };
    }
    return {
      kind: 'authorization',
      message: `${principalOf(conn)} is not authorized${op}${on}: ${msg(authz)}`,
      fix: `grant ${principalOf(conn)} ${perm.acl} (an ACL created by a super user or an admin principal)`,
      retriable: false,
    };
  }

  if (has((e) => e.type === 'SECURITY_DISABLED')) {
    return {
      kind: 'authorization',
      message: `The cluster at ${broker} has no authorizer, so ACLs cannot be read or changed`,
      fix: 'enable an authorizer on the brokers (authorizer.class.name), or leave ACLs out; MSK clusters with only IAM access control use IAM policies instead',
      retriable: false,
    };
  }

  const certError = has((e) => CERT_CODES.has(e.code ?? ''));
  if (certError) {
    const hostname = certError.code === 'ERR_TLS_CERT_ALTNAME_INVALID';
    const expired = certError.code === 'CERT_HAS_EXPIRED' || certError.code === 'CERT_NOT_YET_VALID';
    return {
      kind: 'tls',
      message: `The TLS certificate of ${broker} was rejected: ${tlsReason(msg(certError))}`,
      fix: hostname
        ? 'connect with the host name the certificate was issued for; when going through a tunnel or IP address, set ssl.endpoint.identification.algorithm= (empty) in the properties file'
        : expired
          ? 'the broker\'s certificate is outside its validity period: renew it (or check this machine\'s clock)'
          : 'pass --ssl-ca-file with the PEM of the CA that signed the brokers\' certificates (or ssl.truststore.location with ssl.truststore.type=PEM)',
      retriable: false,
    };
  }

  const tlsHandshake = has((e) => /^ERR_SSL_/.test(e.code ?? '') || e.code === 'EPROTO'
    || /before secure TLS connection|wrong version number|packet length too long|SSL routines|tlsv1[0-9]? alert/i.test(msg(e)));
  if (tlsHandshake) {
    const message = `The TLS handshake with ${broker} failed: ${tlsReason(msg(tlsHandshake))}`;
    if (/certificate required|bad certificate|unknown ca|certificate unknown/i.test(msg(tlsHandshake))) {
      return {
        kind: 'tls',
        message,
        fix: conn.tls?.cert
          ? 'the broker rejected the client certificate: it must be signed by a CA in the broker\'s truststore, and be valid now'
          : 'the broker requires a client certificate: pass --ssl-cert-file and --ssl-key-file (or ssl.keystore.location with ssl.keystore.type=PEM)',
        retriable: false,
      };
    }
    return {
      kind: 'listener-mismatch',
      message,
      fix: `the port may not be a TLS listener: check the port and security.protocol (${MSK_PORTS_HINT})`,
      retriable: false,
    };
  }

  const closed = has((e) => e.name === 'KafkaJSConnectionClosedError' || /^closed connection$/i.test(msg(e)));
  const timedOutRequest = has((e) => e.name === 'KafkaJSRequestTimeoutError');
  if ((closed || timedOutRequest) && conn.securityProtocol !== 'SASL_SSL') {
    // A SASL or TLS listener drops or ignores requests from a client that skipped the handshake.
    const expects = conn.securityProtocol === 'PLAINTEXT' ? 'TLS or SASL' : conn.securityProtocol === 'SSL' ? 'SASL' : 'TLS';
    return {
      kind: 'listener-mismatch',
      message: `The broker at ${broker} ${closed ? 'closed the connection' : 'did not answer'} (connecting with ${mechanismLabel(conn)}): the listener may expect ${expects}`,
      fix: `check the port and security.protocol (${MSK_PORTS_HINT}), and any proxy or firewall in between`,
      retriable: false,
    };
  }

  // kafkajs: when a server accepts TCP but never answers, connect() resolves after the request
  // timeout and the next call fails with this plain Error.
  if (has((e) => e.name === 'Error' && msg(e) === 'Broker not connected')) {
    return {
      kind: 'unreachable',
      message: `No working connection to ${broker}: the broker accepted the TCP connection but did not answer`,
      fix: `check the port and security.protocol (a TLS or SASL listener does not answer a client that skips its handshake; ${MSK_PORTS_HINT}), and any proxy or port-forward in between`,
      retriable: true,
    };
  }

  const unresolvable = has((e) => e.code === 'ENOTFOUND' || e.code === 'EAI_AGAIN' || /getaddrinfo/i.test(msg(e)));
  if (unresolvable) {
    return {
      kind: 'unreachable',
      message: `Cannot reach ${broker}: the host name does not resolve`,
      fix: 'check the host name; MSK broker names resolve only inside their VPC (or with public access turned on)',
      retriable: true,
    };
  }

  const unreachable = has((e) => e.name === 'KafkaJSConnectionError' || e.name === 'KafkaJSConnectionClosedError'
    || e.name === 'KafkaJSRequestTimeoutError' || UNREACHABLE_CODES.has(e.code ?? '') || /connection timeout|ECONNREFUSED|ETIMEDOUT/i.test(msg(e)));
  if (unreachable) {
    const refused = has((e) => e.code === 'ECONNREFUSED' || /ECONNREFUSED/.test(msg(e)));
    return {
      kind: 'unreachable',
      message: `Cannot reach ${broker}: ${refused ? 'connection refused' : msg(unreachable).replace(/^Connection error: /, '') || 'connection failed'}`,
      fix: 'check the host and port, and that the network allows it (VPN, security groups, firewall); '
        + 'MSK brokers are reachable from outside their VPC only with public access (ports 9194/9196/9198)',
      retriable: true,
    };
  }

  const top = chain[0];
  const innermost = chain[chain.length - 1];
  const message = top ? msg(top) || String(err) : String(err);
  const detail = innermost && innermost !== top && msg(innermost) && !message.includes(msg(innermost)) ? `: ${msg(innermost)}` : '';
  return { kind: 'other', message: `${message}${detail}`, fix: 'see the broker logs for details', retriable: top?.retriable === true };
}
