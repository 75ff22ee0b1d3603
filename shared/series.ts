import { z } from 'zod';

/** One minute of a series across sources: what the volume chart draws. `minute` is epoch ms at the minute's start. */
export const SeriesPointSchema = z.object({
  minute: z.number().int(),
  total: z.number().int().nonnegative(),
  negative: z.number().int().nonnegative(),
  positive: z.number().int().nonnegative(),
});
export type SeriesPoint = z.infer<typeof SeriesPointSchema>;

/** One minute in milliseconds: the series' step. */
export const MINUTE_MS = 60_000;

/** Epoch ms of the start of the minute containing `t`. */
export const minuteOf = (t: number): number => Math.floor(t / MINUTE_MS) * MINUTE_MS;
