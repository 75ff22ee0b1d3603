import { z } from 'zod';
import { SourceBaseSchema, type SourceConfigBase } from '../factory';

/** Default interval between polls of a Mastodon source. */
export const MASTODON_DEFAULT_INTERVAL_MS = 60_000;

const Tag = z
  .string()
  .min(1)
  .max(100)
  .transform((t) => t.replace(/^#/, '').toLowerCase())
  .pipe(z.string().regex(/^[\p{L}\p{N}_]+$/u, 'a hashtag: letters, digits or "_"'));

/** Config of a Mastodon source: public hashtag timelines on one instance. */
export const MastodonConfigSchema = SourceBaseSchema.extend({
  type: z.literal('mastodon'),
  /** The instance to read from; `baseUrl` (a proxy or a test fake) takes precedence. */
  instanceUrl: z.url({ protocol: /^https?$/ }).default('https://mastodon.social'),
  /** Hashtags to follow (without #). Default: derived from the watchlists' queries. */
  tags: z.array(Tag).max(20).optional(),
  /** Only statuses from this instance's own users. */
  local: z.boolean().default(false),
  /** Most pages (of 40) fetched per tag per poll when catching up. */
  maxPagesPerTag: z.number().int().min(1).max(50).default(5),
});
export type MastodonConfig = z.infer<typeof MastodonConfigSchema> & SourceConfigBase;
