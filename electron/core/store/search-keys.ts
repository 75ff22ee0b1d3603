import { z } from 'zod';
import { appError, err, ok, type Result } from '../../../shared/result';
import type { MentionSearch } from '../../../shared/search';

/**
 * Where a search page ended, as every store writes it into `MentionPage.next`: the last row's sort keys. `key` is
 * the store's own insertion sequence (SQLite's `seq`, PostgreSQL's identity column), the tie-break among equal
 * times. Keyset pagination, so a page never repeats or skips a row when newer posts arrive meanwhile.
 */
export interface SearchPosition {
  readonly sort: 'time' | 'weight';
  readonly createdAt: number;
  readonly key: number;
  /** The author weight of the last row (only for sort 'weight'). */
  readonly weight?: number;
}

const PositionSchema = z
  .object({
    s: z.enum(['time', 'weight']),
    t: z.number().int(),
    k: z.number().int().nonnegative(),
    w: z.number().nonnegative().optional(),
  })
  .strict();

/** The cursor text of a position: base64url of a small JSON object (opaque to clients). */
export function encodeCursor(position: SearchPosition): string {
  const body = { s: position.sort, t: position.createdAt, k: position.key, w: position.weight };
  return Buffer.from(JSON.stringify(body), 'utf8').toString('base64url');
}

/** Reads a cursor back for `query`'s sort; a forged, damaged or other-sort cursor is an `invalid-request`. */
export function decodeCursor(cursor: string, sort: 'time' | 'weight'): Result<SearchPosition> {
  const bad = err(appError('invalid-request', 'That search cursor is not valid for this search; start again.'));
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return bad;
  }
  const parsed = PositionSchema.safeParse(json);
  if (!parsed.success || parsed.data.s !== sort) return bad;
  if (sort === 'weight' && parsed.data.w === undefined) return bad;
  const { t, k, w } = parsed.data;
  return ok(w === undefined ? { sort, createdAt: t, key: k } : { sort, createdAt: t, key: k, weight: w });
}

/** Most words one full-text search uses; the rest are ignored (the text itself is capped at 200 characters). */
export const MAX_SEARCH_WORDS = 16;

/**
 * The words of a full-text search, lower-cased: runs of letters and digits, the way FTS5's unicode61 tokenizer
 * (and PostgreSQL's simple parser) split text. Every word must match; the caller matches the last as a prefix.
 * Punctuation and operators are never passed through, so no query syntax reaches the engine.
 */
export function searchWords(text: string | undefined): string[] {
  if (text === undefined) return [];
  const words =
    text
      .normalize('NFKC')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.slice(0, MAX_SEARCH_WORDS);
}

/** The sort a search uses: time unless it asks for weight. */
export const searchSort = (query: MentionSearch): 'time' | 'weight' => query.sort ?? 'time';
