import { z } from 'zod';
import { SourceBaseSchema } from '../factory';

/** Default interval: 10 minutes. */
export const TRUSTPILOT_POLL_INTERVAL_MS = 10 * 60_000;

/** A `trustpilot` source entry: one business unit's public reviews. */
export const TrustpilotConfigSchema = SourceBaseSchema.extend({
  type: z.literal('trustpilot'),
  /** The business unit id (GET /v1/business-units/find?name=example.com returns it). */
  businessUnitId: z.string().regex(/^[0-9a-f]{24}$/, 'a 24-character hexadecimal business unit id'),
  /** Only reviews in these languages (ISO 639-1), all when omitted. */
  language: z
    .array(z.string().regex(/^[a-z]{2}$/))
    .max(10)
    .optional(),
  /** Pages of 100 per poll at most. */
  maxPages: z.number().int().min(1).max(20).default(5),
  /** Attribute every review to this watchlist id. */
  watchlist: z.string().max(100).optional(),
  /** Keep only reviews matching some watchlist query (hub-side matching). */
  filterByWatchlists: z.boolean().default(false),
});
export type TrustpilotConfig = z.infer<typeof TrustpilotConfigSchema>;

/** The API host a config points at. */
export const trustpilotBase = (c: TrustpilotConfig): string =>
  (c.baseUrl ?? 'https://api.trustpilot.com').replace(/\/$/, '');
