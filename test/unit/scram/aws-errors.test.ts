import { describe, expect, it } from 'vitest';
import { awsClientConfig } from '../../../src/adapters/aws/aws-options.js';
import { AwsError } from '../../../src/aws/aws-error.js';
import { classifyAwsError } from '../../../src/aws/classify-aws-error.js';
import { generatePassword, parseSecretValue, redact, secretValue } from '../../../src/scram/password.js';

const sdkError = (name: string, message: string, extra: object = {}) => Object.assign(new Error(message), { name, $metadata: { httpStatusCode: 400 }, ...extra });

describe('AWS errors become messages that name the fix', () => {
  it('AccessDenied names the missing permission and the resource', () => {
    const e = classifyAwsError(sdkError('AccessDeniedException', 'User: arn:aws:iam::1:user/ci is not authorized to perform: kms:DescribeKey'), { action: 'kms:DescribeKey', resource: 'arn:aws:kms:eu-west-1:1:key/k' });
    expect(e).toBeInstanceOf(AwsError);
    expect(e.message).toBe('AWS denied kms:DescribeKey on arn:aws:kms:eu-west-1:1:key/k: User: arn:aws:iam::1:user/ci is not authorized to perform: kms:DescribeKey');
    expect(e.fix).toMatch(/^Grant kms:DescribeKey on arn:aws:kms:eu-west-1:1:key\/k to the identity specmesh runs as/);
    expect(e.code).toBe('AccessDeniedException');
  });

  it('a KMS refusal behind Secrets Manager points at the key', () => {
    const e = classifyAwsError(sdkError('AccessDeniedException', 'Access to KMS is not allowed'), { action: 'secretsmanager:CreateSecret', resource: 'AmazonMSK_x', alsoNeeds: ['kms:GenerateDataKey', 'kms:Decrypt'] });
    expect(e.fix).toMatch(/may not use the KMS key: allow kms:GenerateDataKey, kms:Decrypt on it \(in its IAM policy and in the key policy\)/);
  });

  it('MSK\'s 403 ForbiddenException counts as a denial too', () => {
    expect(classifyAwsError(sdkError('ForbiddenException', 'nope'), { action: 'kafka:ListScramSecrets', resource: 'c' }).fix).toMatch(/Grant kafka:ListScramSecrets/);
  });

  it('separates bad, expired and missing credentials', () => {
    expect(classifyAwsError(sdkError('UnrecognizedClientException', 'The security token included in the request is invalid.'), { action: 'kms:DescribeKey' }).fix).toMatch(/sts get-caller-identity/);
    expect(classifyAwsError(sdkError('ExpiredTokenException', 'expired'), { action: 'kms:DescribeKey' })).toMatchObject({ retriable: true, fix: expect.stringMatching(/sso login/) });
    expect(classifyAwsError(Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' }), { action: 'kms:DescribeKey' }))
      .toMatchObject({ code: 'CredentialsError', fix: expect.stringMatching(/--aws-profile/) });
  });

  it('says throttling outlasted the retries', () => {
    const e = classifyAwsError(sdkError('ThrottlingException', 'Rate exceeded', { $metadata: { httpStatusCode: 400, attempts: 8 } }), { action: 'secretsmanager:DescribeSecret', resource: 's' });
    expect(e.message).toBe('AWS kept throttling secretsmanager:DescribeSecret on s after 8 attempts: Rate exceeded');
    expect(e.retriable).toBe(true);
  });

  it('names the endpoint nothing answers on', () => {
    const e = classifyAwsError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }), { action: 'kms:DescribeKey', endpoint: 'http://127.0.0.1:1' });
    expect(e).toMatchObject({ code: 'NetworkError', message: 'Cannot reach AWS at http://127.0.0.1:1 for kms:DescribeKey (ECONNREFUSED)', fix: expect.stringMatching(/--aws-endpoint/) });
  });

  it('keeps the service message otherwise, and marks 5xx retriable', () => {
    const e = classifyAwsError(sdkError('InternalServiceError', 'boom', { $metadata: { httpStatusCode: 500 } }), { action: 'secretsmanager:CreateSecret', resource: 'n' });
    expect(e).toMatchObject({ message: 'secretsmanager:CreateSecret on n failed: InternalServiceError: boom', retriable: true });
  });
});

describe('AWS client config', () => {
  it('retries adaptively with backoff, 8 attempts by default', () => {
    expect(awsClientConfig()).toEqual({ retryMode: 'adaptive', maxAttempts: 8 });
  });

  it('passes region, profile and endpoint through', () => {
    expect(awsClientConfig({ region: 'eu-west-1', profile: 'prod', endpoint: 'http://127.0.0.1:4566', maxAttempts: 3 }))
      .toEqual({ retryMode: 'adaptive', maxAttempts: 3, region: 'eu-west-1', profile: 'prod', endpoint: 'http://127.0.0.1:4566' });
  });
});

describe('passwords', () => {
  it('are 32 CSPRNG bytes, base64url, different every time', () => {
    const all = Array.from({ length: 200 }, generatePassword);
    expect(new Set(all).size).toBe(200);
    for (const p of all) {
      expect(p).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(p, 'base64url')).toHaveLength(32);
    }
  });

  it('round-trip through MSK\'s {"username","password"} value, and malformed values are recognised', () => {
    expect(parseSecretValue(secretValue('u', 'p'))).toEqual({ username: 'u', password: 'p' });
    for (const bad of ['', 'x', '[]', '{"username":"u"}', '{"username":"","password":"p"}', 'null']) expect(parseSecretValue(bad)).toBeUndefined();
  });

  it('are scrubbed from messages', () => {
    expect(redact('value {"password":"s3cr3t"} and s3cr3t', ['s3cr3t'])).toBe('value {"password":"(sensitive)"} and (sensitive)');
  });
});
