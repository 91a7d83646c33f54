import { mapLimited } from '../../core/map-limited.js';
import type { ItemErrors } from '../../kafka/kafka-admin-port.js';

/**
 * KRaft refuses an operation that would write more than 10,000 metadata records
 * (POLICY_VIOLATION), so no request may carry more than this.
 */
export const MAX_RECORDS_PER_REQUEST = 9_000;

/**
 * Records per request when a batch is split. The controller commits each request on its own;
 * several smaller requests in flight at once keep it busy while the broker encodes and forwards
 * the next, which (measured: `npm run bench provision`) beats a few large requests in sequence.
 */
export const RECORDS_PER_REQUEST = 2_500;

/** Requests of one batch in flight at once. */
export const REQUESTS_IN_FLIGHT = 4;

/** Splits `items` in order into chunks of at most `max` records (an item heavier than `max` goes alone). */
export function chunkByRecords<T>(items: readonly T[], records: (item: T) => number, max = MAX_RECORDS_PER_REQUEST): T[][] {
  const chunks: T[][] = [];
  let current: T[] = [];
  let size = 0;
  for (const item of items) {
    const weight = Math.max(1, records(item));
    if (current.length > 0 && size + weight > max) {
      chunks.push(current);
      current = [];
      size = 0;
    }
    current.push(item);
    size += weight;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

/**
 * Runs `call` over chunks of `items`, at most REQUESTS_IN_FLIGHT at a time, and merges the
 * per-item errors. Each chunk's errors are its own, so one chunk failing does not hide another's.
 */
export async function inChunks<T>(items: readonly T[], records: (item: T) => number, call: (chunk: readonly T[]) => Promise<ItemErrors>,
  options: { recordsPerRequest?: number; inFlight?: number } = {}): Promise<ItemErrors> {
  const chunks = chunkByRecords(items, records, Math.min(options.recordsPerRequest ?? RECORDS_PER_REQUEST, MAX_RECORDS_PER_REQUEST));
  const results = await mapLimited(chunks, options.inFlight ?? REQUESTS_IN_FLIGHT, call);
  const errors: ItemErrors = new Map();
  for (const r of results) for (const [k, v] of r) errors.set(k, v);
  return errors;
}
