/** MSK only associates secrets whose name starts with this (case-sensitive). */
export const MSK_SECRET_PREFIX = 'AmazonMSK_';

export const defaultSecretName = (domain: string): string => `${MSK_SECRET_PREFIX}specmesh_${domain}`;

const SECRET_NAME_CHARS = /^[A-Za-z0-9/_+=.@-]+$/;

/** Why MSK or Secrets Manager would refuse this secret name, with the fix; `undefined` when fine. */
export function secretNameProblem(name: string): { problem: string; fix: string } | undefined {
  if (!name.startsWith(MSK_SECRET_PREFIX)) {
    const lower = name.toLowerCase().startsWith(MSK_SECRET_PREFIX.toLowerCase());
    return {
      problem: `Secret name "${name}" does not start with "${MSK_SECRET_PREFIX}"${lower ? ' (the prefix is case-sensitive)' : ''}: MSK refuses to associate it`,
      fix: `Name it "${MSK_SECRET_PREFIX}${lower ? name.slice(MSK_SECRET_PREFIX.length) : name}" (MSK's required prefix), or leave the name to specmesh (${defaultSecretName('<domain>')}).`,
    };
  }
  if (name.length > 512) {
    return { problem: `Secret name "${name.slice(0, 40)}…" has ${name.length} characters; Secrets Manager allows 512`, fix: 'Use a shorter name.' };
  }
  if (!SECRET_NAME_CHARS.test(name)) {
    return {
      problem: `Secret name "${name}" has characters Secrets Manager does not allow`,
      fix: 'Use only letters, digits and /_+=.@- in secret names.',
    };
  }
  return undefined;
}

/**
 * Secrets Manager appends "-" and six random characters to a secret's ARN; a name that itself ends
 * that way makes partial-ARN lookups ambiguous, so AWS advises against it.
 */
export const endsLikeArnSuffix = (name: string): boolean => /-[A-Za-z0-9]{6}$/.test(name);
