import { z } from 'zod';
import { SourceBaseSchema, type SourceConfigBase } from '../factory';

/** Default interval between feed polls. */
export const RSS_DEFAULT_INTERVAL_MS = 5 * 60_000;

/** Config of one RSS/Atom/RDF/JSON Feed source. */
export const RssConfigSchema = SourceBaseSchema.extend({
  type: z.literal('rss'),
  /** The feed URL (http or https). */
  url: z.url({ protocol: /^https?$/ }),
  /** Keep only items matching a watchlist query (true), or every item with no watchlist (false: status pages). */
  matchWatchlists: z.boolean().default(true),
  /** Items older than this (by their date) are skipped on every poll, so a first poll does not flood with history. */
  maxAgeHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 365)
    .default(72),
  /** A User-Agent some feed hosts require. */
  userAgent: z.string().max(200).default('Earshot/0.1 (+feed reader)'),
});
export type RssConfig = z.infer<typeof RssConfigSchema> & SourceConfigBase;
