import { z } from 'zod';
import { SpendStateSchema } from '../../runtime/spend';
import { readJsonCursor } from '../http';

/** Where one watchlist's search stopped: `since` is the newest id fully read; `backlog` resumes a capped poll. */
const WatchlistCursorSchema = z.object({
  since: z.string().nullable(),
  /** More posts than one poll reads: continue below `untilId` down to `since`, then move `since` to `newest`. */
  backlog: z.object({ untilId: z.string(), newest: z.string() }).optional(),
});
export type WatchlistCursor = z.infer<typeof WatchlistCursorSchema>;

/** The persisted X cursor: per watchlist, plus today's read count (so a restart keeps the spend cap). */
export const XCursorSchema = z.object({
  v: z.literal(1),
  watchlists: z.record(z.string(), WatchlistCursorSchema),
  spend: SpendStateSchema.optional(),
});
export type XCursor = z.infer<typeof XCursorSchema>;

/** Parses a stored cursor; an unreadable one starts afresh (newest page only). */
export function readXCursor(raw: string | null): XCursor {
  return readJsonCursor(raw, XCursorSchema, { v: 1, watchlists: {} });
}
