import type { SeriesPoint } from '../../../shared/series';
import { minuteOf, MINUTE_MS } from '../../../shared/series';
import type { KeyedPoint, SourceDownSpan, UpSpan, WallSeries } from '../../../shared/wall';
import type { KeyedPoints } from '../../stores/breakdown-slice';

/** One minute as the display draws it: counts, or a gap when nobody was listening (never a zero). */
export interface MinuteCell {
  readonly minute: number;
  readonly total: number;
  readonly positive: number;
  readonly negative: number;
  /** 'gap': the hub (or the source) was down and nothing arrived: unknown, not zero. */
  readonly state: 'data' | 'gap';
  /** Some source was down in this minute: its counts are only part of the story. */
  readonly partial?: boolean;
}

/** True when `minute` lies within one of the spans. */
export const isUp = (spans: ReadonlyArray<UpSpan>, minute: number): boolean =>
  spans.some((s) => minuteOf(s.from) <= minute && minute <= minuteOf(s.to));

/** What the cells are built from. */
export interface CellInput {
  readonly fetched: WallSeries | null;
  /** Live per-minute totals from deltas (the store's series slice): newer than the last fetch. */
  readonly live: ReadonlyMap<number, SeriesPoint>;
  readonly from: number;
  readonly now: number;
  /** Whether the wall hears the hub now: minutes after the last fetch count as up only then. */
  readonly connected: boolean;
}

/** True when a source's down span covers `minute`: after the minute of its last good poll, to its recovery. */
export const isDownIn = (span: Pick<SourceDownSpan, 'from' | 'to'>, minute: number): boolean =>
  minuteOf(span.from) < minute && minute <= minuteOf(span.to);

/** The minutes from `from` to `to` during which some source in `spans` was down (pure). */
export function downMinutes(spans: ReadonlyArray<Pick<SourceDownSpan, 'from' | 'to'>>, from: number, to: number) {
  const out = new Set<number>();
  for (const s of spans)
    for (
      let m = Math.max(minuteOf(s.from) + MINUTE_MS, minuteOf(from));
      m <= Math.min(minuteOf(s.to), to);
      m += MINUTE_MS
    )
      out.add(m);
  return out;
}

/**
 * The fetched keyed points from `since` on, and each key's newest before it (its data age), with the live ones
 * (from deltas) laid over: latest per minute and key wins. Unordered; O(window), not O(day), per batch (pure).
 */
export function withLive(fetched: ReadonlyArray<KeyedPoint>, live: KeyedPoints, since: number): KeyedPoint[] {
  const out = new Map<string, KeyedPoint>();
  const newestBefore = new Map<string, KeyedPoint>();
  for (const p of fetched) {
    if (p.minute >= since) out.set(`${p.minute}|${p.key}`, p);
    else if ((newestBefore.get(p.key)?.minute ?? -Infinity) < p.minute) newestBefore.set(p.key, p);
  }
  for (const [id, p] of live) out.set(id, p);
  for (const p of newestBefore.values()) out.set(`${p.minute}|${p.key}`, p);
  return [...out.values()];
}

/**
 * The minutes from `from` to `now`: live counts win over fetched ones; a minute with no posts is a gap when the
 * hub was not up then (per the fetched spans; after the fetch, up while connected); a minute when some source was
 * down is partial.
 */
export function minuteCells(input: CellInput): MinuteCell[] {
  const fetched = new Map((input.fetched?.points ?? []).map((p) => [p.minute, p]));
  const spans = input.fetched?.up ?? [];
  const fetchedTo = input.fetched?.to ?? Number.NEGATIVE_INFINITY;
  const partial = downMinutes(input.fetched?.sourcesDown ?? [], input.from, input.now);
  const out: MinuteCell[] = [];
  for (let m = minuteOf(input.from); m <= minuteOf(input.now); m += MINUTE_MS) {
    const p = input.live.get(m) ?? fetched.get(m);
    const total = p?.total ?? 0;
    const up = m > fetchedTo ? input.connected || total > 0 : isUp(spans, m);
    out.push({
      minute: m,
      total,
      positive: p?.positive ?? 0,
      negative: p?.negative ?? 0,
      state: total > 0 || up ? 'data' : 'gap',
      ...(partial.has(m) ? { partial: true } : {}),
    });
  }
  return out;
}

/** Per-key totals over [from, to] (inclusive minutes), from sparse keyed points (pure). */
export function totalsByKey(points: ReadonlyArray<KeyedPoint>, from: number, to: number): Map<string, KeyedSum> {
  const out = new Map<string, KeyedSum>();
  for (const p of points) {
    if (p.minute < from || p.minute > to) continue;
    const s = out.get(p.key) ?? { total: 0, positive: 0, negative: 0 };
    out.set(p.key, { total: s.total + p.total, positive: s.positive + p.positive, negative: s.negative + p.negative });
  }
  return out;
}

/** Counts by sentiment over a window. */
export interface KeyedSum {
  readonly total: number;
  readonly positive: number;
  readonly negative: number;
}

/** A failure topic's last hour against the hour before. */
export interface TopicTrend {
  readonly topic: string;
  readonly now: number;
  readonly before: number;
  readonly direction: 'rising' | 'falling' | 'steady';
}

/** Topics by how much they rose (or fell) over the last hour against the hour before (pure). */
export function topicTrends(points: ReadonlyArray<KeyedPoint>, now: number, windowMinutes = 60): TopicTrend[] {
  const end = minuteOf(now);
  const span = windowMinutes * MINUTE_MS;
  const last = totalsByKey(points, end - span + MINUTE_MS, end);
  const prev = totalsByKey(points, end - 2 * span + MINUTE_MS, end - span);
  const topics = new Set([...last.keys(), ...prev.keys()]);
  return [...topics]
    .map((topic): TopicTrend => {
      const a = last.get(topic)?.total ?? 0;
      const b = prev.get(topic)?.total ?? 0;
      const direction = a > b * 1.2 && a - b >= 2 ? 'rising' : b > a * 1.2 && b - a >= 2 ? 'falling' : 'steady';
      return { topic, now: a, before: b, direction };
    })
    .sort((x, y) => Math.abs(y.now - y.before) - Math.abs(x.now - x.before) || y.now - x.now);
}
