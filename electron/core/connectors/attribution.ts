import type { AttributionPolicy } from './connector';

/** The attribution settings a review source's config may carry (App Store, Trustpilot, Google Play). */
export interface ReviewAttributionConfig {
  /** Every review goes to this watchlist. */
  readonly watchlist?: string | undefined;
  /** Keep only reviews matching a watchlist's query, each attributed to the watchlist it matched. */
  readonly filterByWatchlists?: boolean | undefined;
}

/**
 * The policy the hub's attribute step applies to a review source: with `filterByWatchlists` only matching
 * reviews are kept (the configured `watchlist` is then never used, as before); otherwise every review goes
 * to `watchlist`, or, without one, is matched in the hub like any text.
 */
export function reviewAttribution(config: ReviewAttributionConfig): AttributionPolicy {
  if (config.filterByWatchlists) return { requireMatch: true };
  return config.watchlist ? { watchlist: config.watchlist } : {};
}
