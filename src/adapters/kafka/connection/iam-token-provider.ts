import type { OauthbearerProviderResponse } from 'kafkajs';
import { MskIamTokenError } from '../../../core/errors.js';

export { MskIamTokenError } from '../../../core/errors.js';
import type { AwsIamSettings } from './resolved-connection.js';

export interface MskIamToken {
  token: string;
  /** Milliseconds since the epoch. */
  expiryTime: number;
}

/** Signs an MSK IAM token; the default calls aws-msk-iam-sasl-signer-js. Tests pass a fake. */
export type MskIamSigner = (aws: AwsIamSettings) => Promise<MskIamToken>;

/**
 * The signer library's `generateAuthToken` accepts profile and role options in its types but
 * ignores them (it always uses the default chain), so each credential source needs its own call.
 * Loaded on first use: it pulls in the AWS SDK, which commands without MSK IAM need not pay for.
 */
export const signWithAwsSdk: MskIamSigner = async ({ region, credentials: c }) => {
  const signer = await import('aws-msk-iam-sasl-signer-js');
  if (c.kind === 'profile') return signer.generateAuthTokenFromProfile({ region, awsProfileName: c.profile });
  if (c.kind === 'role') {
    return signer.generateAuthTokenFromRole({ region, awsRoleArn: c.roleArn, ...(c.sessionName !== undefined && { awsRoleSessionName: c.sessionName }) });
  }
  return signer.generateAuthToken({ region });
};


export interface IamTokenProviderOptions {
  signer?: MskIamSigner;
  /** Refresh this long before the token expires. */
  refreshMarginMs?: number;
  now?: () => number;
}

/**
 * A kafkajs `oauthBearerProvider` for MSK IAM. Tokens are cached until `refreshMarginMs` before
 * they expire, and concurrent calls (one per broker connection) share one signing. A failed
 * signing is not cached, and is thrown as a non-retriable MskIamTokenError so kafkajs does not
 * retry what only new credentials can fix.
 */
export function createIamTokenProvider(aws: AwsIamSettings, options: IamTokenProviderOptions = {}): () => Promise<OauthbearerProviderResponse> {
  const signer = options.signer ?? signWithAwsSdk;
  const margin = options.refreshMarginMs ?? 60_000;
  const now = options.now ?? Date.now;
  let cached: MskIamToken | undefined;
  let pending: Promise<MskIamToken> | undefined;

  return async () => {
    if (cached && now() < cached.expiryTime - margin) return { value: cached.token };
    pending ??= signer(aws).then(
      (token) => {
        pending = undefined;
        // The signer shortens a token to its credentials' lifetime: one already past is of expired credentials.
        if (token.expiryTime <= now()) {
          throw new MskIamTokenError(new Error(`the AWS credentials expired at ${new Date(token.expiryTime).toISOString()}, so no token made with them is accepted`));
        }
        cached = token;
        return token;
      },
      (e: unknown) => {
        pending = undefined;
        throw e instanceof MskIamTokenError ? e : new MskIamTokenError(e);
      },
    );
    return { value: (await pending).token };
  };
}
