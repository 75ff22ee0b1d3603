import type Database from 'better-sqlite3';
import { HandledMarkSchema, type HandledMark } from '../../../../shared/handled';
import { nextHandledMark, type HandledChange } from '../handled-mark';

/** The handled-marks half of the SQLite store (`mention_handled`, migration 5). */
export interface SqliteHandled {
  /** Applies a change to a stored post's mark; null when no such post is stored. */
  set(change: HandledChange): HandledMark | null;
  /** The marks of these posts (those that have one). */
  many(mentionIds: ReadonlyArray<string>): HandledMark[];
}

const parse = (body: string): HandledMark => HandledMarkSchema.parse(JSON.parse(body));
/** Chunk size for `IN (...)` lists: well under SQLite's bound-parameter limit. */
const CHUNK = 500;

/** Prepares the handled-mark statements on `db`. */
export function sqliteHandled(db: Database.Database): SqliteHandled {
  const exists = db.prepare('SELECT 1 FROM mentions WHERE id = ?').pluck();
  const one = db.prepare('SELECT body FROM mention_handled WHERE mention_id = ?').pluck();
  const upsert = db.prepare(
    `INSERT INTO mention_handled (mention_id, handled, at, body) VALUES (@mentionId, @flag, @at, @body)
     ON CONFLICT (mention_id) DO UPDATE SET handled = excluded.handled, at = excluded.at, body = excluded.body`,
  );
  const set = db.transaction((change: HandledChange): HandledMark | null => {
    if (exists.get(change.mentionId) === undefined) return null;
    const body = one.get(change.mentionId) as string | undefined;
    const mark = nextHandledMark(body === undefined ? null : parse(body), change);
    upsert.run({ mentionId: mark.mentionId, flag: mark.handled ? 1 : 0, at: mark.at, body: JSON.stringify(mark) });
    return mark;
  });
  return {
    set,
    many(mentionIds) {
      const out: HandledMark[] = [];
      for (let i = 0; i < mentionIds.length; i += CHUNK) {
        const chunk = mentionIds.slice(i, i + CHUNK);
        const sql = `SELECT body FROM mention_handled WHERE mention_id IN (${chunk.map(() => '?').join(', ')})`;
        for (const body of db
          .prepare(sql)
          .pluck()
          .all(...chunk) as string[])
          out.push(parse(body));
      }
      return out;
    },
  };
}
