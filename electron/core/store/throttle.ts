/** One key's failed sign-ins ("name:alex", "addr:10.0.0.9"). */
export interface ThrottleCount {
  readonly key: string;
  readonly failures: number;
  /** Epoch ms of the latest failure. */
  readonly lastAt: number;
}

/**
 * The login throttle's counters (migration 8), kept in the store so that every hub on one database throttles
 * together: five wrong tries on hub A make the sixth wait on hub B too.
 */
export interface ThrottleStore {
  /** The counters of these keys whose latest failure is at or after `since` (older ones are forgotten). */
  throttleCounts(keys: ReadonlyArray<string>, since: number): Promise<ThrottleCount[]>;
  /**
   * Counts one failure at `at` on each key, atomically per key (two hubs failing at once both count); a counter
   * last touched before `since` starts again at 1. Then forgets counters older than `since` and all but the
   * newest `maxKeys`, so a spray of names cannot grow the table.
   */
  recordThrottleFailure(keys: ReadonlyArray<string>, at: number, since: number, maxKeys: number): Promise<void>;
  /** Forgets these keys' counters (a right password). */
  clearThrottle(keys: ReadonlyArray<string>): Promise<void>;
}

/** A row of `login_throttle` as either driver returns it (PostgreSQL BIGINTs arrive as strings). */
export interface ThrottleRow {
  readonly key: string;
  readonly failures: number | string;
  readonly last_at: number | string;
}

/** Maps a `login_throttle` row. */
export const toThrottleCount = (row: ThrottleRow): ThrottleCount => ({
  key: row.key,
  failures: Number(row.failures),
  lastAt: Number(row.last_at),
});
