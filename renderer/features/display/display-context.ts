import type { Incident } from '../../../shared/incident';
import type { KeyedPoint } from '../../../shared/wall';
import type { DrillTarget } from '../drilldown/drill-query';
import type { MinuteCell } from './day-series';
import type { DisplayData } from './use-display-data';

/** What every scene is drawn from: the hub's data, hub time, the link, and the drill-down opener. */
export interface SceneProps {
  readonly data: DisplayData;
  /** The day's minutes (live and fetched, gaps marked). */
  readonly cells: ReadonlyArray<MinuteCell>;
  /** The day by channel and by failure topic: fetched once, then moved by each delta batch. */
  readonly byChannel: ReadonlyArray<KeyedPoint>;
  readonly byTopic: ReadonlyArray<KeyedPoint>;
  readonly incidents: ReadonlyArray<Incident>;
  /** Hub time (frozen while the hub is lost). */
  readonly now: number;
  readonly linkLost: boolean;
  /** Newest post the wall knows of (live or fetched). */
  readonly dataAt: number | null;
  readonly onDrill: (target: DrillTarget) => void;
}

/** The KPI window (the last hour) ending at `now`, for drill-downs. */
export const lastHour = (now: number): { readonly from: number; readonly to: number } => ({
  from: now - 60 * 60_000,
  to: now + 1,
});
