import { useSyncExternalStore } from 'react';

/** Hub time further than this from the viewer's clock is "not now" (a replay or a sped-up demo): show the date. */
export const CLOCK_SKEW_MS = 5 * 60 * 1000;

const timeOnly = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const withSeconds = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
const dateOnly = new Intl.DateTimeFormat(undefined, {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
});

const sameDay = (a: number, b: number): boolean => new Date(a).toDateString() === new Date(b).toDateString();

/** True when the wall should say which day it shows: hub time is not today, or not the viewer's now. */
export const showsDate = (hubNow: number, realNow: number): boolean =>
  !sameDay(hubNow, realNow) || Math.abs(hubNow - realNow) > CLOCK_SKEW_MS;

/** The clock in two parts: the date (null when hub time is now) and the time. */
export function clockParts(hubNow: number, realNow: number): { readonly date: string | null; readonly time: string } {
  return { date: showsDate(hubNow, realNow) ? dateOnly.format(hubNow) : null, time: timeOnly.format(hubNow) };
}

/** The clock's words: "10:42", or "Tue, 1 Dec 2026 · 10:42" when hub time is not now (pure but for locale). */
export function clockLabel(hubNow: number, realNow: number, seconds = false): string {
  const time = (seconds ? withSeconds : timeOnly).format(hubNow);
  return showsDate(hubNow, realNow) ? `${dateOnly.format(hubNow)} · ${time}` : time;
}

const subscribeMinute = (onChange: () => void): (() => void) => {
  const timer = setInterval(onChange, 15_000);
  return () => clearInterval(timer);
};
const viewerMinute = (): number => Math.floor(Date.now() / 60_000) * 60_000;

/** The viewer's own clock to the minute (not hub time): to tell whether hub time is "now". */
export const useViewerNow = (): number => useSyncExternalStore(subscribeMinute, viewerMinute);
