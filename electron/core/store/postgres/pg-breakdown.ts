import type pg from 'pg';
import type { Breakdown, KeyedPoint } from '../../../../shared/wall';

const COUNTS = `COUNT(*)::int AS total, (COUNT(*) FILTER (WHERE sentiment = 'negative'))::int AS negative,
                (COUNT(*) FILTER (WHERE sentiment = 'positive'))::int AS positive`;

const BY_CHANNEL = `SELECT (created_at / 60000) * 60000 AS minute, channel AS key, ${COUNTS}
  FROM mentions WHERE created_at >= $1 AND created_at < $2 GROUP BY 1, 2 ORDER BY 1, 2`;

const BY_TOPIC = `SELECT (created_at / 60000) * 60000 AS minute, t ->> 'topic' AS key, ${COUNTS}
  FROM mentions, jsonb_array_elements(body::jsonb #> '{enrichment,topics}') AS t
  WHERE created_at >= $1 AND created_at < $2 GROUP BY 1, 2 ORDER BY 1, 2`;

/** Per-minute counts by channel or by failure topic for the executive display, as the SQLite store gives them. */
export function postgresBreakdown(pool: pg.Pool) {
  return {
    async breakdownSeries(fromMinute: number, toMinute: number, by: Breakdown): Promise<KeyedPoint[]> {
      const { rows } = await pool.query<KeyedPoint>(by === 'channel' ? BY_CHANNEL : BY_TOPIC, [
        fromMinute,
        toMinute + 60_000,
      ]);
      return rows.map((r) => ({ ...r, minute: Number(r.minute) }));
    },
  };
}
