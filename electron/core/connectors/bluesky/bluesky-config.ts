import { z } from 'zod';
import { SourceBaseSchema, type SourceConfigBase } from '../factory';

/** Default interval between Bluesky polls. */
export const BLUESKY_DEFAULT_INTERVAL_MS = 60_000;

/** Config of a Bluesky source: app.bsky.feed.searchPosts per watchlist, logged in with an app password. */
export const BlueskyConfigSchema = SourceBaseSchema.extend({
  type: z.literal('bluesky'),
  /** The PDS / entryway to log in to and search through; `baseUrl` (a proxy or test fake) takes precedence. */
  service: z.url({ protocol: /^https?$/ }).default('https://bsky.social'),
  /** Explicit search strings (Bluesky syntax), matched against every watchlist in the hub. Default: from the watchlists. */
  queries: z.array(z.string().min(1).max(300)).max(10).optional(),
  /** Most pages (of 100) per query per poll when catching up. */
  maxPagesPerQuery: z.number().int().min(1).max(20).default(3),
  /** How far `since` reaches back before the newest post seen, to catch posts indexed late. */
  overlapMs: z.number().int().min(0).max(3_600_000).default(120_000),
  /** Look up authors' follower counts with app.bsky.actor.getProfiles (one request per 25 authors). */
  fetchFollowers: z.boolean().default(true),
});
export type BlueskyConfig = z.infer<typeof BlueskyConfigSchema> & SourceConfigBase;
