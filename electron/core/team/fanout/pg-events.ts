/**
 * The team events table on PostgreSQL (migration 7): one small row per kind per flush, the entities' ids only.
 * NOTIFY tells the other hubs a row is there (payload: its seq); the row is what they read, since NOTIFY's
 * payload is limited to 8,000 bytes and a hub that was not listening never gets it.
 */
import type pg from 'pg';
import { z } from 'zod';
import { MentionSchema, type Mention } from '../../../../shared/mention';
import { inTransaction, type Queryable } from '../../store/postgres/connection';
import { CHANGE_KINDS, type LocalChange } from './port';
import type { TeamEvent } from './seq-tracker';

/** The channel every hub of a team LISTENs on. */
export const EVENTS_CHANNEL = 'earshot_events';
/** Any fixed number: the lock under which hubs append events one at a time (seq order = commit order). */
const APPEND_LOCK = 0x6561_7274; // "eart"

const RowSchema = z.object({
  seq: z.number().int(),
  hub_id: z.string(),
  kind: z.enum(CHANGE_KINDS),
  ids: z.string(),
});
const IdsSchema = z.array(z.string());

/**
 * Appends one row per change and notifies the channel with the last seq, in one transaction. The transaction
 * lock makes each appender take its seqs after the previous one committed, so no hub ever sees seq n+1 before n
 * is visible: reading "after the last seq I saw" never skips a row. Returns the last seq appended.
 */
export async function appendEvents(
  pool: pg.Pool,
  hubId: string,
  changes: ReadonlyArray<LocalChange>,
  at: number,
): Promise<number | null> {
  if (changes.length === 0) return null;
  return inTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1)', [APPEND_LOCK]);
    const { rows } = await client.query<{ seq: number }>(
      `INSERT INTO team_events (hub_id, kind, ids, at)
       SELECT $1, kind, ids, $4 FROM unnest($2::text[], $3::text[]) AS c(kind, ids) RETURNING seq`,
      [hubId, changes.map((c) => c.kind), changes.map((c) => JSON.stringify(c.ids)), at],
    );
    const last = Math.max(...rows.map((r) => r.seq));
    await client.query('SELECT pg_notify($1, $2)', [EVENTS_CHANNEL, String(last)]);
    return last;
  });
}

/** The rows after `seq`, oldest first, at most `limit`; a row that does not parse is skipped (its seq still passes). */
export async function eventsAfter(db: Queryable, seq: number, limit: number): Promise<TeamEvent[]> {
  const { rows } = await db.query<Record<string, unknown>>(
    'SELECT seq, hub_id, kind, ids FROM team_events WHERE seq > $1 ORDER BY seq LIMIT $2',
    [seq, limit],
  );
  return rows.map((raw) => {
    const row = RowSchema.safeParse(raw);
    const ids = row.success ? IdsSchema.safeParse(safeJson(row.data.ids)) : null;
    if (row.success && ids?.success)
      return { seq: row.data.seq, hubId: row.data.hub_id, kind: row.data.kind, ids: ids.data };
    // Unreadable (a newer hub's kind?): passed over as if it were ours.
    return { seq: Number(raw.seq), hubId: '', kind: 'mentions', ids: [] };
  });
}

/** JSON.parse, or null for text that is not JSON. */
export function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** The newest seq (0 when there is none): where a hub that starts now begins. */
export async function lastSeq(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ seq: number | null }>('SELECT max(seq) AS seq FROM team_events');
  return rows[0]?.seq ?? 0;
}

/** Deletes the rows written before `before` (real time); returns how many. */
export async function pruneEvents(db: Queryable, before: number): Promise<number> {
  return (await db.query('DELETE FROM team_events WHERE at < $1', [before])).rowCount ?? 0;
}

/** The stored mentions with these ids, in insertion order; ids no longer stored (pruned) are left out. */
export async function mentionsByIds(db: Queryable, ids: ReadonlyArray<string>): Promise<Mention[]> {
  if (ids.length === 0) return [];
  const { rows } = await db.query<{ body: string }>(
    'SELECT body FROM mentions WHERE id = ANY($1::text[]) ORDER BY seq',
    [[...new Set(ids)]],
  );
  return rows.map((r) => MentionSchema.parse(JSON.parse(r.body)));
}
