import { z } from 'zod';
import { readJsonCursor } from '../http';

/** How many recent item ids the cursor remembers: a feed's window is usually 10-100 items. */
export const SEEN_LIMIT = 500;

/** What an RSS source persists between polls: validators for conditional GET and recently seen ids. */
export const RssCursorSchema = z.object({
  v: z.literal(1),
  etag: z.string().max(500).optional(),
  lastModified: z.string().max(100).optional(),
  /** Newest item date seen (epoch ms). */
  newest: z.number().int().optional(),
  /** Recently seen ids, newest last, at most SEEN_LIMIT. */
  seen: z.array(z.string()).max(SEEN_LIMIT),
});
export type RssCursor = z.infer<typeof RssCursorSchema>;

const EMPTY: RssCursor = { v: 1, seen: [] };

/** Reads a persisted cursor; anything unreadable starts afresh (the dedup in the store keeps that safe). */
export function readRssCursor(raw: string | null): RssCursor {
  return readJsonCursor(raw, RssCursorSchema, EMPTY);
}

/** The cursor after a poll: new ids appended, oldest dropped beyond the limit. */
export function advanceRssCursor(
  prev: RssCursor,
  ids: ReadonlyArray<string>,
  newest: number | undefined,
  validators: { readonly etag?: string; readonly lastModified?: string },
): RssCursor {
  const known = new Set(ids);
  const seen = [...prev.seen.filter((id) => !known.has(id)), ...ids].slice(-SEEN_LIMIT);
  const best = Math.max(prev.newest ?? -Infinity, newest ?? -Infinity);
  return {
    v: 1,
    seen,
    ...(Number.isFinite(best) ? { newest: best } : {}),
    ...(validators.etag ? { etag: validators.etag } : {}),
    ...(validators.lastModified ? { lastModified: validators.lastModified } : {}),
  };
}
