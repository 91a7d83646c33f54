import { beforeEach, describe, expect, it, vi } from 'vitest';

const signer = vi.hoisted(() => ({
  generateAuthToken: vi.fn(async () => ({ token: 'default', expiryTime: 1 })),
  generateAuthTokenFromProfile: vi.fn(async () => ({ token: 'profile', expiryTime: 1 })),
  generateAuthTokenFromRole: vi.fn(async () => ({ token: 'role', expiryTime: 1 })),
}));
vi.mock('aws-msk-iam-sasl-signer-js', () => signer);

const { signWithAwsSdk } = await import('../../../src/adapters/kafka/connection/index.js');

describe('signWithAwsSdk', () => {
  beforeEach(() => vi.clearAllMocks());

  it('uses the default credential chain', async () => {
    expect(await signWithAwsSdk({ region: 'us-east-1', credentials: { kind: 'default' } })).toEqual({ token: 'default', expiryTime: 1 });
    expect(signer.generateAuthToken).toHaveBeenCalledWith({ region: 'us-east-1' });
  });

  it('calls the profile function for a profile, since generateAuthToken ignores awsProfileName', async () => {
    await signWithAwsSdk({ region: 'eu-west-1', credentials: { kind: 'profile', profile: 'dev' } });
    expect(signer.generateAuthTokenFromProfile).toHaveBeenCalledWith({ region: 'eu-west-1', awsProfileName: 'dev' });
    expect(signer.generateAuthToken).not.toHaveBeenCalled();
  });

  it('calls the role function with the session name when given', async () => {
    await signWithAwsSdk({ region: 'eu-west-1', credentials: { kind: 'role', roleArn: 'arn:aws:iam::1:role/r', sessionName: 's' } });
    await signWithAwsSdk({ region: 'eu-west-1', credentials: { kind: 'role', roleArn: 'arn:aws:iam::1:role/r' } });
    expect(signer.generateAuthTokenFromRole.mock.calls).toEqual([
      [{ region: 'eu-west-1', awsRoleArn: 'arn:aws:iam::1:role/r', awsRoleSessionName: 's' }],
      [{ region: 'eu-west-1', awsRoleArn: 'arn:aws:iam::1:role/r' }],
    ]);
  });
});
