// MSK's rules for SCRAM secrets, in one place for the MSK emulator (msk-emulator*.ts, against moto)
// and the unit tests' FakeMsk (test/unit/scram/fakes.ts, against in-memory fakes): how a call is
// refused as a whole (400 BadRequestException), and how each secret of a batch is checked the way
// MSK checks it, against the secret and its key as Secrets Manager and KMS describe them. Each
// refusal of a secret is an UnprocessedScramSecret with MSK's error code. Messages marked (seen)
// are MSK's own words as reported by its users; the others are worded after them (MSK documents
// the rule, not the text). Pure: whoever calls it reads the secrets and keys (MskSecretReader).

export interface Refusal {
  errorCode: string;
  errorMessage: string;
}

/** MSK's limits for SASL/SCRAM. */
export const MSK_MAX_PER_CALL = 10;
export const MSK_MAX_USERS = 1000;

export const MSK_ERRORS = {
  /** (seen) */
  prefix: { errorCode: 'InvalidSecretArn', errorMessage: "The provided secret arn cannot be used with Amazon MSK. Secret names must have the prefix 'AmazonMSK_'" },
  /** (seen) */
  noAccess: { errorCode: 'InvalidSecretArn', errorMessage: "Amazon MSK wasn't able to access the provided secret." },
  malformedArn: { errorCode: 'InvalidSecretArn', errorMessage: 'The provided secret arn is not a valid Secrets Manager secret ARN.' },
  otherAccountOrRegion: { errorCode: 'InvalidSecretArn', errorMessage: 'The provided secret must be in the same AWS account and Region as the cluster.' },
  defaultKey: { errorCode: 'InvalidSecretArn', errorMessage: 'The provided secret is encrypted with the default AWS KMS key. Amazon MSK requires a customer managed key.' },
  notSymmetric: { errorCode: 'InvalidSecretArn', errorMessage: 'The provided secret is encrypted with a KMS key that is not a symmetric encryption key. Amazon MSK requires a symmetric customer managed key.' },
  badValue: { errorCode: 'InvalidSecretArn', errorMessage: 'The provided secret does not contain sign-in credentials in the format {"username": "…", "password": "…"}.' },
  notAssociated: { errorCode: 'InvalidSecretArn', errorMessage: 'The provided secret is not associated with the cluster.' },
  tooMany: { errorCode: 'LimitExceeded', errorMessage: `The cluster already has the maximum number of SCRAM secrets associated (${MSK_MAX_USERS}).` },
} satisfies Record<string, Refusal>;

/** A call MSK refuses as a whole: HTTP 400 with this error type. */
export interface CallRefusal {
  status: 400;
  type: 'BadRequestException';
  message: string;
  invalidParameter?: string;
}

/** MSK Serverless authenticates with IAM only: its clusters have no SCRAM secrets to list, associate or disassociate. */
export const SERVERLESS_REFUSAL: CallRefusal = { status: 400, type: 'BadRequestException', message: 'This operation cannot be performed on serverless clusters.' };

/** The cluster facts the rules depend on. */
export interface ClusterFacts {
  region: string;
  account: string;
  scram: boolean;
  serverless: boolean;
}

/**
 * Why MSK refuses a SCRAM-secret call as a whole (before looking at any secret), or undefined:
 * serverless clusters (IAM only), a list that is not 1 to 10 ARNs, SASL/SCRAM off.
 */
export function scramCallRefusal(cluster: Pick<ClusterFacts, 'scram' | 'serverless'>, op: 'list' | 'associate' | 'disassociate', secretArnList?: unknown): CallRefusal | undefined {
  if (cluster.serverless) return SERVERLESS_REFUSAL;
  if (op === 'list') return undefined;
  if (!Array.isArray(secretArnList) || secretArnList.length === 0 || !secretArnList.every((x) => typeof x === 'string')) {
    return { status: 400, type: 'BadRequestException', message: 'secretArnList must be a non-empty list of secret ARNs.', invalidParameter: 'secretArnList' };
  }
  if (secretArnList.length > MSK_MAX_PER_CALL) {
    return { status: 400, type: 'BadRequestException', message: `You can associate or disassociate at most ${MSK_MAX_PER_CALL} secrets at a time (got ${secretArnList.length}).`, invalidParameter: 'secretArnList' };
  }
  if (!cluster.scram) return { status: 400, type: 'BadRequestException', message: 'SASL/SCRAM authentication is not enabled for this cluster.', invalidParameter: 'clusterArn' };
  return undefined;
}

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

/** What Secrets Manager says about a secret. */
export interface SecretFacts {
  arn: string;
  name: string;
  kmsKeyId?: string;
  deleted: boolean;
}

/** What KMS says about a key (DescribeKey's KeyMetadata). */
export interface KeyFacts {
  keyManager?: string;
  keySpec?: string;
  keyUsage?: string;
  keyState?: string;
}

/** How MSK reads secrets and keys. Each answers undefined when MSK cannot read it (missing, or denied). */
export interface MskSecretReader {
  describeSecret(arn: string): Promise<SecretFacts | undefined>;
  describeKey(keyId: string): Promise<KeyFacts | undefined>;
  secretValue(arn: string): Promise<string | undefined>;
}

export interface AcceptedSecret {
  arn: string;
  name: string;
  username: string;
  password: string;
}

/**
 * Checks one secret for a cluster in `region`/`account`, in MSK's order: the ARN, MSK's prefix,
 * same account and region, that MSK can read it, a customer-managed symmetric encryption key
 * (SYMMETRIC_DEFAULT, ENCRYPT_DECRYPT) that is enabled, and the `{"username","password"}` value.
 */
export async function checkSecretForMsk(arn: string, cluster: Pick<ClusterFacts, 'region' | 'account'>, read: MskSecretReader): Promise<AcceptedSecret | Refusal> {
  const parts = parseSecretArn(arn);
  if (!parts) return MSK_ERRORS.malformedArn;
  if (!parts.nameWithSuffix.startsWith('AmazonMSK_')) return MSK_ERRORS.prefix;
  if (parts.region !== cluster.region || parts.account !== cluster.account) return MSK_ERRORS.otherAccountOrRegion;
  const secret = await read.describeSecret(arn);
  if (!secret || secret.deleted || !secret.name) return MSK_ERRORS.noAccess;
  if (!secret.name.startsWith('AmazonMSK_')) return MSK_ERRORS.prefix;
  if (!secret.kmsKeyId) return MSK_ERRORS.defaultKey;
  const key = await read.describeKey(secret.kmsKeyId);
  if (!key) return MSK_ERRORS.noAccess;
  if (key.keyManager !== 'CUSTOMER') return MSK_ERRORS.defaultKey;
  if (key.keySpec !== 'SYMMETRIC_DEFAULT' || key.keyUsage !== 'ENCRYPT_DECRYPT') return MSK_ERRORS.notSymmetric;
  if (key.keyState !== 'Enabled') return MSK_ERRORS.noAccess;
  const creds = parseCredentials(await read.secretValue(arn));
  if (!creds) return MSK_ERRORS.badValue;
  return { arn: secret.arn || arn, name: secret.name, ...creds };
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

export interface Unprocessed {
  arn: string;
  refusal: Refusal;
}

/**
 * Sorts a BatchAssociateScramSecret list as MSK does: secrets already associated (or listed twice)
 * need nothing, each other one is checked, and accepted ones count towards the 1,000 users a
 * cluster may have (`associatedCount` now).
 */
export async function sortAssociations(
  arns: readonly string[],
  cluster: Pick<ClusterFacts, 'region' | 'account'> & { associatedCount: number; isAssociated(arn: string): boolean },
  read: MskSecretReader,
): Promise<{ accepted: AcceptedSecret[]; unprocessed: Unprocessed[] }> {
  const accepted: AcceptedSecret[] = [];
  const unprocessed: Unprocessed[] = [];
  const seen = new Set<string>();
  for (const arn of arns) {
    if (cluster.isAssociated(arn) || seen.has(arn)) continue;
    seen.add(arn);
    const r = await checkSecretForMsk(arn, cluster, read);
    if (isRefusal(r)) unprocessed.push({ arn, refusal: r });
    else if (cluster.associatedCount + accepted.length >= MSK_MAX_USERS) unprocessed.push({ arn, refusal: MSK_ERRORS.tooMany });
    else accepted.push({ ...r, arn }); // MSK keeps the ARN it was given
  }
  return { accepted, unprocessed };
}

/** Sorts a BatchDisassociateScramSecret list: associated secrets go, any other is refused. */
export function sortDisassociations(arns: readonly string[], isAssociated: (arn: string) => boolean): { gone: string[]; unprocessed: Unprocessed[] } {
  const gone = [...new Set(arns.filter(isAssociated))];
  return { gone, unprocessed: arns.filter((a) => !isAssociated(a)).map((arn) => ({ arn, refusal: MSK_ERRORS.notAssociated })) };
}
