import type { RawMention } from '../../../shared/mention';
import type { Result } from '../../../shared/result';
import type { SourceKind } from '../../../shared/source-health';
import type { SpendGuard } from '../runtime/spend';

/** Rate-limit state as the API reported it in its headers. */
export interface RateLimitInfo {
  readonly limit?: number;
  readonly remaining: number;
  /** Epoch ms when the window resets. */
  readonly resetAt: number;
}

/** An item the connector's zod validation refused: counted and logged, never fatal. */
export interface RejectedItem {
  readonly reason: string;
  /** A short, credential-free excerpt of the item for the log. */
  readonly sample?: string;
}

/**
 * How one source's mentions find their watchlist. A connector claims a watchlist itself (`RawMention.watchlist`)
 * only when the API query was per watchlist (X, Reddit search, Bluesky, Mastodon tags); everything else is
 * matched once, in the pipeline's attribute step.
 */
export interface AttributionPolicy {
  /** Every mention of the source belongs to this watchlist (an app's reviews rarely name the brand). */
  readonly watchlist?: string;
  /** Keep only mentions matching a watchlist's query (when there are watchlists); others are dropped. */
  readonly requireMatch?: boolean;
  /** Mentions that name no watchlist and match none go here instead of the hub's first watchlist (replay). */
  readonly fallbackWatchlist?: string;
}

/**
 * How far a source that plays recorded data on data time (replay) has got, as of one committed cursor: every row
 * created before `at` is delivered; `finished` when the source has nothing more (then `at` is its last row's time).
 */
export interface DataTime {
  readonly at: number;
  readonly finished: boolean;
}

/** Everything a poll needs from the runtime. */
export interface PollContext {
  readonly signal: AbortSignal;
  /** Hub time (epoch ms). */
  readonly now: number;
  /** The cursor persisted with the last committed batch, or null on first run. */
  readonly cursor: string | null;
}

/** What one poll produced. The runtime commits `items` and `cursor` together, atomically. */
export type PollOutcome =
  | {
      readonly kind: 'ok';
      readonly items: ReadonlyArray<RawMention>;
      readonly rejected: ReadonlyArray<RejectedItem>;
      /** The cursor to persist once `items` are committed; null keeps none. */
      readonly cursor: string | null;
      readonly rateLimit?: RateLimitInfo;
      /** Extra billable reads this poll made (X is pay-per-use). */
      readonly reads?: number;
      /**
       * Whole pages refused: a page inconsistent with itself (claims results, has none) or a pagination loop
       * (the same page cursor twice). Counted with `rejected` and shown as degraded; the cursor never moved past them.
       */
      readonly pageErrors?: ReadonlyArray<RejectedItem>;
    }
  /** 429, or a window exhausted: the runtime waits until `until`, never sooner. */
  | { readonly kind: 'rate-limited'; readonly until: number; readonly message: string }
  /** 401/403: credentials wrong or revoked; the runtime slows right down and shows it. */
  | { readonly kind: 'auth-error'; readonly message: string }
  /** 5xx, timeouts, connection errors: retried with backoff and jitter. */
  | { readonly kind: 'transient'; readonly message: string; readonly retryAfterMs?: number }
  /** Misconfiguration the user must fix (bad query, unknown app id). */
  | { readonly kind: 'config-error'; readonly message: string };

/**
 * One source of mentions: a configured instance of a channel (an X query, a subreddit set, an app's
 * reviews...). Connectors do I/O and validation only; scheduling, retries and storage are the runtime's.
 */
export interface Connector {
  readonly id: string;
  readonly kind: SourceKind;
  readonly label: string;
  /** The normal interval between polls when all is well. */
  readonly pollIntervalMs: number;
  poll(ctx: PollContext): Promise<PollOutcome>;
  /** Optional: releases sessions or sockets. */
  stop?(): Promise<void>;
  /**
   * Optional, for sources on data time (replay): how far the data of a committed cursor reaches, so detection
   * closes minutes when the data has passed them, not when timers fire; null before anything is known. A source
   * without it is live: its minutes close on the hub clock.
   */
  dataTime?(cursor: string | null): DataTime | null;
  /** How the hub attributes this source's mentions to watchlists; default: match each text. */
  readonly attribution?: AttributionPolicy;
  /**
   * Optional: one poll-sized request with the stored credentials, storing nothing; for the settings
   * screen's "test connection". The value is a short human message ("OK: 12 posts found").
   */
  testConnection?(signal: AbortSignal): Promise<Result<string>>;
  /** Optional: sees the persisted cursor once at start, before the first poll (X restores its daily spend). */
  restore?(cursor: string | null): void;
  /** Pay-per-use sources (X): reads and estimated spend today against the cap; the runner pauses when it is reached. */
  readonly spend?: SpendGuard;
}
