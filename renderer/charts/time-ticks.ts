import { MINUTE_MS } from '../../shared/series';

/** A time axis tick: its epoch ms and its label. */
export interface TimeTick {
  readonly t: number;
  readonly label: string;
}

/** Tick steps in minutes, smallest first: whole minutes up to a day, as a clock label (HH:MM) can tell them apart. */
const STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440] as const;

/** The smallest step that puts at most `count` ticks on a span of `spanMs` (pure). */
export function tickStepMinutes(spanMs: number, count: number): number {
  const minutes = Math.max(0, spanMs) / MINUTE_MS;
  const want = Math.max(1, Math.floor(count));
  return STEPS.find((s) => minutes / s <= want) ?? 1440;
}

/**
 * Ticks on whole-minute multiples of a step chosen by the span (never finer than a minute: a few minutes of data
 * must not get 30-second ticks that a minute label repeats), with each label shown once (pure).
 */
export function timeTicks(from: number, to: number, count: number, format: (t: number) => string): TimeTick[] {
  if (!(to > from)) return [{ t: from, label: format(from) }];
  const step = tickStepMinutes(to - from, count) * MINUTE_MS;
  // Steps up to an hour align to the local clock (whole hours and minutes in most time zones).
  const offset = step <= 60 * MINUTE_MS ? 0 : new Date(from).getTimezoneOffset() * MINUTE_MS;
  const first = Math.ceil((from - offset) / step) * step + offset;
  const seen = new Set<string>();
  const out: TimeTick[] = [];
  for (let t = first; t <= to; t += step) {
    const label = format(t);
    if (seen.has(label)) continue;
    seen.add(label);
    out.push({ t, label });
  }
  return out;
}
