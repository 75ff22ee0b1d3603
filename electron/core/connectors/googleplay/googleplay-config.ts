import { z } from 'zod';
import { SourceBaseSchema, type SourceConfigBase } from '../factory';

/** Default interval between Google Play review polls: reviews arrive slowly and the source is scraped. */
export const GOOGLEPLAY_DEFAULT_INTERVAL_MS = 10 * 60_000;

/**
 * Config of a Google Play reviews source (best-effort: google-play-scraper reads play.google.com's internal
 * batchexecute endpoint, which Google may change or throttle without notice). Off unless enabled.
 */
export const GooglePlayConfigSchema = SourceBaseSchema.extend({
  type: z.literal('googleplay'),
  enabled: z.boolean().default(false),
  /** The Android package name, e.g. "com.acme.mobile". */
  appId: z.string().regex(/^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z0-9_]+)+$/, 'an Android package name like com.acme.app'),
  lang: z.string().min(2).max(8).default('en'),
  country: z.string().length(2).default('us'),
  /** Every review goes to this watchlist; default: the first watchlist whose query matches, else none. */
  watchlist: z.string().max(100).optional(),
  /** Most pages (of up to 150 reviews) per poll while catching up after a burst. */
  maxPages: z.number().int().min(1).max(20).default(3),
  /** Reviews older than this are skipped, so a first poll does not import years of history. */
  maxAgeHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 365)
    .default(72),
});
export type GooglePlayConfig = z.infer<typeof GooglePlayConfigSchema> & SourceConfigBase;
