import { describe, expect, it } from 'vitest';
import { ConnectionConfigError, parseJaasConfig } from '../../../src/adapters/kafka/connection/index.js';

const errorOf = (value: string): ConnectionConfigError => {
  try {
    parseJaasConfig(value);
  } catch (e) {
    if (e instanceof ConnectionConfigError) return e;
    throw e;
  }
  throw new Error('expected an error');
};

describe('parseJaasConfig', () => {
  it('reads a ScramLoginModule with quoted username and password', () => {
    expect(parseJaasConfig('org.apache.kafka.common.security.scram.ScramLoginModule required username="alice" password="pw";')).toEqual({
      loginModule: 'org.apache.kafka.common.security.scram.ScramLoginModule',
      controlFlag: 'required',
      options: { username: 'alice', password: 'pw' },
    });
  });

  it('unescapes escaped quotes and backslashes inside quoted values', () => {
    const { options } = parseJaasConfig(String.raw`M required password="a\"b\\c;d=e" other='x"y';`);
    expect(options).toEqual({ password: 'a"b\\c;d=e', other: 'x"y' });
  });

  it('reads unquoted values and several options, with spaces around =', () => {
    const { loginModule, options } = parseJaasConfig(
      'software.amazon.msk.auth.iam.IAMLoginModule required awsProfileName = dev awsRoleArn=arn:aws:iam::123456789012:role/x awsRoleSessionName="s";');
    expect(loginModule).toBe('software.amazon.msk.auth.iam.IAMLoginModule');
    expect(options).toEqual({ awsProfileName: 'dev', awsRoleArn: 'arn:aws:iam::123456789012:role/x', awsRoleSessionName: 's' });
  });

  it('reads a module with no options', () => {
    expect(parseJaasConfig('software.amazon.msk.auth.iam.IAMLoginModule required;').options).toEqual({});
  });

  it('accepts a missing trailing semicolon', () => {
    expect(parseJaasConfig('M required username="a" password="b"').options).toEqual({ username: 'a', password: 'b' });
  });

  it('accepts any control flag, case-insensitively, and newlines between tokens', () => {
    expect(parseJaasConfig('M\n  OPTIONAL\n  a="1";').controlFlag).toBe('optional');
  });

  it('skips Java-style comments', () => {
    expect(parseJaasConfig('M required /* note */ a="1" // trailing\n;').options).toEqual({ a: '1' });
  });

  it('keeps an option named __proto__ as a plain key', () => {
    const { options } = parseJaasConfig('M required __proto__="x";');
    expect(Object.keys(options)).toEqual(['__proto__']);
  });

  it('rejects a missing control flag', () => {
    expect(errorOf('M username="a";').message).toMatch(/control flag/);
  });

  it('rejects an option without a value, naming the key but not any value', () => {
    const err = errorOf('M required username="alice" password=;');
    expect(err.message).toContain("'password'");
    expect(err.message).not.toContain('alice');
    expect(err.fix).toMatch(/required key="value"/);
  });

  it('rejects an unterminated quote without echoing the secret', () => {
    const err = errorOf('M required password="hunter2');
    expect(err.message).toMatch(/unterminated/);
    expect(err.message).not.toContain('hunter2');
  });

  it('rejects two login modules', () => {
    expect(errorOf('A required; B required;').message).toMatch(/more than one login module/);
  });

  it('rejects an empty value', () => {
    expect(errorOf('   ').message).toMatch(/login module/);
  });
});
