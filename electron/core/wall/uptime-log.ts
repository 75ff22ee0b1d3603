import { minuteOf, MINUTE_MS } from '../../../shared/series';
import type { UpSpan } from '../../../shared/wall';
import type { Store } from '../store/repository';

/** Where the spans live in the store's key/value state. */
export const UPTIME_STATE_KEY = 'wall:uptime';
/** How often (hub time) the running hub extends its span. */
export const UPTIME_BEAT_MS = MINUTE_MS;
/** Spans kept: about five weeks of restarts, enough for "usual for this hour of the week". */
const MAX_SPANS = 500;
const KEEP_MS = 36 * 24 * 60 * MINUTE_MS;

/**
 * The hub's record of when it was up, so the wall draws an outage as a gap and never as zero. Each start opens
 * a span; a beat every minute (hub time) extends it and saves it. A hub that dies loses at most a minute.
 */
export interface UptimeLog {
  /** Opens this run's span at `now` and saves it. */
  start(now: number): Promise<void>;
  /** Extends this run's span to `now` and saves it. */
  beat(now: number): Promise<void>;
  /** Spans overlapping [from, to], this run's reaching `now`. */
  spans(from: number, to: number, now: number): ReadonlyArray<UpSpan>;
}

/** Merges a new span into saved ones: drops old ones, caps the count, keeps order (pure). */
export function addSpan(saved: ReadonlyArray<UpSpan>, span: UpSpan): UpSpan[] {
  const kept = saved.filter((s) => s.to >= span.from - KEEP_MS && s.from < span.from);
  return [...kept.slice(-(MAX_SPANS - 1)), span];
}

/** Spans that overlap [from, to] (pure). */
export const overlapping = (spans: ReadonlyArray<UpSpan>, from: number, to: number): UpSpan[] =>
  spans.filter((s) => s.to >= from && s.from <= to);

/** True when minute `minute` lies within a span (a span covers every minute it touches). */
export function minuteIsUp(spans: ReadonlyArray<UpSpan>, minute: number): boolean {
  return spans.some((s) => minuteOf(s.from) <= minute && minute <= minuteOf(s.to));
}

const isSpans = (v: unknown): v is UpSpan[] =>
  Array.isArray(v) &&
  v.every((s) => typeof s === 'object' && s !== null && Number.isInteger(s.from) && Number.isInteger(s.to));

/** The uptime log over the store's state table. */
export function createUptimeLog(store: Store): UptimeLog {
  let past: UpSpan[] = [];
  let current: UpSpan | null = null;
  const save = (): Promise<void> => store.setState(UPTIME_STATE_KEY, current ? [...past, current] : past);
  return {
    async start(now) {
      const saved = await store.getState<unknown>(UPTIME_STATE_KEY);
      const all = addSpan(isSpans(saved) ? saved : [], { from: now, to: now });
      current = all[all.length - 1] ?? null;
      past = all.slice(0, -1);
      await save();
    },
    async beat(now) {
      if (current === null) return;
      current = { from: current.from, to: Math.max(current.to, now) };
      await save();
    },
    spans(from, to, now) {
      const live = current ? [{ from: current.from, to: Math.max(current.to, now) }] : [];
      return overlapping([...past, ...live], from, to);
    },
  };
}
