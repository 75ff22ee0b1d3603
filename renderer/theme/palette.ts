import type { Severity } from '../../shared/incident';
import type { HealthState } from '../../shared/source-health';
import type { SentimentBadge } from '../features/feed/mention-view';

/**
 * Colour-blind-safe roles (Okabe–Ito hues, set per theme in wall.css). Colour never carries meaning
 * alone: every badge also shows its text and a distinct marker shape.
 */
export const SEVERITY_MARK: Readonly<Record<Severity, string>> = { P1: '◆', P2: '▲', P3: '●', P4: '○' };

/** Marker shapes for sentiment badges. */
export const SENTIMENT_MARK: Readonly<Record<SentimentBadge, string>> = {
  negative: '▼',
  neutral: '■',
  positive: '▲',
  unsure: '?',
};

/** Marker and tone for each source health state. */
export const HEALTH_VIEW: Readonly<
  Record<HealthState, { readonly mark: string; readonly tone: 'good' | 'warn' | 'bad' | 'idle' }>
> = {
  ok: { mark: '●', tone: 'good' },
  degraded: { mark: '▲', tone: 'warn' },
  'rate-limited': { mark: '◷', tone: 'warn' },
  failing: { mark: '✕', tone: 'bad' },
  'auth-error': { mark: '✕', tone: 'bad' },
  idle: { mark: '○', tone: 'idle' },
};
