// MSK's rules for a secret it is asked to associate, checked the way MSK checks them: against the
// secret and its key as Secrets Manager and KMS (here: moto) describe them. Each refusal is an
// UnprocessedScramSecret with MSK's error code. Messages marked (seen) are MSK's own words as
// reported by its users; the others are worded after them (MSK documents the rule, not the text).
import { DescribeKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { DescribeSecretCommand, GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

export interface Refusal {
  errorCode: string;
  errorMessage: string;
}

export const MSK_ERRORS = {
  /** (seen) */
  prefix: { errorCode: 'InvalidSecretArn', errorMessage: "The provided secret arn cannot be used with Amazon MSK. Secret names must have the prefix 'AmazonMSK_'" },
  /** (seen) */
  noAccess: { errorCode: 'InvalidSecretArn', errorMessage: "Amazon MSK wasn't able to access the provided secret." },
  malformedArn: { errorCode: 'InvalidSecretArn', errorMessage: 'The provided secret arn is not a valid Secrets Manager secret ARN.' },
  otherAccountOrRegion: { errorCode: 'InvalidSecretArn', errorMessage: 'The provided secret must be in the same AWS account and Region as the cluster.' },
  defaultKey: { errorCode: 'InvalidSecretArn', errorMessage: 'The provided secret is encrypted with the default AWS KMS key. Amazon MSK requires a customer managed key.' },
  badValue: { errorCode: 'InvalidSecretArn', errorMessage: 'The provided secret does not contain sign-in credentials in the format {"username": "…", "password": "…"}.' },
  notAssociated: { errorCode: 'InvalidSecretArn', errorMessage: 'The provided secret is not associated with the cluster.' },
  tooMany: { errorCode: 'LimitExceeded', errorMessage: 'The cluster already has the maximum number of SCRAM secrets associated (1000).' },
} satisfies Record<string, Refusal>;

export interface SecretArnParts {
  partition: string;
  region: string;
  account: string;
  /** The name with Secrets Manager's `-XXXXXX` suffix. */
  nameWithSuffix: string;
}

export function parseSecretArn(arn: string): SecretArnParts | undefined {
  const m = /^arn:(aws[a-z-]*):secretsmanager:([a-z0-9-]+):(\d{12}):secret:(.+)$/.exec(arn);
  return m ? { partition: m[1]!, region: m[2]!, account: m[3]!, nameWithSuffix: m[4]! } : undefined;
}

export interface AcceptedSecret {
  arn: string;
  name: string;
  username: string;
  password: string;
}

/**
 * Checks one secret for a cluster in `region`/`account`: the ARN, MSK's prefix, same account and
 * region, that MSK can read it, a customer-managed key, and the `{"username","password"}` value.
 */
export async function checkSecretForMsk(
  arn: string,
  cluster: { region: string; account: string },
  aws: { secrets: SecretsManagerClient; kms: KMSClient },
): Promise<AcceptedSecret | Refusal> {
  const parts = parseSecretArn(arn);
  if (!parts) return MSK_ERRORS.malformedArn;
  if (!parts.nameWithSuffix.startsWith('AmazonMSK_')) return MSK_ERRORS.prefix;
  if (parts.region !== cluster.region || parts.account !== cluster.account) return MSK_ERRORS.otherAccountOrRegion;
  let described;
  try {
    described = await aws.secrets.send(new DescribeSecretCommand({ SecretId: arn }));
  } catch {
    return MSK_ERRORS.noAccess;
  }
  if (described.DeletedDate || !described.Name) return MSK_ERRORS.noAccess;
  if (!described.Name.startsWith('AmazonMSK_')) return MSK_ERRORS.prefix;
  if (!described.KmsKeyId) return MSK_ERRORS.defaultKey;
  let key;
  try {
    key = (await aws.kms.send(new DescribeKeyCommand({ KeyId: described.KmsKeyId }))).KeyMetadata;
  } catch {
    return MSK_ERRORS.noAccess;
  }
  if (!key || key.KeyManager !== 'CUSTOMER') return MSK_ERRORS.defaultKey;
  if (key.KeyState !== 'Enabled') return MSK_ERRORS.noAccess;
  let value: string | undefined;
  try {
    value = (await aws.secrets.send(new GetSecretValueCommand({ SecretId: arn }))).SecretString;
  } catch {
    return MSK_ERRORS.noAccess;
  }
  const creds = parseCredentials(value);
  if (!creds) return MSK_ERRORS.badValue;
  return { arn: described.ARN ?? arn, name: described.Name, ...creds };
}

export function parseCredentials(value: string | undefined): { username: string; password: string } | undefined {
  try {
    const v = JSON.parse(value ?? '') as { username?: unknown; password?: unknown };
    return typeof v.username === 'string' && v.username && typeof v.password === 'string' && v.password ? { username: v.username, password: v.password } : undefined;
  } catch {
    return undefined;
  }
}

export const isRefusal = (r: AcceptedSecret | Refusal): r is Refusal => 'errorCode' in r;
