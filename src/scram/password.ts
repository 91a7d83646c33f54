import { randomBytes } from 'node:crypto';

/** 32 random bytes (256 bits) from the OS CSPRNG. */
export const PASSWORD_BYTES = 32;

/**
 * A new SCRAM password: base64url of {@link PASSWORD_BYTES} CSPRNG bytes (43 characters of
 * [A-Za-z0-9_-]), so it needs no quoting in JAAS configs, client.properties or shells.
 */
export const generatePassword = (): string => randomBytes(PASSWORD_BYTES).toString('base64url');

/** The secret value MSK reads: `{"username","password"}`. */
export const secretValue = (username: string, password: string): string => JSON.stringify({ username, password });

/** Reads a secret value; `undefined` when it is not MSK's `{"username","password"}` shape. */
export function parseSecretValue(value: string): { username: string; password: string } | undefined {
  try {
    const v = JSON.parse(value) as unknown;
    if (typeof v !== 'object' || v === null) return undefined;
    const { username, password } = v as Record<string, unknown>;
    return typeof username === 'string' && typeof password === 'string' && username && password ? { username, password } : undefined;
  } catch {
    return undefined;
  }
}

/** Replaces every occurrence of the given secrets in a message: error texts may echo what was sent. */
export function redact(message: string, secrets: Iterable<string>): string {
  let out = message;
  for (const s of secrets) if (s) out = out.split(s).join('(sensitive)');
  return out;
}
