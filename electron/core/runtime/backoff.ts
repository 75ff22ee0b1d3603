/** Exponential backoff bounds for transient failures. */
export interface BackoffPolicy {
  /** The ceiling of the first retry's delay. */
  readonly baseMs: number;
  /** No retry waits longer than this. */
  readonly capMs: number;
}

/** Defaults: first retry within 5 s, doubling, never more than 5 minutes. */
export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 5_000, capMs: 5 * 60_000 };

/**
 * "Full jitter" (AWS Architecture Blog, Exponential Backoff and Jitter): a uniform delay in
 * [0, min(cap, base · 2^attempt)). `attempt` counts from 0 for the first retry; `random` is in [0, 1).
 */
export function fullJitterDelay(
  attempt: number,
  random: () => number,
  policy: BackoffPolicy = DEFAULT_BACKOFF,
): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.min(attempt, 30));
  return Math.floor(random() * ceiling);
}

/** The delay before retrying a transient failure: the jittered backoff, but never sooner than the API's Retry-After. */
export function transientDelay(
  attempt: number,
  random: () => number,
  retryAfterMs?: number,
  policy: BackoffPolicy = DEFAULT_BACKOFF,
): number {
  const jittered = fullJitterDelay(attempt, random, policy);
  return retryAfterMs === undefined ? jittered : Math.max(retryAfterMs, jittered);
}
