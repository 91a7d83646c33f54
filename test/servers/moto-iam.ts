// IAM users with chosen policies in moto, for tests of missing permissions: moto checks every
// signed request against the caller's IAM policies once `enforceIam()` is on (Secrets Manager and
// KMS included; resource-level scoping is not modelled: moto checks actions against "*").
// IAM's query API is called directly, before enforcement starts, so no IAM client is needed.
import { MOTO_TEST_CREDENTIALS } from './moto.js';

export interface IamUserCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  arn: string;
}

async function iam(endpoint: string, params: Record<string, string>): Promise<string> {
  const res = await fetch(`${endpoint}/`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      // Unsigned is fine while moto does not enforce IAM; the credential scope names the service.
      authorization: `AWS4-HMAC-SHA256 Credential=${MOTO_TEST_CREDENTIALS.accessKeyId}/20250101/us-east-1/iam/aws4_request, SignedHeaders=host, Signature=0`,
    },
    body: new URLSearchParams({ Version: '2010-05-08', ...params }).toString(),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`IAM ${params.Action} failed: ${res.status} ${text}`);
  return text;
}

const tag = (xml: string, name: string): string => {
  const m = new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml);
  if (!m) throw new Error(`no <${name}> in IAM reply`);
  return m[1]!;
};

/** A user whose only permissions are `statements` (an inline policy), with an access key. */
export async function createIamUser(endpoint: string, name: string, statements: object[]): Promise<IamUserCredentials> {
  const user = await iam(endpoint, { Action: 'CreateUser', UserName: name });
  await iam(endpoint, { Action: 'PutUserPolicy', UserName: name, PolicyName: `${name}-policy`, PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: statements }) });
  const key = await iam(endpoint, { Action: 'CreateAccessKey', UserName: name });
  return { accessKeyId: tag(key, 'AccessKeyId'), secretAccessKey: tag(key, 'SecretAccessKey'), arn: tag(user, 'Arn') };
}

export const allowAll = { Effect: 'Allow', Action: '*', Resource: '*' };
export const deny = (...actions: string[]) => ({ Effect: 'Deny', Action: actions, Resource: '*' });
