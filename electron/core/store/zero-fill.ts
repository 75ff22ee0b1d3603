import type { SeriesPoint } from '../../../shared/series';

/** One point per minute in [fromMinute, toMinute], taking counts from `rows` where present (both dialects' series). */
export function zeroFill(rows: ReadonlyArray<SeriesPoint>, fromMinute: number, toMinute: number): SeriesPoint[] {
  const byMinute = new Map(rows.map((r) => [r.minute, r]));
  const out: SeriesPoint[] = [];
  for (let minute = fromMinute; minute <= toMinute; minute += 60_000) {
    const r = byMinute.get(minute);
    out.push({ minute, total: r?.total ?? 0, negative: r?.negative ?? 0, positive: r?.positive ?? 0 });
  }
  return out;
}
