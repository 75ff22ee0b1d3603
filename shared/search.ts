import { z } from 'zod';
import { CHANNELS, ChannelSchema, MentionSchema, SentimentLabelSchema } from './mention';

/** Most mentions one search page may hold: bounds the work of one command. */
export const MAX_SEARCH_PAGE = 200;

/**
 * A search over all stored mentions (the staff floor's feed, history and drill-down). Every field narrows; none
 * set lists everything. SQLite answers `text` with FTS5, PostgreSQL with `tsvector`: words must all match, the
 * last one as a prefix.
 */
export const MentionSearchSchema = z
  .object({
    /** Full-text words (all must match; the last is a prefix). */
    text: z.string().max(200).optional(),
    channels: z.array(ChannelSchema).max(CHANNELS.length).optional(),
    sourceIds: z.array(z.string().max(100)).max(50).optional(),
    watchlist: z.string().max(100).optional(),
    sentiment: SentimentLabelSchema.optional(),
    /** A failure topic id, e.g. "login". */
    topic: z.string().max(64).optional(),
    /** ISO 639-1 code, or "und". */
    language: z.string().max(8).optional(),
    vipOnly: z.boolean().optional(),
    /** Only authors at least this heavy (1 = an ordinary customer). */
    minAuthorWeight: z.number().nonnegative().optional(),
    /** Inclusive epoch ms on createdAt. */
    from: z.number().int().optional(),
    /** Exclusive epoch ms on createdAt. */
    to: z.number().int().optional(),
    /** Newest first ('time', the default) or heaviest author first ('weight'), newest first among equals. */
    sort: z.enum(['time', 'weight']).optional(),
    /** Opaque: the previous page's `next`, to read further back. */
    cursor: z.string().max(300).optional(),
    limit: z.number().int().min(1).max(MAX_SEARCH_PAGE),
  })
  .strict();
export type MentionSearch = z.infer<typeof MentionSearchSchema>;

/** One page of a search: `next` reads the page after it (null at the end of history). */
export const MentionPageSchema = z.object({
  items: z.array(MentionSchema),
  next: z.string().nullable(),
});
export type MentionPage = z.infer<typeof MentionPageSchema>;
