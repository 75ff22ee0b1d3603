import type { ThrottleCount, ThrottleStore } from '../store/throttle';

/** Login throttling: how many failures are free, and the longest lockout. */
export interface ThrottlePolicy {
  /** Failures (per name, and per address) before each further attempt must wait. */
  readonly freeFailures: number;
  /** The first wait; it doubles with each further failure. */
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** A key's failures are forgotten this long after its last one. */
  readonly forgetAfterMs: number;
  /** Most keys remembered: the oldest are forgotten first, so a spray of names cannot grow the table. */
  readonly maxKeys: number;
}

/** Five free tries, then 1 s doubling to 15 min; forgotten after an hour of quiet. */
export const DEFAULT_THROTTLE: ThrottlePolicy = {
  freeFailures: 5,
  baseDelayMs: 1000,
  maxDelayMs: 15 * 60_000,
  forgetAfterMs: 60 * 60_000,
  maxKeys: 10_000,
};

/** Throttles sign-in attempts by key (the name tried, the client's address). */
export interface LoginThrottle {
  /** Milliseconds until `keys` may try again (0: now). */
  waitMs(keys: ReadonlyArray<string>, now: number): Promise<number>;
  fail(keys: ReadonlyArray<string>, now: number): Promise<void>;
  succeed(keys: ReadonlyArray<string>): Promise<void>;
}

/** How long a key with these counts must still wait at `now` (0: it may try). */
export function throttleWaitMs(policy: ThrottlePolicy, count: ThrottleCount | undefined, now: number): number {
  if (count === undefined || count.failures < policy.freeFailures) return 0;
  const delay = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (count.failures - policy.freeFailures));
  return Math.max(0, count.lastAt + delay - now);
}

/**
 * A throttle whose counters live in the store (migration 8): every hub on one database reads and counts the
 * same rows, so a brute force spread over the team's hubs is throttled as if it hit one.
 */
export function createLoginThrottle(store: ThrottleStore, policy: ThrottlePolicy = DEFAULT_THROTTLE): LoginThrottle {
  const since = (now: number): number => now - policy.forgetAfterMs;
  return {
    async waitMs(keys, now) {
      const counts = await store.throttleCounts(keys, since(now));
      return Math.max(0, ...counts.map((c) => throttleWaitMs(policy, c, now)));
    },
    fail: (keys, now) => store.recordThrottleFailure(keys, now, since(now), policy.maxKeys),
    succeed: (keys) => store.clearThrottle(keys),
  };
}
