import { z } from 'zod';
import { SourceBaseSchema } from '../factory';

/** Estimated USD per post read on X's pay-per-use API (an estimate: check your plan and set `costPerReadUsd`). */
export const DEFAULT_X_COST_PER_READ_USD = 0.005;

/** Default interval: 5 minutes (recent search is billed per post read). */
export const X_POLL_INTERVAL_MS = 5 * 60_000;

/** An `x` source entry: v2 recent search for each watchlist's query. */
export const XConfigSchema = SourceBaseSchema.extend({
  type: z.literal('x'),
  /** Adds `-is:retweet` to every query. */
  excludeRetweets: z.boolean().default(true),
  /** Adds `lang:xx`. */
  lang: z
    .string()
    .regex(/^[a-z]{2,3}$/, 'a language code such as "en"')
    .optional(),
  /** Pages of 100 per watchlist per poll; a larger backlog resumes on the next poll. */
  maxPages: z.number().int().min(1).max(10).default(3),
  costPerReadUsd: z.number().min(0).max(1).default(DEFAULT_X_COST_PER_READ_USD),
  /** Polling stops for the rest of the UTC day at this estimated spend; null for no cap. */
  dailySpendCapUsd: z.number().positive().nullable().default(5),
});
export type XConfig = z.infer<typeof XConfigSchema>;

/** The API base a config points at. */
export const xApiBase = (c: XConfig): string => c.baseUrl ?? 'https://api.x.com';
