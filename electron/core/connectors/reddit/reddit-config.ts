import { z } from 'zod';
import { SourceBaseSchema } from '../factory';

/** Reddit's rules ask every client for a unique, descriptive User-Agent. */
export const DEFAULT_REDDIT_USER_AGENT = 'desktop:earshot:0.1.0 (social listening; set userAgent in config)';

/** A `reddit` source entry: subreddits to watch, by search (watchlist queries) or every new post. */
export const RedditConfigSchema = SourceBaseSchema.extend({
  type: z.literal('reddit'),
  subreddits: z
    .array(z.string().regex(/^[A-Za-z0-9_]{2,21}$/, 'a subreddit name without r/'))
    .min(1)
    .max(20),
  /** "search": /r/{sub}/search per watchlist query; "new": every new post (a brand's own subreddit). */
  mode: z.enum(['search', 'new']).default('search'),
  userAgent: z.string().min(10).max(300).default(DEFAULT_REDDIT_USER_AGENT),
  oauthBaseUrl: z.url().default('https://www.reddit.com'),
  /** Alias of `baseUrl` for the API host (oauth.reddit.com). */
  apiBaseUrl: z.url().optional(),
  /** Pages per subreddit (and query) per poll, 100 posts each. */
  maxPages: z.number().int().min(1).max(10).default(3),
});
export type RedditConfig = z.infer<typeof RedditConfigSchema>;

/** The API host a config points at. */
export const redditApiBase = (c: RedditConfig): string => c.apiBaseUrl ?? c.baseUrl ?? 'https://oauth.reddit.com';

/** Default interval: 2 minutes (app-only OAuth allows ~100 requests/minute). */
export const REDDIT_POLL_INTERVAL_MS = 120_000;
