import { z } from 'zod';

/** The kinds of channel a mention can come from. A configured source has one channel kind. */
export const CHANNELS = [
  'x',
  'reddit',
  'appstore',
  'googleplay',
  'trustpilot',
  'mastodon',
  'bluesky',
  'rss',
  'ingest',
] as const;
export const ChannelSchema = z.enum(CHANNELS);
export type Channel = z.infer<typeof ChannelSchema>;

export const AuthorSchema = z.object({
  handle: z.string().max(200),
  name: z.string().max(300).optional(),
  followers: z.number().int().nonnegative().optional(),
  verified: z.boolean().optional(),
});
export type Author = z.infer<typeof AuthorSchema>;

export const SENTIMENT_LABELS = ['negative', 'neutral', 'positive'] as const;
export const SentimentLabelSchema = z.enum(SENTIMENT_LABELS);
export type SentimentLabel = z.infer<typeof SentimentLabelSchema>;

export const SentimentSchema = z.object({
  label: SentimentLabelSchema,
  /** In [-1, 1]: -1 most negative, 1 most positive. */
  score: z.number().min(-1).max(1),
  /** In [0, 1]; below the model's threshold the wall shows "unsure". */
  confidence: z.number().min(0).max(1),
});
export type Sentiment = z.infer<typeof SentimentSchema>;

export const TopicHitSchema = z.object({
  /** A failure topic id from the brand's taxonomy, e.g. "login". */
  topic: z.string().max(64),
  /** The terms in the text that matched: kept as evidence. */
  terms: z.array(z.string().max(100)).max(20),
});
export type TopicHit = z.infer<typeof TopicHitSchema>;

/** What the enrich step adds to a normalized mention. */
export const EnrichmentSchema = z.object({
  sentiment: SentimentSchema,
  topics: z.array(TopicHitSchema).max(20),
  /** ISO 639-1 code, or "und" when undetermined. */
  language: z.string().max(8),
  /** Relative importance of the author, >= 0, 1 = an ordinary customer. */
  authorWeight: z.number().nonnegative(),
  vip: z.boolean(),
});
export type Enrichment = z.infer<typeof EnrichmentSchema>;

/**
 * A source's id of one item: the store's dedupe key. A NUL character is refused here, at the edge: PostgreSQL
 * cannot store one in a text key, so such an item would otherwise fail its whole batch on a team hub, forever.
 */
export const ExternalIdSchema = z
  .string()
  .min(1)
  .max(200)
  .refine((id) => !id.includes('\u0000'), 'must not contain a NUL character');

/**
 * A mention as a connector hands it over, after its own zod validation of the raw API item:
 * everything the source knows, nothing the hub computes.
 */
export const RawMentionSchema = z.object({
  externalId: ExternalIdSchema,
  channel: ChannelSchema,
  url: z.string().max(2000).optional(),
  author: AuthorSchema,
  text: z.string().max(40_000),
  /** Epoch ms when the post was created at the source. */
  createdAt: z.number().int(),
  /** The watchlist this item was found for, when the source knows it. */
  watchlist: z.string().max(100).optional(),
  /** Source-specific extras (rating, subreddit, score...), small and JSON-safe. */
  metadata: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).optional(),
});
export type RawMention = z.infer<typeof RawMentionSchema>;

/** One post, review, comment or ingested record, normalized from any source and enriched. */
export const MentionSchema = z.object({
  /** Stable id: `${sourceId}:${externalId}`. */
  id: z.string(),
  sourceId: z.string(),
  channel: ChannelSchema,
  externalId: z.string(),
  url: z.string().optional(),
  author: AuthorSchema,
  text: z.string(),
  language: z.string(),
  createdAt: z.number().int(),
  receivedAt: z.number().int(),
  watchlist: z.string(),
  metadata: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  enrichment: EnrichmentSchema,
});
export type Mention = z.infer<typeof MentionSchema>;
