import kafkajs, { type Mechanism, type OauthbearerProviderResponse } from 'kafkajs';

const { KafkaJSError } = kafkajs;
// Its type declares no constructor arguments; the class takes a message like every kafkajs error.
const KafkaJSSASLAuthenticationError = kafkajs.KafkaJSSASLAuthenticationError as unknown as new (message: string) => Error;

/** What an MSK IAM token (a base64url SigV4 presigned URL) says about itself; nothing secret. */
export interface MskIamTokenInfo {
  accessKeyId?: string;
  /** The region of the credential scope: the cluster's region, when all is well. */
  region?: string;
  /** When it was signed (X-Amz-Date), in ms since the epoch. */
  signedAt?: number;
  /** signedAt + X-Amz-Expires. */
  expiresAt?: number;
  /** Whether it carries a session token (temporary credentials). */
  temporary?: boolean;
}

/** Reads a token's public fields; an unreadable token gives an empty object. */
export function describeMskIamToken(token: string): MskIamTokenInfo {
  let url: URL;
  try {
    url = new URL(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    return {};
  }
  const q = url.searchParams;
  const [accessKeyId, , region] = (q.get('X-Amz-Credential') ?? '').split('/');
  const date = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(q.get('X-Amz-Date') ?? '');
  const signedAt = date ? Date.UTC(+date[1]!, +date[2]! - 1, +date[3]!, +date[4]!, +date[5]!, +date[6]!) : undefined;
  const expires = Number(q.get('X-Amz-Expires'));
  return {
    ...(accessKeyId ? { accessKeyId } : {}),
    ...(region ? { region } : {}),
    ...(signedAt !== undefined ? { signedAt } : {}),
    ...(signedAt !== undefined && Number.isFinite(expires) ? { expiresAt: signedAt + expires * 1000 } : {}),
    temporary: q.has('X-Amz-Security-Token'),
  };
}

/** The OAUTHBEARER client's first message (RFC 7628), as Kafka's SaslAuthenticate carries it: length-prefixed. */
function initialResponse(token: string): Buffer {
  const message = Buffer.from(`n,,\x01auth=Bearer ${token}\x01\x01`, 'utf8');
  const bytes = Buffer.alloc(4 + message.length);
  bytes.writeInt32BE(message.length, 0);
  message.copy(bytes, 4);
  return bytes;
}

/**
 * SASL/OAUTHBEARER with MSK IAM tokens, as kafkajs's own OAUTHBEARER does it, but MSK's refusals
 * are told apart: "Too many connects" (MSK IAM takes about 20 new connections per second per
 * broker) becomes a retriable error, so kafkajs retries the connection after its backoff (at least
 * a second for IAM connections) instead of failing the command; any other refusal keeps the token's
 * public fields (`mskIamToken`) for the error message, since MSK itself says only "Access denied".
 */
export function mskIamMechanism(provider: () => Promise<OauthbearerProviderResponse>): Mechanism {
  return {
    mechanism: 'oauthbearer',
    authenticationProvider: ({ host, port, logger, saslAuthenticate }) => ({
      async authenticate() {
        const { value } = await provider();
        try {
          await saslAuthenticate({ request: { encode: () => initialResponse(value) } });
        } catch (e) {
          const reason = e instanceof Error ? e.message : String(e);
          if (/too many connects/i.test(reason)) {
            logger.warn('MSK refused a new connection: Too many connects', { broker: `${host}:${port}` });
            throw new KafkaJSError(`SASL OAUTHBEARER authentication failed: ${reason}`, { retriable: true });
          }
          throw Object.assign(new KafkaJSSASLAuthenticationError(`SASL OAUTHBEARER authentication failed: ${reason}`), { mskIamToken: describeMskIamToken(value) });
        }
      },
    }),
  };
}
