import { useEffect, useMemo, useRef, useState } from 'react';
import { isSourceDown, MAX_WALL_MINUTES, type KeyedPoint, type WallKpis, type WallSeries } from '../../../shared/wall';
import type { Measures } from '../../../shared/workflow';
import { minuteOf, MINUTE_MS } from '../../../shared/series';
import { useTransport, useWall, useWallStore } from '../../app/wall-context';
import type { WallStore } from '../../stores/wall-store';
import { startOfDay } from '../measures/measures-view';
import { withLive } from './day-series';

/**
 * How often (real time) the display re-reads its KPIs and today's measures. Its series are read once per
 * connection (and when a source goes down or recovers, for the down spans); deltas move them in between.
 */
export const KPI_REFRESH_MS = 10_000;

/** What the display reads from the hub. */
export interface DisplayData {
  readonly series: WallSeries | null;
  readonly kpis: WallKpis | null;
  readonly measures: Measures | null;
  readonly error: string | null;
}

const EMPTY: DisplayData = { series: null, kpis: null, measures: null, error: null };

/** The ids of the sources that are down now, as one string: it changes exactly when one goes down or recovers. */
export const downSignature = (store: WallStore): string =>
  [...store.getState().sources.values()]
    .filter(isSourceDown)
    .map((s) => s.sourceId)
    .sort()
    .join(',');

/** Calls `load` now and whenever a source goes down or recovers, until the returned function is called. */
function onSourceTransitions(store: WallStore, load: () => void): () => void {
  let last = downSignature(store);
  load();
  return store.subscribe((s, prev) => {
    if (s.sources === prev.sources) return;
    const next = downSignature(store);
    if (next === last) return;
    last = next;
    load();
  });
}

/** Loads the day's series once connected (again when a source goes down or recovers), KPIs on a timer. */
export function useDisplayData(): DisplayData {
  const transport = useTransport();
  const store = useWallStore();
  const connected = useWall((s) => s.link.status === 'connected' && s.ready);
  const [data, setData] = useState<DisplayData>(EMPTY);
  const busy = useRef({ series: false, kpis: false });
  useEffect(() => {
    if (!connected) return;
    let live = true;
    const fail = (message: string): void => setData((prev) => ({ ...prev, error: message }));
    const loadSeries = async (): Promise<void> => {
      if (busy.current.series) return;
      busy.current.series = true;
      const series = await transport.invoke('wall:series', { minutes: MAX_WALL_MINUTES });
      busy.current.series = false;
      if (!live) return;
      if (series.ok) setData((prev) => ({ ...prev, series: series.value, error: null }));
      else fail(series.error.message);
    };
    const loadKpis = async (): Promise<void> => {
      if (busy.current.kpis) return;
      busy.current.kpis = true;
      const now = store.getState().hub.now;
      const [kpis, measures] = await Promise.all([
        transport.invoke('wall:kpis', {}),
        transport.invoke('incidents:measures', { from: startOfDay(now) }),
      ]);
      busy.current.kpis = false;
      if (!live) return;
      const error = [kpis, measures].find((r) => !r.ok);
      setData((prev) => ({
        ...prev,
        kpis: kpis.ok ? kpis.value : prev.kpis,
        measures: measures.ok ? measures.value : prev.measures,
        error: error && !error.ok ? error.error.message : null,
      }));
    };
    const unsubscribe = onSourceTransitions(store, () => void loadSeries());
    void loadKpis();
    const timer = setInterval(() => void loadKpis(), KPI_REFRESH_MS);
    return () => {
      live = false;
      unsubscribe();
      clearInterval(timer);
    };
  }, [connected, transport, store]);
  return data;
}

/** How far back the channel and topic scenes look (two-hour sparklines, the hour against the hour before). */
export const BREAKDOWN_WINDOW_MS = 3 * 60 * MINUTE_MS;

/**
 * The last hours by channel and by topic: the fetched series with the store's live breakdowns (from deltas) laid
 * over. The fetched part is cut to the window once a minute, so a batch costs the window, not the day.
 */
export function useLiveBreakdowns(series: WallSeries | null): {
  readonly byChannel: ReadonlyArray<KeyedPoint>;
  readonly byTopic: ReadonlyArray<KeyedPoint>;
} {
  const live = useWall((s) => s.breakdown);
  const since = useWall((s) => minuteOf(s.hub.now) - BREAKDOWN_WINDOW_MS);
  const byChannel = useMemo(
    () => withLive(series?.byChannel ?? [], live.channel, since),
    [series, live.channel, since],
  );
  const byTopic = useMemo(() => withLive(series?.byTopic ?? [], live.topic, since), [series, live.topic, since]);
  return { byChannel, byTopic };
}

/** Hub time and local time when the wall lost the hub, or null while connected: the display freezes and says so. */
export function useLinkLostSince(): { readonly hubTime: number; readonly localTime: number } | null {
  const store = useWallStore();
  const [since, setSince] = useState<{ hubTime: number; localTime: number } | null>(null);
  useEffect(
    () =>
      store.subscribe((s, prev) => {
        if (s.link.status === 'connected') setSince(null);
        else if (prev.link.status === 'connected' && s.ready)
          setSince((old) => old ?? { hubTime: s.hub.now, localTime: Date.now() });
      }),
    [store],
  );
  return since;
}
