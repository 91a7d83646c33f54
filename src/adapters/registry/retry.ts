import { SpecmeshError } from '../../core/errors.js';

export interface RetryOptions {
  /** Further attempts after the first; default 4. */
  retries?: number;
  /** First backoff; doubled each time, with jitter; default 200 ms. */
  baseMs?: number;
  maxMs?: number;
  /** Waits more when the server asks (e.g. from Retry-After), in ms. */
  waitHint?: (err: unknown) => number | undefined;
  /** No attempt starts after this time (ms since the epoch): the last error is thrown instead. */
  deadline?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Runs `fn` again after errors marked retriable, with exponential backoff (and jitter), while
 * attempts remain and the deadline allows; other errors fail at once. `fn` learns whether it is
 * the last attempt.
 */
export async function withRetry<T>(fn: (attempt: { index: number; last: boolean }) => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const retries = options.retries ?? 4;
  const base = options.baseMs ?? 200;
  const max = options.maxMs ?? 5_000;
  const sleep = options.sleep ?? defaultSleep;
  const now = options.now ?? Date.now;
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn({ index: attempt, last: attempt >= retries });
    } catch (e) {
      const retriable = e instanceof SpecmeshError && e.retriable;
      if (!retriable || attempt >= retries) throw e;
      const backoff = Math.min(max, base * 2 ** attempt) * (0.5 + Math.random() / 2);
      const wait = Math.min(max, Math.max(backoff, options.waitHint?.(e) ?? 0));
      if (options.deadline !== undefined && now() + wait >= options.deadline) throw e;
      await sleep(wait);
    }
  }
}
