import type Database from 'better-sqlite3';
import { toThrottleCount, type ThrottleRow, type ThrottleStore } from '../throttle';

/** The login throttle's counters (migration 8) on SQLite: one hub per file, so shared by that hub's restarts. */
export function sqliteThrottle(db: Database.Database): ThrottleStore {
  const s = {
    get: db.prepare('SELECT key, failures, last_at FROM login_throttle WHERE key = ? AND last_at >= ?'),
    fail: db.prepare(
      `INSERT INTO login_throttle (key, failures, last_at) VALUES (@key, 1, @at)
       ON CONFLICT (key) DO UPDATE SET
         failures = CASE WHEN login_throttle.last_at < @since THEN 1 ELSE login_throttle.failures + 1 END,
         last_at = @at`,
    ),
    forgetOld: db.prepare('DELETE FROM login_throttle WHERE last_at < ?'),
    forgetOverflow: db.prepare(
      `DELETE FROM login_throttle WHERE key IN
         (SELECT key FROM login_throttle ORDER BY last_at DESC, key LIMIT -1 OFFSET ?)`,
    ),
    clear: db.prepare('DELETE FROM login_throttle WHERE key = ?'),
  };
  const record = db.transaction((keys: ReadonlyArray<string>, at: number, since: number, maxKeys: number) => {
    for (const key of keys) s.fail.run({ key, at, since });
    s.forgetOld.run(since);
    s.forgetOverflow.run(maxKeys);
  });
  return {
    throttleCounts: async (keys, since) =>
      keys.flatMap((key) => {
        const row = s.get.get(key, since) as ThrottleRow | undefined;
        return row ? [toThrottleCount(row)] : [];
      }),
    async recordThrottleFailure(keys, at, since, maxKeys) {
      record(keys, at, since, maxKeys);
    },
    async clearThrottle(keys) {
      for (const key of keys) s.clear.run(key);
    },
  };
}
