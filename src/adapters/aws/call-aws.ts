import { classifyAwsError, type AwsCallSite } from '../../aws/classify-aws-error.js';

/** Runs one SDK call; a failure comes out classified (an AwsError naming the action and the fix). */
export async function callAws<T>(site: AwsCallSite, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    throw classifyAwsError(e, site);
  }
}

/** Like {@link callAws}, but "no such resource" (by error name) is `undefined` instead of an error. */
export async function callAwsOrMissing<T>(site: AwsCallSite, missing: readonly string[], fn: () => Promise<T>): Promise<T | undefined> {
  try {
    return await fn();
  } catch (e) {
    if (missing.includes((e as { name?: string }).name ?? '')) return undefined;
    throw classifyAwsError(e, site);
  }
}
