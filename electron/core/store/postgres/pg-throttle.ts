import type pg from 'pg';
import { toThrottleCount, type ThrottleRow, type ThrottleStore } from '../throttle';

/**
 * The login throttle's counters (migration 8) on PostgreSQL, shared by every hub of the team. Each key is one
 * upsert statement (atomic on its row), taken in sorted order, so two hubs failing the same keys at once both
 * count and never deadlock.
 */
export function postgresThrottle(pool: pg.Pool): ThrottleStore {
  return {
    async throttleCounts(keys, since) {
      const { rows } = await pool.query<ThrottleRow>(
        'SELECT key, failures, last_at FROM login_throttle WHERE key = ANY($1::text[]) AND last_at >= $2',
        [[...keys], since],
      );
      return rows.map(toThrottleCount);
    },
    async recordThrottleFailure(keys, at, since, maxKeys) {
      for (const key of [...keys].sort()) {
        await pool.query(
          `INSERT INTO login_throttle (key, failures, last_at) VALUES ($1, 1, $2)
           ON CONFLICT (key) DO UPDATE SET
             failures = CASE WHEN login_throttle.last_at < $3 THEN 1 ELSE login_throttle.failures + 1 END,
             last_at = GREATEST(login_throttle.last_at, excluded.last_at)`,
          [key, at, since],
        );
      }
      await pool.query('DELETE FROM login_throttle WHERE last_at < $1', [since]);
      await pool.query(
        `DELETE FROM login_throttle WHERE key IN
           (SELECT key FROM login_throttle ORDER BY last_at DESC, key OFFSET $1)`,
        [maxKeys],
      );
    },
    async clearThrottle(keys) {
      await pool.query('DELETE FROM login_throttle WHERE key = ANY($1::text[])', [[...keys]]);
    },
  };
}
