/** Login throttling: how many failures are free, and the longest lockout. */
export interface ThrottlePolicy {
  /** Failures (per name, and per address) before each further attempt must wait. */
  readonly freeFailures: number;
  /** The first wait; it doubles with each further failure. */
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** A key's failures are forgotten this long after its last one. */
  readonly forgetAfterMs: number;
  /** Most keys remembered: the oldest are forgotten first, so a spray of names cannot grow memory. */
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

interface Entry {
  failures: number;
  last: number;
}

/** Throttles sign-in attempts by key (the name tried, the client's address). */
export interface LoginThrottle {
  /** Milliseconds until `keys` may try again (0: now). */
  waitMs(keys: ReadonlyArray<string>, now: number): number;
  fail(keys: ReadonlyArray<string>, now: number): void;
  succeed(keys: ReadonlyArray<string>): void;
}

/** An in-memory throttle (per hub process). */
export function createLoginThrottle(policy: ThrottlePolicy = DEFAULT_THROTTLE): LoginThrottle {
  const entries = new Map<string, Entry>();
  const live = (key: string, now: number): Entry | undefined => {
    const e = entries.get(key);
    if (e !== undefined && now - e.last > policy.forgetAfterMs) entries.delete(key);
    return entries.get(key);
  };
  const waitFor = (e: Entry | undefined, now: number): number => {
    if (e === undefined || e.failures < policy.freeFailures) return 0;
    const delay = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (e.failures - policy.freeFailures));
    return Math.max(0, e.last + delay - now);
  };
  return {
    waitMs: (keys, now) => Math.max(0, ...keys.map((k) => waitFor(live(k, now), now))),
    fail(keys, now) {
      for (const key of keys) {
        const e = live(key, now) ?? { failures: 0, last: now };
        entries.delete(key); // re-insert: Map order is recency
        entries.set(key, { failures: e.failures + 1, last: now });
      }
      while (entries.size > policy.maxKeys) entries.delete(entries.keys().next().value as string);
    },
    succeed(keys) {
      for (const key of keys) entries.delete(key);
    },
  };
}
