import type { HealthState, SourceHealth } from '../../../shared/source-health';
import type { Connector } from '../connectors/connector';

/** Thresholds for how a source's health is judged. */
export interface HealthPolicy {
  /** Consecutive failures at which a source is "failing" rather than "degraded". */
  readonly failingAfter: number;
  /** A success within this long after a failure still shows "degraded". */
  readonly degradedForMs: number;
  /** The sliding window for itemsPerMinute. */
  readonly rateWindowMs: number;
}

/** Defaults: failing after 3 consecutive failures, degraded for 10 minutes, rate over 15 minutes. */
export const DEFAULT_HEALTH_POLICY: HealthPolicy = {
  failingAfter: 3,
  degradedForMs: 10 * 60_000,
  rateWindowMs: 15 * 60_000,
};

type Condition =
  | { readonly kind: 'idle' }
  | { readonly kind: 'ok' }
  | { readonly kind: 'failure' }
  | { readonly kind: 'auth-error' }
  | { readonly kind: 'config-error' }
  | { readonly kind: 'rate-limited'; readonly until: number }
  | { readonly kind: 'paused'; readonly until: number };

/** Tracks one source's health from the runner's observations; pure apart from its own state. */
export class HealthTracker {
  private condition: Condition = { kind: 'idle' };
  private consecutiveFailures = 0;
  private lastFailureAt: number | null = null;
  private lastSuccessAt: number | null = null;
  private lastItemAt: number | null = null;
  private lastError: string | null = null;
  private rejected = 0;
  private arrivals: Array<{ readonly at: number; readonly count: number }> = [];

  constructor(
    private readonly connector: Pick<Connector, 'id' | 'kind' | 'label'>,
    private readonly policy: HealthPolicy = DEFAULT_HEALTH_POLICY,
  ) {}

  /** Consecutive failed polls (transient, rate-limited, auth or config) since the last success. */
  failures(): number {
    return this.consecutiveFailures;
  }

  success(now: number, items: ReadonlyArray<{ readonly createdAt: number }>, rejected: number): void {
    this.condition = { kind: 'ok' };
    this.consecutiveFailures = 0;
    this.lastSuccessAt = now;
    this.rejected += rejected;
    if (items.length > 0) {
      this.arrivals.push({ at: now, count: items.length });
      const newest = Math.max(...items.map((i) => i.createdAt));
      this.lastItemAt = Math.max(this.lastItemAt ?? newest, newest);
    }
  }

  /** A poll that succeeded but refused a whole page (inconsistent, or a pagination loop): degraded, and counted. */
  pageErrors(now: number, count: number, message: string): void {
    this.rejected += count;
    this.lastFailureAt = now;
    this.lastError = message;
  }

  failure(now: number, kind: 'failure' | 'auth-error' | 'config-error', message: string): void {
    this.condition = { kind };
    this.consecutiveFailures++;
    this.lastFailureAt = now;
    this.lastError = message;
  }

  /** A 429 is a failure: it counts, and the source shows rate-limited until `until`, then degraded. */
  rateLimited(now: number, until: number, message: string): void {
    this.condition = { kind: 'rate-limited', until };
    this.consecutiveFailures++;
    this.lastFailureAt = now;
    this.lastError = message;
  }

  paused(until: number, message: string): void {
    this.condition = { kind: 'paused', until };
    this.lastError = message;
  }

  snapshot(now: number): SourceHealth {
    const c = this.condition;
    return {
      sourceId: this.connector.id,
      kind: this.connector.kind,
      label: this.connector.label,
      state: this.state(now),
      lastSuccessAt: this.lastSuccessAt,
      lastItemAt: this.lastItemAt,
      rateLimitedUntil: c.kind === 'rate-limited' && c.until > now ? c.until : null,
      itemsPerMinute: this.itemsPerMinute(now),
      rejected: this.rejected,
      lastError: this.lastError,
    };
  }

  private state(now: number): HealthState {
    const c = this.condition;
    switch (c.kind) {
      case 'idle':
        return 'idle';
      case 'auth-error':
        return 'auth-error';
      case 'config-error':
        return 'failing';
      case 'paused':
        return 'degraded';
      case 'rate-limited':
        return c.until > now ? 'rate-limited' : 'degraded';
      case 'failure':
        return this.consecutiveFailures >= this.policy.failingAfter ? 'failing' : 'degraded';
      case 'ok':
        return this.lastFailureAt !== null && now - this.lastFailureAt < this.policy.degradedForMs ? 'degraded' : 'ok';
    }
  }

  private itemsPerMinute(now: number): number {
    const from = now - this.policy.rateWindowMs;
    this.arrivals = this.arrivals.filter((a) => a.at > from);
    const total = this.arrivals.reduce((sum, a) => sum + a.count, 0);
    return Math.round((total / (this.policy.rateWindowMs / 60_000)) * 100) / 100;
  }
}
