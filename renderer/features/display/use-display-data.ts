import { useEffect, useRef, useState } from 'react';
import { MAX_WALL_MINUTES, type WallKpis, type WallSeries } from '../../../shared/wall';
import type { Measures } from '../../../shared/workflow';
import { useTransport, useWall, useWallStore } from '../../app/wall-context';
import { startOfDay } from '../measures/measures-view';

/** How often (real time) the display re-reads its series and KPIs; live totals arrive as deltas between. */
export const DISPLAY_REFRESH_MS = 10_000;

/** What the display reads from the hub, and when (hub time) it last read it. */
export interface DisplayData {
  readonly series: WallSeries | null;
  readonly kpis: WallKpis | null;
  readonly measures: Measures | null;
  readonly error: string | null;
}

const EMPTY: DisplayData = { series: null, kpis: null, measures: null, error: null };

/** Loads the day's series, the KPIs and today's measures once connected, then every DISPLAY_REFRESH_MS. */
export function useDisplayData(): DisplayData {
  const transport = useTransport();
  const store = useWallStore();
  const connected = useWall((s) => s.link.status === 'connected' && s.ready);
  const [data, setData] = useState<DisplayData>(EMPTY);
  const busy = useRef(false);
  useEffect(() => {
    if (!connected) return;
    let live = true;
    const load = async (): Promise<void> => {
      if (busy.current) return;
      busy.current = true;
      const now = store.getState().hub.now;
      const [series, kpis, measures] = await Promise.all([
        transport.invoke('wall:series', { minutes: MAX_WALL_MINUTES }),
        transport.invoke('wall:kpis', {}),
        transport.invoke('incidents:measures', { from: startOfDay(now) }),
      ]);
      busy.current = false;
      if (!live) return;
      const error = [series, kpis, measures].find((r) => !r.ok);
      setData((prev) => ({
        series: series.ok ? series.value : prev.series,
        kpis: kpis.ok ? kpis.value : prev.kpis,
        measures: measures.ok ? measures.value : prev.measures,
        error: error && !error.ok ? error.error.message : null,
      }));
    };
    void load();
    const timer = setInterval(() => void load(), DISPLAY_REFRESH_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [connected, transport, store]);
  return data;
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
