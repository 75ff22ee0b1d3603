import type { RawMention } from '../../../shared/mention';
import type { SourceHealth } from '../../../shared/source-health';
import { assertNever } from '../../../shared/assert-never';
import type { Connector, PollOutcome, RejectedItem } from '../connectors/connector';
import type { Cancel, Clock } from './clock';
import type { Logger } from './logger';
import type { SpendGuard } from './spend';
import { DEFAULT_BACKOFF, DEFAULT_RATE_LIMIT, rateLimitedUntil, transientDelay, type RateLimitPolicy } from './backoff';
import type { BackoffPolicy } from '../../../shared/backoff';
import { DEFAULT_HEALTH_POLICY, HealthTracker, type HealthPolicy } from './health';
import { errorMessage } from '../../../shared/result';

/** How long to wait after an auth error (credentials rarely fix themselves; the user re-enters them). */
export const AUTH_ERROR_WAIT_MS = 30 * 60_000;
/** How long to wait after a config error. */
export const CONFIG_ERROR_WAIT_MS = 30 * 60_000;

/** What a source runner needs. Everything with time or I/O is injected. */
export interface SourceRunnerOptions {
  readonly connector: Connector;
  readonly clock: Clock;
  readonly logger: Logger;
  /** In [0, 1): the jitter source (Math.random by default; fixed in tests). */
  readonly random?: () => number;
  loadCursor(): Promise<string | null>;
  /** Stores items and cursor together (one transaction). A rejection means nothing was stored. */
  commit(items: ReadonlyArray<RawMention>, cursor: string | null): Promise<void>;
  onHealth(health: SourceHealth): void;
  /** Called with the number of malformed items a poll rejected, when > 0. */
  onRejected?(n: number): void;
  /** Pay-per-use cap; defaults to the connector's own `spend`. */
  readonly spend?: SpendGuard;
  readonly backoff?: BackoffPolicy;
  readonly rateLimit?: RateLimitPolicy;
  readonly healthPolicy?: HealthPolicy;
}

/** A running source: polls on the clock until stopped. */
export interface SourceRunner {
  start(): void;
  /** Cancels the next poll, aborts one in flight and waits for it; idempotent. */
  stop(): Promise<void>;
  health(): SourceHealth;
  /** Runs one poll + commit now (also what the schedule runs). Concurrent calls share one poll. */
  pollOnce(): Promise<PollOutcome>;
}

/**
 * Runs one connector: polls at its interval, commits items with their cursor atomically (the next poll
 * always starts from the last committed cursor, so a crash or failed commit never skips a mention),
 * retries transient errors with full-jitter exponential backoff (never sooner than Retry-After), waits for
 * rate-limit resets (never sooner, and never less than a floor that doubles per consecutive 429), slows right
 * down on auth errors, pauses at a spend cap, reports health.
 */
export function createSourceRunner(opts: SourceRunnerOptions): SourceRunner {
  const { connector, clock } = opts;
  const log = opts.logger.child({ module: 'poller', sourceId: connector.id });
  const random = opts.random ?? Math.random;
  const spend = opts.spend ?? connector.spend;
  const tracker = new HealthTracker(connector, opts.healthPolicy ?? DEFAULT_HEALTH_POLICY);
  let cursor: { readonly value: string | null } | null = null;
  let started = false;
  let stopped = false;
  let cancelTimer: Cancel | null = null;
  let inFlight: Promise<PollOutcome> | null = null;
  let controller: AbortController | null = null;
  let nextDelay = 0;
  let rateLimitStreak = 0;

  const emit = (): void => opts.onHealth(tracker.snapshot(clock.now()));

  async function ensureCursor(): Promise<string | null> {
    if (cursor) return cursor.value;
    const value = await opts.loadCursor();
    cursor = { value };
    connector.restore?.(value);
    return value;
  }

  async function pollAndCommit(signal: AbortSignal): Promise<PollOutcome> {
    let from: string | null;
    try {
      from = await ensureCursor();
    } catch (error) {
      return { kind: 'transient', message: `cannot load the cursor: ${errorMessage(error)}` };
    }
    const outcome = await safePoll(connector, { signal, now: clock.now(), cursor: from }, log);
    if (outcome.kind !== 'ok' || signal.aborted) return outcome;
    try {
      await opts.commit(outcome.items, outcome.cursor);
    } catch (error) {
      return { kind: 'transient', message: `commit failed: ${errorMessage(error)}` };
    }
    if (outcome.cursor !== null) cursor = { value: outcome.cursor };
    return outcome;
  }

  function record(outcome: PollOutcome): number {
    rateLimitStreak = outcome.kind === 'rate-limited' ? rateLimitStreak + 1 : 0;
    const now = clock.now();
    switch (outcome.kind) {
      case 'ok': {
        tracker.success(now, outcome.items, outcome.rejected.length);
        if (outcome.rejected.length > 0) {
          opts.onRejected?.(outcome.rejected.length);
          log.warn({ rejected: outcome.rejected.length, first: outcome.rejected[0] }, 'rejected malformed items');
        }
        recordPageErrors(outcome.pageErrors ?? [], now);
        const rl = outcome.rateLimit;
        const untilReset = rl && rl.remaining <= 0 ? rl.resetAt - now : 0;
        return Math.max(connector.pollIntervalMs, untilReset);
      }
      case 'rate-limited': {
        const until = rateLimitedUntil(rateLimitStreak, outcome.until, now, opts.rateLimit ?? DEFAULT_RATE_LIMIT);
        tracker.rateLimited(now, until, outcome.message);
        log.warn({ until, reportedUntil: outcome.until, streak: rateLimitStreak }, 'rate limited');
        return until - now;
      }
      case 'auth-error':
        tracker.failure(now, 'auth-error', outcome.message);
        log.warn({ error: outcome.message }, 'auth error');
        return AUTH_ERROR_WAIT_MS;
      case 'config-error':
        tracker.failure(now, 'config-error', outcome.message);
        log.warn({ error: outcome.message }, 'config error');
        return CONFIG_ERROR_WAIT_MS;
      case 'transient': {
        tracker.failure(now, 'failure', outcome.message);
        const delay = transientDelay(
          tracker.failures() - 1,
          random,
          outcome.retryAfterMs,
          opts.backoff ?? DEFAULT_BACKOFF,
        );
        log.warn({ error: outcome.message, failures: tracker.failures(), retryInMs: delay }, 'poll failed');
        return delay;
      }
      default:
        return assertNever(outcome, 'poll outcome');
    }
  }

  function recordPageErrors(errors: ReadonlyArray<RejectedItem>, now: number): void {
    const first = errors[0];
    if (!first) return;
    tracker.pageErrors(now, errors.length, first.reason);
    opts.onRejected?.(errors.length);
    log.warn({ pages: errors.length, first }, 'refused inconsistent pages');
  }

  function pollOnce(): Promise<PollOutcome> {
    if (inFlight) return inFlight;
    const ac = new AbortController();
    controller = ac;
    inFlight = pollAndCommit(ac.signal).then((outcome) => {
      inFlight = null;
      controller = null;
      if (!ac.signal.aborted) {
        nextDelay = record(outcome);
        emit();
      }
      return outcome;
    });
    return inFlight;
  }

  function schedule(ms: number): void {
    if (stopped) return;
    cancelTimer?.();
    cancelTimer = clock.setTimeout(() => {
      cancelTimer = null;
      void tick();
    }, ms);
  }

  async function tick(): Promise<void> {
    if (stopped) return;
    await ensureCursor().catch(() => undefined);
    const blocked = spend?.blockedUntil(clock.now()) ?? null;
    if (blocked !== null) {
      tracker.paused(blocked, 'daily spend cap reached');
      emit();
      schedule(blocked - clock.now());
      return;
    }
    await pollOnce();
    schedule(nextDelay);
  }

  return {
    start() {
      if (started || stopped) return;
      started = true;
      emit();
      schedule(0);
    },
    async stop() {
      stopped = true;
      cancelTimer?.();
      cancelTimer = null;
      controller?.abort();
      if (inFlight) await inFlight;
      await connector.stop?.();
    },
    health: () => tracker.snapshot(clock.now()),
    pollOnce,
  };
}

async function safePoll(
  connector: Connector,
  ctx: Parameters<Connector['poll']>[0],
  log: Logger,
): Promise<PollOutcome> {
  try {
    return await connector.poll(ctx);
  } catch (error) {
    log.error({ err: error }, 'connector threw (a bug): treated as transient');
    return { kind: 'transient', message: `connector error: ${errorMessage(error)}` };
  }
}
