import type { Mention } from '../../../shared/mention';
import type { SeriesPoint } from '../../../shared/series';
import { MINUTE_MS, minuteOf } from '../../../shared/series';
import type { Store } from '../store/repository';

/** Minutes kept in memory (a day); older ones are read from the store again when asked for. */
export const POINTS_WINDOW_MINUTES = 24 * 60;

/**
 * The wall's per-minute volume (posts, negative, positive), counted as mentions are committed. A minute not in
 * memory — stored before the hub started, or older than the window — is read from the store once and then counted
 * on; callers serialize reads with commits (the aggregator's queue), so no post is ever counted twice.
 */
export interface MinutePoints {
  /** Reads the minutes not in memory from the store (call before the commit that touches them). */
  seed(minutes: ReadonlyArray<number>): Promise<void>;
  /** Reads these minutes from the store again (posts another hub stored into them), replacing what was counted. */
  reload(minutes: ReadonlyArray<number>): Promise<void>;
  /** Counts newly stored mentions into their (seeded) minutes. */
  add(mentions: ReadonlyArray<Mention>): void;
  /** The points of these minutes, oldest first (seeding the unknown ones). */
  points(minutes: ReadonlyArray<number>): Promise<SeriesPoint[]>;
  /** The minutes [from, to] (epoch ms minute starts), zero-filled: memory where it has them, else the store. */
  range(fromMinute: number, toMinute: number): Promise<SeriesPoint[]>;
}

const empty = (minute: number): SeriesPoint => ({ minute, total: 0, negative: 0, positive: 0 });

/** Creates the wall's per-minute points over a store. */
export function createMinutePoints(store: Pick<Store, 'volumeSeries'>, windowMinutes = POINTS_WINDOW_MINUTES) {
  const known = new Map<number, SeriesPoint>();

  const forgetOld = (): void => {
    if (known.size <= windowMinutes + 60) return;
    const keep = [...known.keys()].sort((a, b) => b - a).slice(0, windowMinutes);
    const oldest = keep.at(-1) ?? -Infinity;
    for (const minute of known.keys()) if (minute < oldest) known.delete(minute);
  };

  const seed = async (minutes: ReadonlyArray<number>): Promise<void> => {
    for (const minute of new Set(minutes)) {
      if (known.has(minute)) continue;
      const [point] = await store.volumeSeries(minute, minute);
      known.set(minute, { ...(point ?? empty(minute)), minute });
    }
    forgetOld();
  };

  const points: MinutePoints = {
    seed,
    async reload(minutes) {
      for (const minute of minutes) known.delete(minute);
      await seed(minutes);
    },
    add(mentions) {
      for (const m of mentions) {
        const minute = minuteOf(m.createdAt);
        const point = known.get(minute);
        // Only a minute that was never seeded (a caller bug) is missing: the store still has the post.
        if (!point) continue;
        const label = m.enrichment.sentiment.label;
        known.set(minute, {
          minute,
          total: point.total + 1,
          negative: point.negative + (label === 'negative' ? 1 : 0),
          positive: point.positive + (label === 'positive' ? 1 : 0),
        });
      }
    },
    async points(minutes) {
      const sorted = [...new Set(minutes)].sort((a, b) => a - b);
      await seed(sorted);
      return sorted.map((minute) => ({ ...(known.get(minute) ?? empty(minute)) }));
    },
    async range(fromMinute, toMinute) {
      const stored = await store.volumeSeries(fromMinute, toMinute);
      const byMinute = new Map(stored.map((p) => [p.minute, p]));
      const out: SeriesPoint[] = [];
      for (let minute = fromMinute; minute <= toMinute; minute += MINUTE_MS)
        out.push({ ...(known.get(minute) ?? byMinute.get(minute) ?? empty(minute)) });
      return out;
    },
  };
  return points;
}
