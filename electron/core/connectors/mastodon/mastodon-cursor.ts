import { z } from 'zod';
import { readJsonCursor } from '../http';

const CursorSchema = z.object({ v: z.literal(1), tags: z.record(z.string(), z.string().max(100)) });

/** Newest status id seen per tag: what a Mastodon source persists. */
export type MastodonCursor = Readonly<Record<string, string>>;

/** Reads the persisted cursor; unreadable JSON starts afresh (the store's dedup keeps that safe). */
export function readMastodonCursor(raw: string | null): MastodonCursor {
  return readJsonCursor(raw, CursorSchema.nullable(), null)?.tags ?? {};
}

/** Serialises the cursor, keeping only the tags still followed. */
export function writeMastodonCursor(cursor: MastodonCursor, tags: ReadonlyArray<string>): string {
  const kept: Record<string, string> = {};
  for (const tag of tags) if (cursor[tag] !== undefined) kept[tag] = cursor[tag];
  return JSON.stringify({ v: 1, tags: kept });
}

/** Orders Mastodon ids: numeric snowflakes by value, anything else by length then text. */
export function compareIds(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}
