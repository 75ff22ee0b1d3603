import { z } from 'zod';
import { HighWaterSchema, advanceHighWater, isNewerThan, readJsonCursor } from '../http';

/**
 * Where one feed (a subreddit's /new, or one search) stopped: the shared high-water mark (created_utc in ms of
 * the newest post seen, and the fullnames seen at that instant, for search de-duplication) plus that post's name.
 */
const FeedCursorSchema = HighWaterSchema.extend({
  /** Fullname of the newest post seen (/new uses it as `before`). */
  newest: z.string().nullable(),
});
export type FeedCursor = z.infer<typeof FeedCursorSchema>;

/** The persisted Reddit cursor: one entry per feed key. */
export const RedditCursorSchema = z.object({ v: z.literal(1), feeds: z.record(z.string(), FeedCursorSchema) });
export type RedditCursor = z.infer<typeof RedditCursorSchema>;

/** Parses a stored cursor; an unreadable one starts afresh (newest page only, never a backfill storm). */
export function readRedditCursor(raw: string | null): RedditCursor {
  return readJsonCursor(raw, RedditCursorSchema, { v: 1, feeds: {} });
}

/** Advances a feed cursor past the given posts (fullname + created ms); `newest` names the first post at the new mark. */
export function advanceFeed(
  prev: FeedCursor | undefined,
  posts: ReadonlyArray<{ readonly name: string; readonly at: number }>,
): FeedCursor | undefined {
  const mark = advanceHighWater(
    prev,
    posts.map((p) => ({ id: p.name, at: p.at })),
  );
  if (mark === undefined || mark === prev) return prev;
  const raised = prev === undefined || mark.newestAt > prev.newestAt;
  const newest = raised ? (posts.find((p) => p.at === mark.newestAt)?.name ?? null) : prev.newest;
  return { newest, newestAt: mark.newestAt, idsAtNewest: mark.idsAtNewest };
}

/** True when a post is newer than what the feed cursor has seen. */
export const isUnseen = (cursor: FeedCursor | undefined, name: string, at: number): boolean =>
  isNewerThan(cursor, name, at);
