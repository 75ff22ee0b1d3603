import type { Channel, Sentiment } from '../../../shared/mention';
import { assertNever } from '../../../shared/assert-never';

/** Below this confidence the sentiment badge reads "unsure". */
export const UNSURE_BELOW = 0.5;

/** What the sentiment badge shows. */
export type SentimentBadge = 'negative' | 'neutral' | 'positive' | 'unsure';

/** The badge for a sentiment: its label, or "unsure" when the model is not confident. */
export const sentimentBadge = (s: Sentiment): SentimentBadge => (s.confidence < UNSURE_BELOW ? 'unsure' : s.label);

/** A short text badge and a full name for each channel (no external icons are fetched). */
export function channelBadge(channel: Channel): { readonly short: string; readonly name: string } {
  switch (channel) {
    case 'x':
      return { short: 'X', name: 'X' };
    case 'reddit':
      return { short: 'RD', name: 'Reddit' };
    case 'appstore':
      return { short: 'AS', name: 'App Store' };
    case 'googleplay':
      return { short: 'GP', name: 'Google Play' };
    case 'trustpilot':
      return { short: 'TP', name: 'Trustpilot' };
    case 'mastodon':
      return { short: 'MA', name: 'Mastodon' };
    case 'bluesky':
      return { short: 'BS', name: 'Bluesky' };
    case 'rss':
      return { short: 'RSS', name: 'RSS / news' };
    case 'ingest':
      return { short: 'IN', name: 'Ingest' };
    default:
      return assertNever(channel, 'channel');
  }
}
