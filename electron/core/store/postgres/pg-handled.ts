import type pg from 'pg';
import { HandledMarkSchema, type HandledMark } from '../../../../shared/handled';
import { nextHandledMark, type HandledChange } from '../handled-mark';
import { inTransaction } from './connection';

const parse = (body: string): HandledMark => HandledMarkSchema.parse(JSON.parse(body));

/**
 * Applies a change to a stored post's handled mark in one transaction; null when no such post is stored. The
 * post's row is locked first (FOR NO KEY UPDATE), so two desks on two hubs marking one post at once append to
 * its audit trail one after the other instead of one overwriting the other.
 */
export function setHandled(pool: pg.Pool, change: HandledChange): Promise<HandledMark | null> {
  return inTransaction(pool, async (client) => {
    const post = await client.query('SELECT 1 FROM mentions WHERE id = $1 FOR NO KEY UPDATE', [change.mentionId]);
    if (post.rowCount === 0) return null;
    const { rows } = await client.query<{ body: string }>('SELECT body FROM mention_handled WHERE mention_id = $1', [
      change.mentionId,
    ]);
    const mark = nextHandledMark(rows[0] ? parse(rows[0].body) : null, change);
    await client.query(
      `INSERT INTO mention_handled (mention_id, handled, at, body) VALUES ($1, $2, $3, $4)
       ON CONFLICT (mention_id) DO UPDATE SET handled = excluded.handled, at = excluded.at, body = excluded.body`,
      [mark.mentionId, mark.handled, mark.at, JSON.stringify(mark)],
    );
    return mark;
  });
}

/** The marks of these posts (those that have one), in one query. */
export async function handledMarks(pool: pg.Pool, mentionIds: ReadonlyArray<string>): Promise<HandledMark[]> {
  if (mentionIds.length === 0) return [];
  const { rows } = await pool.query<{ body: string }>(
    'SELECT body FROM mention_handled WHERE mention_id = ANY($1::text[])',
    [[...new Set(mentionIds)]],
  );
  return rows.map((r) => parse(r.body));
}
