import type { Clock } from './clock';

/** A clock that can be stopped at an instant: hub time stands still there from then on. */
export interface HaltableClock extends Clock {
  /** Stops hub time at `at` (epoch ms). Timers keep firing after their real delays, so periodic work goes on. */
  halt(at: number): void;
  readonly halted: boolean;
}

/**
 * Wraps a clock so a finished replay can stop hub time at the end of its file: the wall then keeps showing the
 * replayed period (with its date) instead of drifting into an empty "now".
 */
export function haltableClock(inner: Clock): HaltableClock {
  let stoppedAt: number | null = null;
  return {
    now: () => stoppedAt ?? inner.now(),
    setTimeout: (fn, ms) => inner.setTimeout(fn, ms),
    halt(at) {
      stoppedAt = at;
    },
    get halted() {
      return stoppedAt !== null;
    },
  };
}
