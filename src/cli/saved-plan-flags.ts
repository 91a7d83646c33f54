/**
 * The flags a saved plan keeps, to read the same live state again at `provision --plan`: what the
 * plan was computed from, never a connection setting or a secret.
 */
export const SAVED_INPUT_FLAGS = [
  'spec', 'env', 'kafka-variant', 'emitter', 'clean-unspecified', 'principal-map', 'msk-cluster-arn', 'iam-role-template',
  'iam-role-map', 'iam-manage', 'iam-widen-public-reads', 'kms-key-id', 'create-kms-key', 'rotate-secrets', 'delete-secrets',
  'inline-schemas', 'schema-registry-url',
] as const;

export function savedInputs(flags: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(SAVED_INPUT_FLAGS.filter((k) => flags[k] !== undefined).map((k) => [k, flags[k]]));
}
