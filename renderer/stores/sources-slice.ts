import type { SourceHealth } from '../../shared/source-health';

/** Each configured source's health, keyed by source id. */
export interface SourcesSlice {
  readonly sources: ReadonlyMap<string, SourceHealth>;
}

/** Initial sources state. */
export const initialSources = (): SourcesSlice => ({ sources: new Map() });

/** Replaces the health of the sources given (pure; a new Map). */
export function mergeSources(
  sources: ReadonlyMap<string, SourceHealth>,
  updates: Iterable<SourceHealth>,
): ReadonlyMap<string, SourceHealth> {
  const next = new Map(sources);
  for (const s of updates) next.set(s.sourceId, s);
  return next;
}

/** Considered stale when no item arrived for this long (hub time). */
export const STALE_AFTER_MS = 15 * 60 * 1000;

/** How fresh one source's data is at hub time `now`. */
export interface Freshness {
  /** Ms since the newest item, or null when none yet. */
  readonly ageMs: number | null;
  readonly stale: boolean;
}

/** Data age and staleness of a source: stale when failing or when its newest item is too old. */
export function freshness(health: SourceHealth, now: number): Freshness {
  const ageMs = health.lastItemAt === null ? null : Math.max(0, now - health.lastItemAt);
  const failing = health.state === 'failing' || health.state === 'auth-error';
  const old = ageMs !== null && ageMs > STALE_AFTER_MS;
  return { ageMs, stale: failing || old };
}
