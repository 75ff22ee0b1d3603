import type { TimeWindow } from './escalation-config';

/**
 * Daily windows (quiet hours, a route's time of day) in an IANA time zone, evaluated at an instant. Pure:
 * Intl does the zone arithmetic. On a DST change night a window's end may be off by the shift (an hour).
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formatters.set(timeZone, f);
  }
  return f;
}

const toMinutes = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Minutes since local midnight in `timeZone` at `at`. */
export function localMinutes(at: number, timeZone: string): number {
  const parts = formatter(timeZone).formatToParts(new Date(at));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return get('hour') * 60 + get('minute');
}

/** Whether `at` falls in the window [start, end) local time; start > end wraps past midnight; start = end is empty. */
export function inWindow(at: number, window: TimeWindow, timeZone: string): boolean {
  const now = localMinutes(at, timeZone);
  const start = toMinutes(window.start);
  const end = toMinutes(window.end);
  if (start === end) return false;
  return start < end ? now >= start && now < end : now >= start || now < end;
}

/** The instant the window containing `at` ends (the next local `end` time), on a minute boundary. */
export function windowEnd(at: number, window: TimeWindow, timeZone: string): number {
  const now = localMinutes(at, timeZone);
  const minutesLeft = (toMinutes(window.end) - now + 1440) % 1440 || 1440;
  return Math.floor(at / 60_000) * 60_000 + minutesLeft * 60_000;
}
