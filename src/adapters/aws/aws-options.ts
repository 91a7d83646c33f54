import type { KMSClientConfig } from '@aws-sdk/client-kms';

/** How specmesh reaches AWS: the same for every AWS client it opens. */
export interface AwsOptions {
  /** Default: AWS_REGION, else the profile's region (SCRAM always works in the cluster's region). */
  region?: string;
  /** A named profile of ~/.aws/config and ~/.aws/credentials (SSO, assumed roles, credential_process). */
  profile?: string;
  /** Another endpoint for every service (a local emulator in tests, a VPC endpoint, a proxy). */
  endpoint?: string;
  /** Explicit credentials, for library callers; the CLI always uses the default chain or a profile. */
  credentials?: KMSClientConfig['credentials'];
  /** Attempts per call, first one included; default 8. */
  maxAttempts?: number;
}

export const DEFAULT_MAX_ATTEMPTS = 8;

/** What every SDK client constructor of specmesh gets. */
export interface AwsClientConfig {
  region?: string;
  profile?: string;
  endpoint?: string;
  credentials?: KMSClientConfig['credentials'];
  retryMode: 'adaptive';
  maxAttempts: number;
}

/**
 * Client config from options. Without explicit credentials the SDK's default chain runs (env,
 * the profile's SSO/role/process entries, container and instance roles). Retries use the SDK's
 * adaptive mode: exponential backoff with jitter plus a client-side rate limiter that slows down
 * on throttling errors, which a plan over hundreds of secrets needs against per-account quotas.
 */
export function awsClientConfig(options: AwsOptions = {}): AwsClientConfig {
  // The SDK warns, once per process, on Node versions it will drop in a later release (Node 20 in
  // 2027). While specmesh's `engines` still include that version the warning is not its users' to
  // act on, so library callers get the CLI's default; a host that wants it sets the variable to false.
  process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';
  return {
    retryMode: 'adaptive',
    maxAttempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    ...(options.region ? { region: options.region } : {}),
    ...(options.profile ? { profile: options.profile } : {}),
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    ...(options.credentials ? { credentials: options.credentials } : {}),
  };
}
