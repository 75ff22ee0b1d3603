import type Database from 'better-sqlite3';
import type { Breakdown, KeyedPoint } from '../../../../shared/wall';

/**
 * Per-minute counts by channel or by failure topic, for the executive display. Topics live in each mention's
 * JSON body (no column of their own), so the topic query reads them with `json_each`.
 */
export function sqliteBreakdown(db: Database.Database) {
  const byChannel = db.prepare(
    `SELECT (created_at / 60000) * 60000 AS minute, channel AS key, COUNT(*) AS total,
            SUM(sentiment = 'negative') AS negative, SUM(sentiment = 'positive') AS positive
     FROM mentions WHERE created_at >= ? AND created_at < ? GROUP BY minute, channel ORDER BY minute, key`,
  );
  const byTopic = db.prepare(
    `SELECT (m.created_at / 60000) * 60000 AS minute, json_extract(t.value, '$.topic') AS key, COUNT(*) AS total,
            SUM(m.sentiment = 'negative') AS negative, SUM(m.sentiment = 'positive') AS positive
     FROM mentions m, json_each(m.body, '$.enrichment.topics') t
     WHERE m.created_at >= ? AND m.created_at < ? GROUP BY minute, key ORDER BY minute, key`,
  );
  return {
    async breakdownSeries(fromMinute: number, toMinute: number, by: Breakdown): Promise<KeyedPoint[]> {
      const statement = by === 'channel' ? byChannel : byTopic;
      return statement.all(fromMinute, toMinute + 60_000) as KeyedPoint[];
    },
  };
}
