/**
 * The everyday rhythm of a consumer brand's mentions: quiet nights, a morning climb, a lunch bump, an
 * evening peak, and calmer weekends. Factors are relative to the weekday daytime (09:00–21:00) mean.
 */

/** Relative volume at each local hour on a weekday (index = hour). Daytime hours average ~1. */
const WEEKDAY_BY_HOUR: ReadonlyArray<number> = [
  0.32, 0.22, 0.15, 0.12, 0.11, 0.14, 0.26, 0.5, 0.78, 0.92, 0.98, 1.02, 1.1, 1.04, 0.96, 0.94, 0.98, 1.02, 1.06, 1.08,
  1.0, 0.88, 0.68, 0.47,
];

/** Weekends: later mornings, lower days, slightly livelier late evenings. */
const WEEKEND_BY_HOUR: ReadonlyArray<number> = [
  0.4, 0.3, 0.2, 0.15, 0.12, 0.12, 0.15, 0.25, 0.4, 0.55, 0.66, 0.72, 0.76, 0.76, 0.74, 0.72, 0.72, 0.74, 0.76, 0.78,
  0.75, 0.7, 0.6, 0.5,
];

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/**
 * The volume factor at hub time `t` (epoch ms), linearly interpolated between hours, in the brand's
 * local time `utcOffsetMinutes` from UTC.
 */
export function rhythmFactor(t: number, utcOffsetMinutes = 0): number {
  const local = t + utcOffsetMinutes * 60_000;
  const hours = local / HOUR_MS - 0.5;
  const h0 = Math.floor(hours);
  const frac = hours - h0;
  return factorAtHour(h0) * (1 - frac) + factorAtHour(h0 + 1) * frac;
}

function factorAtHour(absoluteHour: number): number {
  const dayIndex = Math.floor((absoluteHour * HOUR_MS) / DAY_MS);
  const hour = absoluteHour - dayIndex * 24;
  const weekday = (((dayIndex + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday; 0 = Sunday
  const table = weekday === 0 || weekday === 6 ? WEEKEND_BY_HOUR : WEEKDAY_BY_HOUR;
  return table[hour] ?? 1;
}

/** Whether `timeZone` is an IANA zone this runtime knows ("Europe/London", "UTC"). */
export function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** The offset from UTC, in minutes, of `timeZone` at epoch ms `t` (DST included). */
export function zoneOffsetMinutes(timeZone: string, t: number): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    ...{ year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric' },
  }).formatToParts(new Date(t));
  const part = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const local = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'));
  return Math.round((local - Math.floor(t / 60_000) * 60_000) / 60_000);
}

/** The brand's daytime, local hours [from, to): a demo started outside it is moved to `DAYTIME_START_HOUR`. */
const DAYTIME_HOURS = [9, 20] as const;
/** The local hour a demo started at night begins at. */
export const DAYTIME_START_HOUR = 10;

/**
 * Minutes to move the brand's day forward so a simulator started at `start` (local offset `offsetMinutes`) begins in
 * daytime: 0 when it already does, else up to the next 10:00 local. A pure function of the start, so a restarted
 * demo keeps the same day.
 */
export function daytimeShiftMinutes(start: number, offsetMinutes: number): number {
  const local = (((Math.floor(start / 60_000) + offsetMinutes) % 1440) + 1440) % 1440;
  if (local >= DAYTIME_HOURS[0] * 60 && local < DAYTIME_HOURS[1] * 60) return 0;
  return (DAYTIME_START_HOUR * 60 - local + 1440) % 1440;
}
