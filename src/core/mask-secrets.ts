export const SENSITIVE = '(sensitive)';
const SECRET_KEY = /^(password|secret|secretString|SecretString|sasl\.password|apiSecret)$/i;

/** A deep copy with every secret-bearing field replaced by `(sensitive)`: every rendering goes through it. */
export function maskSecrets<T>(value: T): T {
  return JSON.parse(JSON.stringify(value, (k, v: unknown) => (SECRET_KEY.test(k) && v !== undefined && v !== null ? SENSITIVE : v))) as T;
}
