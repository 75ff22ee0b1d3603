/** Cancels a scheduled callback. */
export type Cancel = () => void;

/**
 * Time, injected everywhere: the real clock in production, a manual clock in tests, replays and
 * backtests, so they run deterministically and fast.
 */
export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): Cancel;
}

/** The wall clock, optionally sped up (`speed` 60 = one hour per real minute) from an origin. */
export function systemClock(speed = 1, origin = Date.now()): Clock {
  const realStart = Date.now();
  return {
    now: () => (speed === 1 ? Date.now() : Math.round(origin + (Date.now() - realStart) * speed)),
    setTimeout(fn, ms) {
      const handle = setTimeout(fn, Math.max(0, ms / speed));
      handle.unref?.();
      return () => clearTimeout(handle);
    },
  };
}

/**
 * The hub clock of a data dir that has run before. At normal speed it is the wall clock. Sped up (a demo or a
 * replay), hub time is fiction that ran ahead of the wall clock: restarting it from now would send hub time
 * backwards (stored posts "from the future", minutes detection already closed coming round again), so it resumes
 * from the latest hub time the data dir saw, `lastSeen`, when that is ahead.
 */
export function resumedClock(speed: number, lastSeen: number | null, realNow = Date.now()): Clock {
  if (speed === 1 || lastSeen === null || lastSeen <= realNow) return systemClock(speed, realNow);
  return systemClock(speed, lastSeen);
}

interface Timer {
  readonly at: number;
  readonly seq: number;
  readonly fn: () => void;
}

/** A clock that moves only when told: `advance` runs due timers in order and lets their promises settle. */
export class ManualClock implements Clock {
  private current: number;
  private timers: Timer[] = [];
  private seq = 0;

  constructor(start = Date.UTC(2026, 0, 5, 9, 0, 0)) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  setTimeout(fn: () => void, ms: number): Cancel {
    const timer: Timer = { at: this.current + Math.max(0, ms), seq: this.seq++, fn };
    this.timers.push(timer);
    return () => {
      this.timers = this.timers.filter((t) => t !== timer);
    };
  }

  /** Moves time forward by `ms`, firing every timer that falls due, each after the ones before it settled. */
  async advance(ms: number): Promise<void> {
    const target = this.current + ms;
    for (;;) {
      await settle();
      const next = this.nextDue(target);
      if (!next) break;
      this.timers = this.timers.filter((t) => t !== next);
      this.current = Math.max(this.current, next.at);
      next.fn();
    }
    this.current = target;
    await settle();
  }

  /** Number of timers waiting: lets tests assert that nothing is scheduled. */
  pending(): number {
    return this.timers.length;
  }

  private nextDue(target: number): Timer | undefined {
    let best: Timer | undefined;
    for (const t of this.timers) {
      if (t.at > target) continue;
      if (!best || t.at < best.at || (t.at === best.at && t.seq < best.seq)) best = t;
    }
    return best;
  }
}

/** Lets pending promise chains (including I/O-free async work) run to completion. */
async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}
