import { z } from 'zod';
import type { Detector } from '../detect/detector';
import type { Result } from '../../../shared/result';
import { appError, err, ok } from '../../../shared/result';
import type { IncidentParams } from './params';
import type { SeriesState, Signal } from './model';
import { SeriesStateSchema } from './model';
import type { ClosedMinute, SeriesChannel } from './series';
import { pairKey, parsePair, parseSeriesKey, seriesKey } from './series-keys';
import { isHot } from './rules';
import { topicScale, type Exposure } from './exposure';
import { NEGATIVE, VOLUME, isTopic, topicKey, valueOf } from './family';
import { MINUTE_MS } from '../../../shared/series';

/**
 * A series first seen after the engine has run a while had zero posts until then (the hub was listening):
 * its detector state is primed with up to this many zero minutes so it is not cold.
 */
const PRIME_MINUTES = 180;

/**
 * The detector's expectation may sit below the engine's own slow level, but a window is never judged against less
 * than this share of it. At 0.5 (a quiet hour's allowance) the running demo raised chance "payment" incidents: the
 * detector's expectation of a sparse count series sits near half its mean, so windows at the usual rate looked hot.
 * The detector's seasonal lift still raises the bar in a busy hour.
 */
const OWN_FLOOR = 1;

/** The detector's expectation for a point, read before `update`. */
export type Explain<S> = (state: S, timestamp: number, value: number) => { readonly baseline: number };

/** One point of one series. */
interface Point {
  readonly family: string;
  readonly channel: SeriesChannel;
  readonly minute: number;
  readonly value: number;
}

/** A deep copy of a series' state; the detector's state is plain JSON. */
const cloneState = <S>(s: SeriesState<S>): SeriesState<S> => ({
  ...s,
  det: structuredClone(s.det),
  recent: [...s.recent],
});

/** Persisted form: [key, state] rows, the detector's own state opaque. */
export type ScorerState = Array<[string, z.infer<typeof SeriesStateSchema>]>;

/** Every series' detector state and baseline; scores closed minutes into anomalous signals. */
export interface SeriesScorer {
  /**
   * Scores one closed row for one family. `frozen` (the family is in a young incident) keeps the engine's own
   * level from learning and lets hot points through without a detector fire; so does `listening` (an open
   * incident in the watchlist wants to know which failure topics show up in it). Such a point is `joinOnly`: it
   * may join an incident that takes it, never count towards opening one.
   */
  score(
    row: ClosedMinute,
    family: string,
    frozen: boolean,
    minutesProcessed: number,
    listening?: boolean,
  ): Signal | null;
  /**
   * Scores `points` (the open minutes of one series, oldest first, counts so far) on a scratch copy
   * of its state: what `score` would return if those minutes closed now. The real state is left untouched.
   * `others` (per point) are the channel's posts outside the family in those minutes, for a topic's exposure.
   */
  simulate(
    watchlist: string,
    channel: SeriesChannel,
    family: string,
    points: ReadonlyArray<{ readonly minute: number; readonly value: number }>,
    minutesProcessed: number,
    flags: { readonly frozen: boolean; readonly listening: boolean },
    others?: ReadonlyArray<number>,
  ): Array<Signal | null>;
  /**
   * How much busier than usual the rest of a topic's channel is at its last closed minute (1 for volume and
   * negative): the topic's usual level is scaled by it before a window counts as hot (see `exposureScale`).
   */
  exposureOf(watchlist: string, family: string, channel?: SeriesChannel): number;
  /** Whether a family's series across sources has been observed long enough to open anything. */
  warmAt(watchlist: string, channel: SeriesChannel, family: string, minutesProcessed: number): boolean;
  /** Drops the primed states kept for simulation (a minute closed: they are stale). */
  forgetPrimed(): void;
  /**
   * Ends the detector's quiet period after a fire (see `Detector.release`) on every series of a watchlist whose last
   * alarm came at or after `since`, except families in `keep`: an incident open since then has resolved, and it did
   * the deduplicating that quiet period is for.
   */
  release(watchlist: string, since: number, keep: ReadonlySet<string>): void;
  /** Families to score for a row: volume, negative, and every topic seen on that watchlist/channel. */
  familiesFor(row: ClosedMinute): ReadonlyArray<string>;
  /** The baseline used for a family's series (across sources unless a channel is named) at its last minute. */
  baselineOf(watchlist: string, family: string, channel?: SeriesChannel): number;
  /** Posts of a family (across sources unless a channel is named) in the rolling window ending at its last minute. */
  windowOf(watchlist: string, family: string, channel?: SeriesChannel): number;
  /** The (watchlist, channel) pairs known. */
  pairs(): ReadonlyArray<readonly [string, SeriesChannel]>;
  exportState(): ScorerState;
  /** Restores validated rows; an error naming the first malformed key (the state is then left unchanged). */
  importState(rows: ReadonlyArray<readonly [string, z.infer<typeof SeriesStateSchema>]>): Result<void>;
}

/** Creates the scorer. The detector decides onsets; the rolling window decides whether a series is still hot. */
export function createSeriesScorer<S>(
  detector: Detector<S>,
  explain: Explain<S> | undefined,
  params: IncidentParams,
): SeriesScorer {
  const series = new Map<string, SeriesState<S>>();
  const familiesByPair = new Map<string, Set<string>>();
  const alpha = 1 - 2 ** (-1 / params.baselineHalfLifeMinutes);
  /** Primed states of series not created yet, so simulating a new series' open minute primes it once. */
  const primed = new Map<string, { tag: string; state: SeriesState<S> }>();

  const remember = (key: string, w: string, c: SeriesChannel, family: string, state: SeriesState<S>): void => {
    series.set(key, state);
    const pair = pairKey(w, c);
    familiesByPair.set(pair, (familiesByPair.get(pair) ?? new Set<string>()).add(family));
  };

  /** A new series' state at `minute`, primed with the zero minutes the hub listened to before it appeared. */
  const freshState = (minute: number, history: number): SeriesState<S> => {
    const state: SeriesState<S> = {
      det: detector.newState(),
      level: 0,
      seen: history,
      recent: [],
      lastTrigger: null,
      baseline: 0,
    };
    for (let i = Math.min(history, PRIME_MINUTES); i > 0; i--) detector.update(state.det, minute - i * MINUTE_MS, 0);
    return state;
  };

  const ensure = (w: string, c: SeriesChannel, family: string, minute: number, history: number): SeriesState<S> => {
    const key = seriesKey(w, c, family);
    const existing = series.get(key);
    if (existing) return existing;
    const state = freshState(minute, history);
    remember(key, w, c, family, state);
    return state;
  };

  const baselineFor = (state: SeriesState<S>, minute: number, value: number): number => {
    const own = state.seen === 0 ? value : state.level;
    const expected = explain?.(state.det, minute, value).baseline;
    if (expected === undefined || !Number.isFinite(expected)) return own;
    return Math.max(expected, OWN_FLOOR * own);
  };

  const scaleOf = (state: SeriesState<S>, exposure: Exposure | undefined): number =>
    topicScale(exposure, state.recent, state.othersLevel, params.windowMinutes);

  /** Learns a series' own level (and a topic's exposure) from a point that is neither hot nor frozen. */
  const learn = (state: SeriesState<S>, value: number, exposure: Exposure | undefined): void => {
    const rate = Math.max(alpha, 1 / (state.seen + 1));
    state.level += rate * (value - state.level);
    if (exposure === undefined) return;
    const others = Math.max(0, (exposure.volume[exposure.volume.length - 1] ?? 0) - value);
    state.othersLevel =
      state.othersLevel === undefined ? others : state.othersLevel + rate * (others - state.othersLevel);
  };

  /** Scores one point of a series into `state` (the real one, or a scratch copy when simulating an open minute). */
  const step = (
    state: SeriesState<S>,
    point: Point,
    frozen: boolean,
    listening: boolean,
    exposure?: Exposure,
  ): Signal | null => {
    const { family, channel, minute, value } = point;
    const baseline = baselineFor(state, minute, value);
    state.baseline = baseline;
    const score = detector.update(state.det, minute, value);
    state.recent.push(value);
    if (state.recent.length > params.windowMinutes) state.recent.shift();
    const windowCount = state.recent.reduce((a, b) => a + b, 0);
    const warm = state.seen >= params.warmupMinutes;
    if (warm && score >= params.scoreThreshold) state.lastTrigger = minute;
    const armed = state.lastTrigger !== null && minute - state.lastTrigger < params.openWindowMinutes * MINUTE_MS;
    const hot = warm && value > 0 && isHot(windowCount, baseline * scaleOf(state, exposure), params);
    const anomalous = hot && (armed || frozen || listening);
    const corroborates = hot && !anomalous && channel !== '*';
    if (!hot && !frozen) learn(state, value, exposure);
    state.seen += 1;
    if (!anomalous && !corroborates) return null;
    const rate = windowCount / params.windowMinutes;
    const signal: Signal = { family, channel, minute, value, rate, windowCount, baseline, score };
    if (corroborates) return { ...signal, corroborationOnly: true };
    return armed ? signal : { ...signal, joinOnly: true };
  };

  /** A topic's exposure: its channel's volume series (undefined for volume and negative, or before volume exists). */
  const exposureFor = (w: string, c: SeriesChannel, family: string): Exposure | undefined => {
    const volume = isTopic(family) ? series.get(seriesKey(w, c, VOLUME)) : undefined;
    return volume === undefined ? undefined : { volume: volume.recent };
  };

  /** A scratch copy of a series' state as the closed path would find it at `minute` (primed if it is new). */
  const scratchOf = (w: string, c: SeriesChannel, family: string, minute: number, history: number): SeriesState<S> => {
    const key = seriesKey(w, c, family);
    const existing = series.get(key);
    if (existing) return cloneState(existing);
    const tag = `${minute}|${history}`;
    const cached = primed.get(key);
    if (cached && cached.tag === tag) return cloneState(cached.state);
    const state = freshState(minute, history);
    primed.set(key, { tag, state });
    return cloneState(state);
  };

  return {
    score(row, family, frozen, minutesProcessed, listening = false) {
      const state = ensure(row.watchlist, row.channel, family, row.minute, minutesProcessed);
      const point = { family, channel: row.channel, minute: row.minute, value: valueOf(row.counts, family) };
      // Volume is scored first in a row (familiesFor), so its window already holds this minute.
      return step(state, point, frozen, listening, exposureFor(row.watchlist, row.channel, family));
    },
    simulate(w, channel, family, points, minutesProcessed, flags, others) {
      const first = points[0];
      if (first === undefined) return [];
      const scratch = scratchOf(w, channel, family, first.minute, minutesProcessed);
      const closed = exposureFor(w, channel, family);
      const volume = closed === undefined ? [] : [...closed.volume];
      return points.map((p, i) => {
        volume.push((others?.[i] ?? 0) + p.value);
        if (volume.length > params.windowMinutes) volume.shift();
        const exposure = closed === undefined ? undefined : { volume };
        return step(
          scratch,
          { family, channel, minute: p.minute, value: p.value },
          flags.frozen,
          flags.listening,
          exposure,
        );
      });
    },
    exposureOf(w, family, channel = '*') {
      const state = series.get(seriesKey(w, channel, family));
      return state === undefined ? 1 : scaleOf(state, exposureFor(w, channel, family));
    },
    warmAt(w, channel, family, minutesProcessed) {
      const seen = series.get(seriesKey(w, channel, family))?.seen ?? minutesProcessed;
      return seen >= params.warmupMinutes;
    },
    forgetPrimed: () => primed.clear(),
    release(w, since, keep) {
      for (const [key, state] of series) {
        if (state.lastTrigger === null || state.lastTrigger < since) continue;
        const k = parseSeriesKey(key);
        if (k !== null && k[0] === w && !keep.has(k[2])) detector.release?.(state.det);
      }
    },
    familiesFor(row) {
      const known = familiesByPair.get(pairKey(row.watchlist, row.channel)) ?? new Set<string>();
      const topics = Object.keys(row.counts.topics).map(topicKey);
      return [...new Set([VOLUME, NEGATIVE, ...known, ...topics])];
    },
    baselineOf: (w, family, channel = '*') => series.get(seriesKey(w, channel, family))?.baseline ?? 0,
    windowOf: (w, family, channel = '*') =>
      (series.get(seriesKey(w, channel, family))?.recent ?? []).reduce((a, b) => a + b, 0),
    pairs: () => [...familiesByPair.keys()].map(parsePair),
    exportState: () =>
      [...series].map(([k, s]) => [
        k,
        {
          det: s.det,
          level: s.level,
          seen: s.seen,
          recent: [...s.recent],
          lastTrigger: s.lastTrigger,
          baseline: s.baseline,
          ...(s.othersLevel === undefined ? {} : { othersLevel: s.othersLevel }),
        },
      ]),
    importState(rows) {
      const parsed = rows.map(([key, v]) => [key, parseSeriesKey(key), v] as const);
      const bad = parsed.find(([, k]) => k === null);
      if (bad) return err(appError('incidents.state.invalid', `malformed series key ${JSON.stringify(bad[0])}`));
      series.clear();
      familiesByPair.clear();
      for (const [key, k, v] of parsed) {
        if (!k) continue;
        // The detector's state is opaque to the engine: the detector validates and owns its shape.
        remember(key, k[0], k[1], k[2], { ...v, det: v.det as S, recent: [...v.recent] });
      }
      return ok(undefined);
    },
  };
}
