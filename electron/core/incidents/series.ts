import { z } from 'zod';
import type { Mention } from '../../../shared/mention';
import { pairKey, parsePair, type SeriesChannel } from './series-keys';
import { MINUTE_MS, minuteOf } from '../../../shared/series';

export { SeriesChannelSchema, type SeriesChannel } from './series-keys';

/**
 * One minute of one watchlist on one channel (or across sources). `topics` counts the non-positive
 * mentions tagged with each failure topic: a thank-you for a fast refund is not a refund complaint.
 */
export const MinuteCountsSchema = z.object({
  total: z.number().int().nonnegative(),
  negative: z.number().int().nonnegative(),
  positive: z.number().int().nonnegative(),
  topics: z.record(z.string(), z.number().int().nonnegative()),
});
export type MinuteCounts = z.infer<typeof MinuteCountsSchema>;

/** A closed minute handed to detection, zero-filled for every known watchlist and channel. */
export interface ClosedMinute {
  readonly minute: number;
  readonly watchlist: string;
  readonly channel: SeriesChannel;
  readonly counts: MinuteCounts;
}

/** A point kept for charts: one minute of one watchlist/channel. */
export interface SeriesHistoryPoint {
  readonly minute: number;
  readonly counts: MinuteCounts;
}

/** Negative share of a minute: negative / total, 0 for an empty minute. */
export const negativeShare = (c: MinuteCounts): number => (c.total === 0 ? 0 : c.negative / c.total);

const BuilderStateSchema = z.object({
  lastClosed: z.number().int().nullable(),
  open: z.array(z.tuple([z.string(), z.number().int(), MinuteCountsSchema])),
  history: z.array(z.tuple([z.string(), z.array(z.tuple([z.number().int(), MinuteCountsSchema]))])),
});
export type SeriesBuilderState = z.infer<typeof BuilderStateSchema>;
export { BuilderStateSchema as SeriesBuilderStateSchema };

/** Options of the builder: how long minutes wait for late posts, how much history, how far gaps are filled. */
export interface SeriesBuilderOptions {
  readonly latenessMinutes: number;
  readonly historyMinutes: number;
  readonly maxGapMinutes: number;
  /** The window within which one author counts once per series (`AuthorOnce`); default 1, the minute. */
  readonly windowMinutes?: number;
}

/** Builds per-minute series per watchlist, per channel and across sources; pure, bounded memory. */
export interface SeriesBuilder {
  /**
   * Counts a mention in its minute, each author at most once per series and window (`AuthorOnce`). Returns false
   * when that minute was already closed (it still lands in history) or the post counted in no series (its
   * author had already counted in each of its series within the window).
   */
  add(mention: Mention): boolean;
  /** Closes every minute that ended more than `latenessMinutes` before `now`, oldest first, zero-filled. */
  close(now: number): ReadonlyArray<ClosedMinute>;
  /** Closed points of one watchlist and channel from `fromMinute` on, oldest first. */
  history(watchlist: string, channel: SeriesChannel, fromMinute: number): ReadonlyArray<SeriesHistoryPoint>;
  /** Watchlists seen so far. */
  watchlists(): ReadonlyArray<string>;
  /** The last minute closed, or null before the first close: later minutes are still open. */
  lastClosed(): number | null;
  exportState(): SeriesBuilderState;
  /** Restores a state validated with `SeriesBuilderStateSchema`. */
  importState(state: SeriesBuilderState): void;
}

/** Counts of an empty minute. */
export const emptyCounts = (): MinuteCounts => ({ total: 0, negative: 0, positive: 0, topics: {} });

/** The series of a minute a mention counts in: "total", its sentiment, and its topics unless it is positive. */
export function seriesOfMention(mention: Mention): string[] {
  const label = mention.enrichment.sentiment.label;
  const out = ['total'];
  if (label === 'negative' || label === 'positive') out.push(label);
  if (label === 'positive') return out;
  for (const topic of new Set(mention.enrichment.topics.map((t) => t.topic))) out.push(`topic:${topic}`);
  return out;
}

/** Adds 1 to one series (as named by `seriesOfMention`) of a minute's counts. */
function bump(counts: MinuteCounts, series: string): void {
  if (series === 'total') counts.total += 1;
  else if (series === 'negative') counts.negative += 1;
  else if (series === 'positive') counts.positive += 1;
  else {
    const topic = series.slice('topic:'.length);
    counts.topics[topic] = (counts.topics[topic] ?? 0) + 1;
  }
}

/** Counts one mention into a minute's counts (every post counts; see `AuthorOnce` for the per-author rule). */
export function countInto(counts: MinuteCounts, mention: Mention): void {
  for (const series of seriesOfMention(mention)) bump(counts, series);
}

/** Who a mention's author is within its channel: the same handle on two platforms is two accounts. */
export const authorKey = (mention: Mention): string => `${mention.channel}\u0001${mention.author.handle}`;

/**
 * Downdetector's rule, with the detector's window as the window: within `windowMinutes`, one author adds at most 1
 * to each series (total, negative, positive, each topic) of one watchlist and channel. The detector judges a series
 * by the sum of its window, so one account posting twenty "app is down" posts a minute, for an hour, adds at most 1
 * to any window it is judged on: a person, not a breakdown. Bounded: it keeps only the last window's authors.
 */
export interface AuthorOnce {
  /** Counts a mention into `counts` (of key + minute) once per author and series; returns whether anything counted. */
  count(counts: MinuteCounts, key: string, minute: number, mention: Mention): boolean;
  /** Forgets authors who last counted before `minute` minus the window (time has moved on). */
  forgetBefore(minute: number): void;
}

/** Creates an empty per-author rule over a window of `windowMinutes` (1: the minute). */
export function createAuthorOnce(windowMinutes: number): AuthorOnce {
  const span = Math.max(1, windowMinutes) * MINUTE_MS;
  /** When each (series, author) last counted, and who counted in each minute (to forget them in order). */
  const last = new Map<string, number>();
  const byMinute = new Map<number, string[]>();
  return {
    count(counts, key, minute, mention) {
      const who = `${key}\u0002${authorKey(mention)}`;
      let counted = false;
      for (const series of seriesOfMention(mention)) {
        const id = `${who}\u0002${series}`;
        const at = last.get(id);
        if (at !== undefined && Math.abs(minute - at) < span) continue;
        last.set(id, minute);
        const ids = byMinute.get(minute) ?? [];
        byMinute.set(minute, ids);
        ids.push(id);
        bump(counts, series);
        counted = true;
      }
      return counted;
    },
    forgetBefore(minute) {
      for (const [m, ids] of byMinute) {
        if (m > minute - span) continue;
        for (const id of ids) if (last.get(id) === m) last.delete(id);
        byMinute.delete(m);
      }
    },
  };
}

function addCounts(into: MinuteCounts, from: MinuteCounts): void {
  into.total += from.total;
  into.negative += from.negative;
  into.positive += from.positive;
  for (const [topic, n] of Object.entries(from.topics)) into.topics[topic] = (into.topics[topic] ?? 0) + n;
}

/** Creates a series builder. */
export function createSeriesBuilder(options: SeriesBuilderOptions): SeriesBuilder {
  let lastClosed: number | null = null;
  const open = new Map<string, Map<number, MinuteCounts>>();
  const authors = createAuthorOnce(options.windowMinutes ?? 1);
  const history = new Map<string, Array<[number, MinuteCounts]>>();

  const bucket = (key: string, minute: number): MinuteCounts => {
    const perMinute = open.get(key) ?? new Map<number, MinuteCounts>();
    open.set(key, perMinute);
    const counts = perMinute.get(minute) ?? emptyCounts();
    perMinute.set(minute, counts);
    return counts;
  };

  const pushHistory = (key: string, minute: number, counts: MinuteCounts): void => {
    const points = history.get(key) ?? [];
    history.set(key, points);
    points.push([minute, counts]);
    const oldest = minute - options.historyMinutes * MINUTE_MS;
    while (points.length > 0 && (points[0]?.[0] ?? 0) < oldest) points.shift();
  };

  const addLate = (key: string, minute: number, mention: Mention): void => {
    const point = history.get(key)?.find(([m]) => m === minute);
    if (point) countInto(point[1], mention);
  };

  const firstOpenMinute = (): number | null => {
    let first: number | null = null;
    for (const perMinute of open.values())
      for (const m of perMinute.keys()) first = first === null ? m : Math.min(first, m);
    return first;
  };

  const closeMinute = (minute: number, out: ClosedMinute[]): void => {
    const across = new Map<string, MinuteCounts>();
    for (const key of new Set([...open.keys(), ...history.keys()])) {
      const [watchlist, channel] = parsePair(key);
      if (channel === '*') continue;
      const counts = open.get(key)?.get(minute) ?? emptyCounts();
      open.get(key)?.delete(minute);
      if (open.get(key)?.size === 0) open.delete(key);
      pushHistory(key, minute, counts);
      out.push({ minute, watchlist, channel, counts });
      const sum = across.get(watchlist) ?? emptyCounts();
      across.set(watchlist, sum);
      addCounts(sum, counts);
    }
    for (const [watchlist, counts] of across) {
      pushHistory(pairKey(watchlist, '*'), minute, counts);
      out.push({ minute, watchlist, channel: '*', counts });
    }
  };

  return {
    add(mention) {
      const minute = minuteOf(mention.createdAt);
      const key = pairKey(mention.watchlist, mention.channel);
      if (lastClosed !== null && minute <= lastClosed) {
        addLate(key, minute, mention);
        addLate(pairKey(mention.watchlist, '*'), minute, mention);
        return false;
      }
      return authors.count(bucket(key, minute), key, minute, mention);
    },
    close(now) {
      const last = minuteOf(now - MINUTE_MS - options.latenessMinutes * MINUTE_MS);
      const out: ClosedMinute[] = [];
      let next = lastClosed === null ? firstOpenMinute() : lastClosed + MINUTE_MS;
      if (next === null || next > last) {
        // Nothing to close. Before any post was counted, lastClosed stays null: a back-fill committed after the first
        // tick (a slow first poll, a network store) must count, not arrive "late" and leave detection cold for hours.
        return out;
      }
      const skipTo = last - (options.maxGapMinutes - 1) * MINUTE_MS;
      if (next < skipTo) {
        for (const perMinute of open.values()) for (const m of perMinute.keys()) if (m < skipTo) perMinute.delete(m);
        authors.forgetBefore(skipTo);
        next = skipTo;
      }
      for (let minute = next; minute <= last; minute += MINUTE_MS) closeMinute(minute, out);
      authors.forgetBefore(last);
      lastClosed = last;
      return out;
    },
    history(watchlist, channel, fromMinute) {
      const points = history.get(pairKey(watchlist, channel)) ?? [];
      return points.filter(([m]) => m >= fromMinute).map(([minute, counts]) => ({ minute, counts }));
    },
    watchlists() {
      return [...new Set([...open.keys(), ...history.keys()].map((k) => parsePair(k)[0]))];
    },
    lastClosed: () => lastClosed,
    exportState() {
      const openRows: Array<[string, number, MinuteCounts]> = [];
      for (const [key, perMinute] of open) for (const [m, c] of perMinute) openRows.push([key, m, c]);
      return { lastClosed, open: openRows, history: [...history].map(([k, pts]) => [k, pts]) };
    },
    importState(state) {
      lastClosed = state.lastClosed;
      open.clear();
      history.clear();
      for (const [key, m, c] of state.open) addCounts(bucket(key, m), c);
      for (const [key, pts] of state.history)
        history.set(
          key,
          pts.map(([m, c]) => [m, c]),
        );
    },
  };
}

/** Closed rows (ordered by minute) grouped per minute, in order. */
export function groupByMinute(rows: ReadonlyArray<ClosedMinute>): Array<[number, ClosedMinute[]]> {
  const groups: Array<[number, ClosedMinute[]]> = [];
  for (const row of rows) {
    const last = groups[groups.length - 1];
    if (last && last[0] === row.minute) last[1].push(row);
    else groups.push([row.minute, [row]]);
  }
  return groups;
}
