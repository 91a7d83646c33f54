import { AwsError } from './aws-error.js';

/** Where a failed call went: the IAM action (`kms:DescribeKey`) and the resource it named. */
export interface AwsCallSite {
  action: string;
  resource?: string;
  /** The endpoint in use, when not AWS's own (tests, proxies). */
  endpoint?: string;
  /** Further permissions the call needs besides its own action (e.g. KMS use behind Secrets Manager). */
  alsoNeeds?: readonly string[];
}

interface SdkErrorShape {
  name?: string;
  code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number; attempts?: number };
  $retryable?: unknown;
}

const DENIED = new Set(['AccessDenied', 'AccessDeniedException', 'ForbiddenException', 'UnauthorizedException', 'UnauthorizedOperation', 'AuthorizationError', 'KMSAccessDeniedException']);
const BAD_CREDENTIALS = new Set(['UnrecognizedClientException', 'InvalidClientTokenId', 'InvalidSignatureException', 'SignatureDoesNotMatch', 'IncompleteSignature', 'MissingAuthenticationToken']);
const EXPIRED = new Set(['ExpiredToken', 'ExpiredTokenException', 'RequestExpired', 'TokenRefreshRequired']);
const THROTTLED = new Set(['ThrottlingException', 'Throttling', 'TooManyRequestsException', 'RequestLimitExceeded', 'LimitExceededException', 'SlowDown']);
const NETWORK = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'TimeoutError']);

/**
 * Turns an SDK error into an {@link AwsError} whose message names the call and the resource, and
 * whose fix says what to change: the missing IAM permission, the credentials, the network.
 * Service messages are kept (AWS's own text is the most precise), never request parameters.
 */
export function classifyAwsError(e: unknown, site: AwsCallSite): AwsError {
  if (e instanceof AwsError) return e;
  const err = (e ?? {}) as SdkErrorShape;
  const code = err.name && err.name !== 'Error' ? err.name : err.code ?? 'Error';
  const detail = (err.message ?? String(e)).trim();
  const on = site.resource ? ` on ${site.resource}` : '';
  const attempts = err.$metadata?.attempts;
  const base = { code, action: site.action, sdkError: e };

  if (DENIED.has(code) || /not authorized to perform|access to kms is not allowed/i.test(detail)) {
    const needed = [site.action, ...(site.alsoNeeds ?? [])];
    const kms = /kms/i.test(detail) && !site.action.startsWith('kms:');
    return new AwsError(`AWS denied ${site.action}${on}: ${detail}`, {
      ...base,
      fix: kms
        ? `The identity specmesh runs as may not use the KMS key: allow ${needed.filter((a) => a.startsWith('kms:')).join(', ') || 'kms:Decrypt, kms:GenerateDataKey'} on it (in its IAM policy and in the key policy).`
        : `Grant ${needed.join(', ')}${site.resource ? ` on ${site.resource}` : ''} to the identity specmesh runs as (its IAM policy; for KMS keys also the key policy), or run with a profile that has it (--aws-profile).`,
    });
  }
  if (BAD_CREDENTIALS.has(code)) {
    return new AwsError(`AWS rejected the credentials for ${site.action}: ${detail}`, {
      ...base, fix: 'Check AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or the profile (--aws-profile); `aws sts get-caller-identity` shows who you are.',
    });
  }
  if (EXPIRED.has(code)) {
    return new AwsError(`The AWS session expired during ${site.action}: ${detail}`, {
      ...base, retriable: true, fix: 'Refresh the session (e.g. `aws sso login --profile <name>`) and run again.',
    });
  }
  if (code === 'CredentialsProviderError' || /could not load credentials/i.test(detail)) {
    return new AwsError(`No AWS credentials found for ${site.action}`, {
      ...base, code: 'CredentialsError',
      fix: 'Set AWS_PROFILE or pass --aws-profile, export AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or run where a role is attached.',
    });
  }
  if (/region is missing/i.test(detail)) {
    return new AwsError(`No AWS region for ${site.action}`, { ...base, code: 'RegionMissing', fix: 'Pass --aws-region or set AWS_REGION.' });
  }
  if (THROTTLED.has(code) || err.$metadata?.httpStatusCode === 429) {
    return new AwsError(`AWS kept throttling ${site.action}${on}${attempts ? ` after ${attempts} attempts` : ''}: ${detail}`, {
      ...base, retriable: true, fix: 'Run again later, or plan fewer domains per run; raise the service quota if this is routine.',
    });
  }
  const sys = (e as { code?: string; cause?: { code?: string } } | undefined);
  const netCode = [code, sys?.code, sys?.cause?.code].find((c) => c !== undefined && NETWORK.has(c));
  if (netCode) {
    return new AwsError(`Cannot reach AWS${site.endpoint ? ` at ${site.endpoint}` : ''} for ${site.action} (${netCode})`, {
      ...base, code: 'NetworkError', retriable: true,
      fix: site.endpoint ? 'Check --aws-endpoint: nothing answers there.' : 'Check the network, proxy or VPC endpoints to AWS.',
    });
  }
  const status = err.$metadata?.httpStatusCode;
  return new AwsError(`${site.action}${on} failed: ${code}${detail && detail !== code ? `: ${detail}` : ''}`, {
    ...base, retriable: status !== undefined && status >= 500,
  });
}
