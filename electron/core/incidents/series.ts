import { z } from 'zod';
import type { Channel, Mention } from '../../../shared/mention';
import { ChannelSchema } from '../../../shared/mention';
import { MINUTE_MS, minuteOf } from '../../../shared/series';

/** The channel a series is about, or "*" for the sum across sources. */
export type SeriesChannel = Channel | '*';
export const SeriesChannelSchema = z.union([ChannelSchema, z.literal('*')]);

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
}

/** Builds per-minute series per watchlist, per channel and across sources; pure, bounded memory. */
export interface SeriesBuilder {
  /** Counts a mention in its minute. Returns false when that minute was already closed (it still lands in history). */
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
const pairKey = (watchlist: string, channel: SeriesChannel): string => JSON.stringify([watchlist, channel]);
const PairSchema = z.tuple([z.string(), SeriesChannelSchema]);
const parsePair = (key: string): [string, SeriesChannel] => PairSchema.parse(JSON.parse(key));

/** Counts one mention into a minute's counts. */
export function countInto(counts: MinuteCounts, mention: Mention): void {
  const label = mention.enrichment.sentiment.label;
  counts.total += 1;
  if (label === 'negative') counts.negative += 1;
  if (label === 'positive') counts.positive += 1;
  if (label === 'positive') return;
  for (const topic of new Set(mention.enrichment.topics.map((t) => t.topic))) {
    counts.topics[topic] = (counts.topics[topic] ?? 0) + 1;
  }
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
      countInto(bucket(key, minute), mention);
      return true;
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
        next = skipTo;
      }
      for (let minute = next; minute <= last; minute += MINUTE_MS) closeMinute(minute, out);
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
