import { z } from 'zod';
import { readJsonCursor } from '../http';

/** Where one feed (a subreddit's /new, or one search) stopped. */
const FeedCursorSchema = z.object({
  /** Fullname of the newest post seen (/new uses it as `before`). */
  newest: z.string().nullable(),
  /** created_utc (ms) of the newest post seen, and the ids seen at that instant (search de-duplication). */
  newestAt: z.number(),
  idsAtNewest: z.array(z.string()).max(200),
});
export type FeedCursor = z.infer<typeof FeedCursorSchema>;

/** The persisted Reddit cursor: one entry per feed key. */
export const RedditCursorSchema = z.object({ v: z.literal(1), feeds: z.record(z.string(), FeedCursorSchema) });
export type RedditCursor = z.infer<typeof RedditCursorSchema>;

/** Parses a stored cursor; an unreadable one starts afresh (newest page only, never a backfill storm). */
export function readRedditCursor(raw: string | null): RedditCursor {
  return readJsonCursor(raw, RedditCursorSchema, { v: 1, feeds: {} });
}

/** Advances a feed cursor past the given posts (fullname + created ms). */
export function advanceFeed(
  prev: FeedCursor | undefined,
  posts: ReadonlyArray<{ readonly name: string; readonly at: number }>,
): FeedCursor | undefined {
  let next = prev;
  for (const p of posts) {
    if (!next || p.at > next.newestAt) next = { newest: p.name, newestAt: p.at, idsAtNewest: [p.name] };
    else if (p.at === next.newestAt && !next.idsAtNewest.includes(p.name))
      next = { ...next, idsAtNewest: [...next.idsAtNewest, p.name].slice(-200) };
  }
  return next;
}

/** True when a post is newer than what the feed cursor has seen. */
export function isUnseen(cursor: FeedCursor | undefined, name: string, at: number): boolean {
  if (!cursor) return true;
  return at > cursor.newestAt || (at === cursor.newestAt && !cursor.idsAtNewest.includes(name));
}
