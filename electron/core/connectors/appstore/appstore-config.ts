import { z } from 'zod';
import { SourceBaseSchema } from '../factory';

/** Default interval: 15 minutes (the feed is cached and updates slowly). */
export const APPSTORE_POLL_INTERVAL_MS = 15 * 60_000;

/** An `appstore` source entry: one app's customer-reviews feed in one or more storefronts. */
export const AppStoreConfigSchema = SourceBaseSchema.extend({
  type: z.literal('appstore'),
  /** The numeric app id from the App Store URL (…/id389801252). */
  appId: z.string().regex(/^\d{5,12}$/, 'the numeric App Store id, e.g. "389801252"'),
  /** Storefront country codes, e.g. ["us", "gb"]. */
  countries: z
    .array(z.string().regex(/^[a-z]{2}$/, 'a two-letter country code such as "us"'))
    .min(1)
    .max(20)
    .default(['us']),
  /** Pages read per poll at most (Apple serves 10 pages of 50). */
  maxPages: z.number().int().min(1).max(10).default(10),
  /** Pages read on the very first poll (no backfill of old reviews by default). */
  initialPages: z.number().int().min(1).max(10).default(1),
  /** Attribute every review to this watchlist id (reviews rarely name the brand). */
  watchlist: z.string().max(100).optional(),
  /** Keep only reviews matching some watchlist query (hub-side matching). */
  filterByWatchlists: z.boolean().default(false),
});
export type AppStoreConfig = z.infer<typeof AppStoreConfigSchema>;

/** The feed host a config points at. */
export const appStoreBase = (c: AppStoreConfig): string => (c.baseUrl ?? 'https://itunes.apple.com').replace(/\/$/, '');
