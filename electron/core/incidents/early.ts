import type { IncidentParams } from './params';
import type { Signal } from './model';
import type { OpenEntry, OpenMinutes } from './open-minute';
import { hotThreshold, shouldOpen } from './rules';
import type { SeriesScorer } from './scorer';
import { watchlistFamilyKey } from './samples';
import { VOLUME, familyOrder } from './family';
import { MINUTE_MS } from '../../../shared/series';

/** Open minutes looked at: the newest closed minute's successor, and the one after it while the first is in grace. */
const MAX_OPEN_AHEAD = 2;
/** The early threshold of a series is searched up to this count; beyond it the series cannot open early. */
const SEARCH_CAP = 1 << 24;

/** What the early path asks the engine: the closed path's own rules, read without changing anything. */
export interface EarlyPort {
  /** Whether an open (or provisional) incident of the watchlist would take a signal of `family` at `minute`. */
  taken(watchlist: string, family: string, minute: number): boolean;
  /** Anomalous signals of (watchlist, family) pending from closed minutes. */
  pending(watchlist: string, family: string): ReadonlyArray<Signal>;
  /** Whether (watchlist, family) is cooling down after an incident at `minute`. */
  cooling(watchlist: string, family: string, minute: number): boolean;
  /** The scoring flags the closed path would use at `minute` (a young incident holds it; one listens for topics). */
  flags(watchlist: string, family: string, minute: number): { readonly frozen: boolean; readonly listening: boolean };
}

/** A series whose open minute, as counted so far, already opens an incident: the signals that open it. */
export interface Openable {
  readonly watchlist: string;
  readonly family: string;
  readonly minute: number;
  readonly signals: ReadonlyArray<Signal>;
}

/**
 * The open-minute path of detection. Each series (a family across sources or on one channel) is scored as if its
 * open minute closed now with the count so far — on a scratch copy of its state, with the closed path's own rules (detector score,
 * rolling window, pending minutes, burst size, cooldowns, incidents that would take it). Counts only grow, so a
 * partial minute that qualifies is one the closed minute will confirm unless late posts or a different story
 * change the picture. The learned state is only ever changed by closed minutes.
 *
 * Cost: O(1) per series per arrival. A series is simulated only once its window is at least half-way to hot; the
 * count at which it would open is then searched once per closed minute and cached, so later arrivals compare.
 */
export interface EarlyDetector {
  /** Calls `open` for each series whose open minute already opens an incident, topics first. */
  evaluate(lastClosed: number, nowMinute: number, minutesProcessed: number, open: (openable: Openable) => void): void;
  /** Minutes closed through `lastClosed`: thresholds are stale, and every open series is looked at again. */
  closed(lastClosed: number): void;
  /** A provisional incident was withdrawn: its watchlist waits for the closed path for `openWindowMinutes`. */
  withdrawn(watchlist: string, minute: number): void;
}

/** Creates the early path over the engine's open-minute tally and scorer. */
export function createEarlyDetector(
  params: IncidentParams,
  scorer: SeriesScorer,
  tally: OpenMinutes,
  port: EarlyPort,
): EarlyDetector {
  /** Per series: the count at which its open minute opens, valid for one minute, one close and one preceding count. */
  const thresholds = new Map<string, { tag: string; count: number }>();
  /** Per watchlist that just had a provisional incident withdrawn: no early opening before this minute. */
  const suppressed = new Map<string, number>();
  let stale = true;

  const pointsOf = (entry: OpenEntry, lastClosed: number, value: number): Array<{ minute: number; value: number }> => {
    const points: Array<{ minute: number; value: number }> = [];
    for (let minute = lastClosed + MINUTE_MS; minute < entry.minute; minute += MINUTE_MS)
      points.push({ minute, value: tally.value(entry.watchlist, entry.channel, minute, entry.family) });
    points.push({ minute: entry.minute, value });
    return points;
  };

  /** The signals that would open an incident if the open minutes closed with `value` in the last one, else null. */
  const opens = (entry: OpenEntry, lastClosed: number, value: number, minutesProcessed: number): Signal[] | null => {
    const flags = port.flags(entry.watchlist, entry.family, entry.minute);
    const points = pointsOf(entry, lastClosed, value);
    // The channel's other posts in those open minutes, as counted so far: the topic's exposure (see exposureScale).
    const others = points.map(
      (point) =>
        tally.value(entry.watchlist, entry.channel, point.minute, VOLUME) -
        tally.value(entry.watchlist, entry.channel, point.minute, entry.family),
    );
    const sims = scorer.simulate(entry.watchlist, entry.channel, entry.family, points, minutesProcessed, flags, others);
    let list = [...port.pending(entry.watchlist, entry.family)];
    for (const simulated of sims) {
      if (
        !simulated ||
        simulated.corroborationOnly ||
        simulated.joinOnly ||
        simulated.windowCount < params.minCountToOpen
      )
        continue;
      list = list.filter((pending) => pending.minute > simulated.minute - params.openWindowMinutes * MINUTE_MS);
      list.push(simulated);
      if (shouldOpen(list, params)) return list;
    }
    return null;
  };

  /** A cheap necessary condition: the window could be hot and big enough with this count. */
  const mayOpen = (entry: OpenEntry, lastClosed: number, value: number): boolean => {
    const earlier = pointsOf(entry, lastClosed, value)
      .slice(0, -1)
      .reduce((sum, point) => sum + point.value, 0);
    const window = scorer.windowOf(entry.watchlist, entry.family, entry.channel) + earlier + value;
    const expected = scorer.baselineOf(entry.watchlist, entry.family, entry.channel) * params.windowMinutes;
    return value > 0 && window >= params.minCountToOpen && window >= 0.5 * hotThreshold(expected, params);
  };

  /** The smallest count above `value` at which the open minute would open (searched on scratch copies). */
  const searchThreshold = (entry: OpenEntry, lastClosed: number, value: number, minutesProcessed: number): number => {
    let lo = value;
    let hi = Math.max(value * 2, value + 1);
    while (opens(entry, lastClosed, hi, minutesProcessed) === null) {
      if (hi >= SEARCH_CAP) return Infinity;
      lo = hi;
      hi *= 2;
    }
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (opens(entry, lastClosed, mid, minutesProcessed) === null) lo = mid;
      else hi = mid;
    }
    return hi;
  };

  const consider = (entry: OpenEntry, lastClosed: number, minutesProcessed: number): Openable | null => {
    if ((suppressed.get(entry.watchlist) ?? -Infinity) > entry.minute) return null;
    if (!scorer.warmAt(entry.watchlist, entry.channel, entry.family, minutesProcessed)) return null;
    if (
      port.cooling(entry.watchlist, entry.family, entry.minute) ||
      port.taken(entry.watchlist, entry.family, entry.minute)
    )
      return null;
    const value = tally.value(entry.watchlist, entry.channel, entry.minute, entry.family);
    if (!mayOpen(entry, lastClosed, value)) return null;
    const before = pointsOf(entry, lastClosed, value)
      .slice(0, -1)
      .map((point) => point.value)
      .join(',');
    const key = `${watchlistFamilyKey(entry.watchlist, entry.family)}|${entry.channel}`;
    const tag = `${entry.minute}|${lastClosed}|${before}`;
    const cached = thresholds.get(key);
    if (cached && cached.tag === tag && value < cached.count) return null;
    const signals = opens(entry, lastClosed, value, minutesProcessed);
    if (signals) return { watchlist: entry.watchlist, family: entry.family, minute: entry.minute, signals };
    thresholds.set(key, { tag, count: searchThreshold(entry, lastClosed, value, minutesProcessed) });
    return null;
  };

  return {
    evaluate(lastClosed, nowMinute, minutesProcessed, open) {
      const entries = tally
        .take(stale)
        .filter(
          (entry) =>
            entry.minute > lastClosed &&
            entry.minute <= nowMinute &&
            entry.minute - lastClosed <= MAX_OPEN_AHEAD * MINUTE_MS,
        )
        .sort((a, b) => familyOrder(a.family) - familyOrder(b.family) || a.minute - b.minute);
      stale = false;
      for (const entry of entries) {
        const found = consider(entry, lastClosed, minutesProcessed);
        if (found) open(found);
      }
    },
    closed(lastClosed) {
      stale = true;
      thresholds.clear();
      for (const [key, until] of suppressed) if (until <= lastClosed) suppressed.delete(key);
    },
    withdrawn(watchlist, minute) {
      suppressed.set(watchlist, minute + params.openWindowMinutes * MINUTE_MS);
    },
  };
}
