import { minuteOf, MINUTE_MS, type SeriesPoint } from '../../../shared/series';
import type { UsualBasis, WallKpis, WallSeries } from '../../../shared/wall';
import type { Store } from '../store/repository';
import type { SourceHistory } from './source-history';
import type { UptimeLog } from './uptime-log';

/** The KPI window: the last hour of hub time. */
export const KPI_WINDOW_MINUTES = 60;
const DAY_MS = 24 * 60 * MINUTE_MS;
const WEEK_MS = 7 * DAY_MS;
/** Past weeks (then past days) averaged for "usual". */
const USUAL_WEEKS = 4;
const USUAL_DAYS = 6;

/** What the display's series read besides the store: when the hub was up, and when each source was down. */
export interface WallHistory {
  readonly uptime: UptimeLog;
  readonly sources?: SourceHistory | undefined;
}

/**
 * The display's series for the last `minutes` minutes of hub time, with the spans the hub was up and the spans
 * each source was down.
 */
export async function wallSeries(
  store: Store,
  history: WallHistory,
  now: number,
  minutes: number,
): Promise<WallSeries> {
  const to = minuteOf(now);
  const from = to - (minutes - 1) * MINUTE_MS;
  const [points, byChannel, byTopic] = await Promise.all([
    store.volumeSeries(from, to),
    store.breakdownSeries(from, to, 'channel'),
    store.breakdownSeries(from, to, 'topic'),
  ]);
  const end = to + MINUTE_MS - 1;
  const up = [...history.uptime.spans(from, end, now)];
  const sourcesDown = history.sources ? [...(await history.sources.spans(from, end, now))] : [];
  return { from, to, points, byChannel, byTopic, up, sourcesDown };
}

interface Window {
  readonly total: number;
  readonly positive: number;
  readonly negative: number;
}

const sum = (points: ReadonlyArray<SeriesPoint>): Window =>
  points.reduce(
    (w, p) => ({ total: w.total + p.total, positive: w.positive + p.positive, negative: w.negative + p.negative }),
    {
      total: 0,
      positive: 0,
      negative: 0,
    },
  );

/** Net sentiment of a window: share positive minus share negative; null without posts. */
export const netSentiment = (w: Window): number | null => (w.total === 0 ? null : (w.positive - w.negative) / w.total);

async function windowAt(store: Store, end: number): Promise<Window> {
  const to = minuteOf(end);
  return sum(await store.volumeSeries(to - (KPI_WINDOW_MINUTES - 1) * MINUTE_MS, to));
}

/** The same window `step` back, `count` times; those with posts. */
async function pastWindows(store: Store, now: number, step: number, count: number): Promise<Window[]> {
  const windows = await Promise.all(Array.from({ length: count }, (_, k) => windowAt(store, now - (k + 1) * step)));
  return windows.filter((w) => w.total > 0);
}

/** Usual net sentiment and volume: the mean over past weeks at this hour, else over past days; null without history. */
async function usual(
  store: Store,
  now: number,
): Promise<{ net: number | null; volume: number | null; basis: UsualBasis }> {
  let basis: UsualBasis = 'hour-of-week';
  let past = await pastWindows(store, now, WEEK_MS, USUAL_WEEKS);
  if (past.length === 0) {
    basis = 'hour-of-day';
    past = await pastWindows(store, now, DAY_MS, USUAL_DAYS);
  }
  if (past.length === 0) return { net: null, volume: null, basis: null };
  const nets = past.map((w) => netSentiment(w) ?? 0);
  return {
    net: nets.reduce((a, b) => a + b, 0) / nets.length,
    volume: past.reduce((a, w) => a + w.total, 0) / past.length,
    basis,
  };
}

/** The headline KPIs at hub time `now`: net sentiment and volume over the last hour against their usual. */
export async function wallKpis(store: Store, now: number): Promise<WallKpis> {
  const [current, typical, newest] = await Promise.all([
    windowAt(store, now),
    usual(store, now),
    store.recentMentions(1),
  ]);
  return {
    now,
    windowMinutes: KPI_WINDOW_MINUTES,
    net: { now: netSentiment(current), usual: typical.net },
    volume: { now: current.total, usual: typical.volume },
    usualBasis: typical.basis,
    dataAt: newest[0]?.createdAt ?? null,
  };
}
