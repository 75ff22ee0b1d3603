import type { Mention } from '../../../shared/mention';
import type { SeriesPoint } from '../../../shared/series';
import { minuteOf } from '../../../shared/series';
import type { Store } from '../store/repository';

/** How long a minute's count is trusted from memory before it is read from the store again. */
const REFRESH_MS = 10_000;
/** Minutes not asked for this long are forgotten (read again if they are touched later). */
const FORGET_MS = 5 * 60_000;

/**
 * Per-minute volume of stored mentions, for the wall's series deltas. A minute is read from the store once, then
 * counted in memory as its mentions are stored, and read again every few seconds, so a delta costs O(its mentions)
 * instead of a scan of the minute (at a thousand posts a second, the store query every 250 ms was the hub's
 * largest cost). Anything counting may have missed is corrected by the next read.
 */
export interface VolumeTally {
  /** Counts newly stored mentions into the minutes already known. */
  add(mentions: ReadonlyArray<Mention>): void;
  /** The points of these minutes (epoch ms, each a minute start), oldest first. */
  points(minutes: ReadonlyArray<number>): Promise<SeriesPoint[]>;
}

/** Creates a tally over a store; `now` is real time (it paces re-reads, not hub logic). */
export function createVolumeTally(store: Pick<Store, 'volumeSeries'>, now: () => number): VolumeTally {
  const known = new Map<number, { point: SeriesPoint; readAt: number; askedAt: number }>();

  const read = async (minute: number): Promise<SeriesPoint> => {
    const [point] = await store.volumeSeries(minute, minute);
    const fresh = point ?? { minute, total: 0, negative: 0, positive: 0 };
    known.set(minute, { point: { ...fresh }, readAt: now(), askedAt: now() });
    return fresh;
  };

  return {
    add(mentions) {
      for (const m of mentions) {
        const entry = known.get(minuteOf(m.createdAt));
        if (!entry) continue;
        const label = m.enrichment.sentiment.label;
        entry.point = {
          ...entry.point,
          total: entry.point.total + 1,
          negative: entry.point.negative + (label === 'negative' ? 1 : 0),
          positive: entry.point.positive + (label === 'positive' ? 1 : 0),
        };
      }
    },
    async points(minutes) {
      const at = now();
      for (const [minute, entry] of known) if (at - entry.askedAt > FORGET_MS) known.delete(minute);
      const out: SeriesPoint[] = [];
      for (const minute of [...new Set(minutes)].sort((a, b) => a - b)) {
        const entry = known.get(minute);
        if (entry && at - entry.readAt < REFRESH_MS) {
          entry.askedAt = at;
          out.push({ ...entry.point });
        } else out.push(await read(minute));
      }
      return out;
    },
  };
}
