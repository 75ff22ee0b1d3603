import type { Incident, Severity } from '../../../shared/incident';
import { SEVERITIES } from '../../../shared/incident';
import type { Mention } from '../../../shared/mention';
import { MINUTE_MS, minuteOf } from '../../../shared/series';
import type { IncidentEngine } from './engine';

/**
 * Re-runs detection over stored or replayed mentions as a live hub would have seen them: in time order,
 * hub time reaching each minute before its posts arrive, every minute closed and scored. Returns every
 * incident raised (merged-away ones excluded), oldest first.
 */
export function detectOver(mentions: ReadonlyArray<Mention>, engine: IncidentEngine): ReadonlyArray<Incident> {
  const sorted = [...mentions].sort((a, b) => a.createdAt - b.createdAt);
  feedInOrder(engine, sorted);
  const last = sorted.at(-1);
  return finishReplay(engine, last === undefined ? null : last.createdAt);
}

/** What data-time detection drives: the engine's ingest and tick (the core's `DetectionPort` has both). */
export interface DataTimeTarget {
  ingest(mentions: ReadonlyArray<Mention>): void;
  tick(now: number): ReadonlyArray<Incident>;
}

/**
 * Detection on data time, the one order every replay and backtest feeds it in: for each minute that has posts,
 * oldest first, tick to that minute's start (closing what the data has passed), then ingest its posts; ticks only
 * move forward. Whatever the batches (a replay's polls at any speed, a backtest's days), the engine sees the same
 * sequence, so it raises the same incidents. Returns the incidents the ticks changed.
 */
export function createDataTimeFeed(target: DataTimeTarget) {
  let ticked = -Infinity;
  const tickTo = (at: number): ReadonlyArray<Incident> => {
    if (at <= ticked) return [];
    ticked = at;
    return target.tick(at);
  };
  return {
    /** Feeds time-ordered mentions (none older than a minute already ticked past). */
    feed(sorted: ReadonlyArray<Mention>): Incident[] {
      const changed: Incident[] = [];
      let i = 0;
      while (i < sorted.length) {
        const minute = minuteOf(sorted[i]?.createdAt ?? 0);
        let j = i;
        while (j < sorted.length && minuteOf(sorted[j]?.createdAt ?? 0) === minute) j++;
        changed.push(...tickTo(minute));
        target.ingest(sorted.slice(i, j));
        i = j;
      }
      return changed;
    },
    /** Ticks to `at` (a minute start, or `finishAt`) if later than the last tick. */
    tickTo,
  };
}

/** Feeds one time-ordered chunk (later than any chunk before it), ticking to each minute before its posts. */
export function feedInOrder(engine: IncidentEngine, sorted: ReadonlyArray<Mention>): void {
  createDataTimeFeed(engine).feed(sorted);
}

/**
 * The tick that ends a replay: far enough past the last post that its minute and the next close whatever the
 * lateness grace. Replay, backtest and the hub's data-time feed all end here, so they agree on what is still open.
 */
export const finishAt = (lastCreatedAt: number, latenessMinutes: number): number =>
  minuteOf(lastCreatedAt) + (latenessMinutes + 2) * MINUTE_MS;

/** Closes the minutes after the last post and returns every incident raised, oldest first. */
export function finishReplay(engine: IncidentEngine, lastCreatedAt: number | null): ReadonlyArray<Incident> {
  if (lastCreatedAt !== null) engine.tick(finishAt(lastCreatedAt, engine.params.latenessMinutes));
  return [...engine.list()].sort((a, b) => a.openedAt - b.openedAt || a.id.localeCompare(b.id));
}

/** How many incidents of each severity. */
export function countBySeverity(incidents: ReadonlyArray<Incident>): Readonly<Record<Severity, number>> {
  const counts: Record<Severity, number> = { P1: 0, P2: 0, P3: 0, P4: 0 };
  for (const incident of incidents) counts[incident.severity] += 1;
  return counts;
}

/** One readable line per incident: severity, start, title, top terms. */
export function describeIncident(incident: Incident, terms = 5): string {
  const start = new Date(incident.evidence.startedAt).toISOString().slice(0, 16).replace('T', ' ');
  const top = incident.evidence.risingTerms
    .slice(0, terms)
    .map((t) => t.term)
    .join(', ');
  return `${incident.severity}  ${start}Z  ${incident.title}  [${top}]`;
}

/** The severities in order, for reports. */
export const SEVERITY_ORDER: ReadonlyArray<Severity> = SEVERITIES;
