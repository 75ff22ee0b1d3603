import type pg from 'pg';
import { MentionSchema, type Mention } from '../../../../shared/mention';
import type { SeriesPoint } from '../../../../shared/series';
import type { MentionQuery } from '../repository';
import type { Queryable } from './connection';
import { searchText } from './pg-search';

const parseMention = (body: string): Mention => MentionSchema.parse(JSON.parse(body));

/**
 * Inserts the mentions not already stored, in one statement (arrays unnested, so any batch is one round trip
 * with one parameter per column); a mention whose id or (source, external id) is there is skipped by ON CONFLICT
 * DO NOTHING, also against a concurrent writer. Returns the new ones in batch order (a repeat within the batch
 * counts once, its first occurrence).
 */
export async function insertMentions(db: pg.PoolClient, mentions: ReadonlyArray<Mention>): Promise<Mention[]> {
  if (mentions.length === 0) return [];
  const column = <T>(get: (m: Mention) => T): T[] => mentions.map(get);
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO mentions (id, source_id, external_id, channel, watchlist, created_at, received_at, sentiment,
       language, author_weight, vip, topics, search_text, body)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::bigint[],
       $8::text[], $9::text[], $10::float8[], $11::boolean[], $12::text[], $13::text[], $14::text[])
     ON CONFLICT DO NOTHING RETURNING id`,
    [
      column((m) => m.id),
      column((m) => m.sourceId),
      column((m) => m.externalId),
      column((m) => m.channel),
      column((m) => m.watchlist),
      column((m) => m.createdAt),
      column((m) => m.receivedAt),
      column((m) => m.enrichment.sentiment.label),
      column((m) => m.enrichment.language),
      column((m) => m.enrichment.authorWeight),
      column((m) => m.enrichment.vip),
      column((m) => ` ${m.enrichment.topics.map((t) => t.topic).join(' ')} `),
      column(searchText),
      column((m) => JSON.stringify(m)),
    ],
  );
  const fresh = new Set(rows.map((r) => r.id));
  return mentions.filter((m) => fresh.delete(m.id));
}

/** Saves a source's cursor (hub time in `updated_at`). */
export async function saveCursor(db: Queryable, sourceId: string, cursor: string, at: number): Promise<void> {
  await db.query(
    `INSERT INTO cursors (source_id, cursor, updated_at) VALUES ($1, $2, $3)
     ON CONFLICT (source_id) DO UPDATE SET cursor = excluded.cursor, updated_at = excluded.updated_at`,
    [sourceId, cursor, at],
  );
}

/** Newest first, ties by id (byte order). */
export async function recentMentions(db: Queryable, limit: number): Promise<Mention[]> {
  const { rows } = await db.query<{ body: string }>(
    'SELECT body FROM mentions ORDER BY created_at DESC, id DESC LIMIT $1',
    [limit],
  );
  return rows.map((r) => parseMention(r.body));
}

/** Oldest first in [from, to), optionally one watchlist's; no limit when none is given. */
export async function mentionsBetween(db: Queryable, query: MentionQuery): Promise<Mention[]> {
  const { rows } = await db.query<{ body: string }>(
    `SELECT body FROM mentions WHERE created_at >= $1 AND created_at < $2
     AND ($3::text IS NULL OR watchlist = $3) ORDER BY created_at, id LIMIT $4`,
    [query.from, query.to, query.watchlist ?? null, query.limit ?? null],
  );
  return rows.map((r) => parseMention(r.body));
}

/** Per-minute counts in [from, to) for the minutes that have any. */
export async function volumeRows(db: Queryable, from: number, to: number): Promise<SeriesPoint[]> {
  const { rows } = await db.query<SeriesPoint>(
    `SELECT (created_at / 60000) * 60000 AS minute, COUNT(*) AS total,
            COUNT(*) FILTER (WHERE sentiment = 'negative') AS negative,
            COUNT(*) FILTER (WHERE sentiment = 'positive') AS positive
     FROM mentions WHERE created_at >= $1 AND created_at < $2 GROUP BY minute`,
    [from, to],
  );
  return rows;
}
