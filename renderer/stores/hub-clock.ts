/**
 * Estimates hub time between hub events. The hub only says its time with deltas, and may run a sped-up
 * clock; on a quiet hub the wall would otherwise freeze "3m ago" and never see data go stale.
 */
export interface HubClock {
  readonly hubAt: number;
  readonly localAt: number;
  /** Hub ms per local ms (1 = real time, 60 = an hour per minute). */
  readonly rate: number;
}

/** Rates are only re-estimated over at least this much local time, so jitter between events doesn't swing them. */
const MIN_SPAN_MS = 1_000;

/** A clock anchored at one observation, at real-time rate. */
export const anchorHubClock = (hubNow: number, localNow: number): HubClock => ({
  hubAt: hubNow,
  localAt: localNow,
  rate: 1,
});

/** Takes a new hub time observation: re-anchors and, over a long enough span, re-estimates the rate (smoothed). */
export function observeHubTime(clock: HubClock, hubNow: number, localNow: number): HubClock {
  const span = localNow - clock.localAt;
  if (span < MIN_SPAN_MS) return clock;
  const measured = Math.max(0, (hubNow - clock.hubAt) / span);
  return { hubAt: hubNow, localAt: localNow, rate: clock.rate * 0.5 + measured * 0.5 };
}

/** Hub time now, extrapolated from the last anchor. */
export const estimateHubTime = (clock: HubClock, localNow: number): number =>
  Math.round(clock.hubAt + Math.max(0, localNow - clock.localAt) * clock.rate);
