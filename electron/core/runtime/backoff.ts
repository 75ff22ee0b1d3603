import { backoffDelay, type BackoffPolicy } from '../../../shared/backoff';
export type { BackoffPolicy } from '../../../shared/backoff';

/** The poller's retry backoff for transient failures: full jitter (uniform from 0), from the shared module. */
export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 5_000, capMs: 5 * 60_000 };

/**
 * The delay before retrying a transient failure (`attempt` 0 for the first retry): the shared jittered backoff
 * (default: within 5 s, doubling, never more than 5 minutes), but never sooner than the API's Retry-After.
 */
export function transientDelay(
  attempt: number,
  random: () => number,
  retryAfterMs?: number,
  policy: BackoffPolicy = DEFAULT_BACKOFF,
): number {
  const jittered = backoffDelay(attempt, random, policy);
  return retryAfterMs === undefined ? jittered : Math.max(retryAfterMs, jittered);
}

/** The shortest waits after a 429, whatever reset time the API claims. */
export interface RateLimitPolicy {
  /** The wait after a first 429 whose reset is already past (or missing): never less than this. */
  readonly floorMs: number;
  /** The floor doubles with each consecutive 429, up to this. */
  readonly capMs: number;
}

/** Defaults: at least 5 s after a 429, doubling per consecutive 429, at most 5 minutes (when the API gives no later reset). */
export const DEFAULT_RATE_LIMIT: RateLimitPolicy = { floorMs: 5_000, capMs: 5 * 60_000 };

/**
 * When to retry after the `streak`-th consecutive 429 (1 for the first): at the API's reset, but never sooner
 * than the floor for this streak. A reset already past (clock skew, a stale header) cannot cause a hot loop.
 */
export function rateLimitedUntil(
  streak: number,
  until: number,
  now: number,
  policy: RateLimitPolicy = DEFAULT_RATE_LIMIT,
): number {
  const floor = Math.min(policy.capMs, policy.floorMs * 2 ** Math.min(Math.max(streak - 1, 0), 30));
  return Math.max(until, now + floor);
}
