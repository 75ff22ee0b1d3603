import { z } from 'zod';
import type { SourceConfigBase } from '../factory';

/** Config of one RSS/Atom/RDF/JSON Feed source. */
export const RssConfigSchema = z.object({
  id: z.string().min(1).max(100),
  type: z.literal('rss'),
  enabled: z.boolean(),
  label: z.string().max(100).optional(),
  /** The feed URL (http or https). */
  url: z.url({ protocol: /^https?$/ }),
  pollIntervalSec: z.number().int().min(30).max(86_400).default(300),
  timeoutMs: z.number().int().min(1000).max(120_000).default(15_000),
  /** Keep only items matching a watchlist query (true), or every item with no watchlist (false: status pages). */
  matchWatchlists: z.boolean().default(true),
  /** Items older than this (by their date) are skipped on every poll, so a first poll does not flood with history. */
  maxAgeHours: z.number().int().min(1).max(24 * 365).default(72),
  /** A User-Agent some feed hosts require. */
  userAgent: z.string().max(200).default('Earshot/0.1 (+feed reader)'),
});
export type RssConfig = z.infer<typeof RssConfigSchema> & SourceConfigBase;
