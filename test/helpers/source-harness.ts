import type { RawMention } from '../../shared/mention';
import type { SourceHealth } from '../../shared/source-health';
import type { Connector } from '../../electron/core/connectors/connector';
import type { Cancel, Clock, ManualClock } from '../../electron/core/runtime/clock';
import { silentLogger } from '../../electron/core/runtime/logger';
import { createSourceRunner, type SourceRunner } from '../../electron/core/runtime/poller';

/** A connector under the real poller, committing into memory: what a connector's integration test drives. */
export interface SourceHarness {
  readonly runner: SourceRunner;
  /** Each committed batch, in order. */
  readonly committed: RawMention[][];
  /** Every health the runner reported, in order. */
  readonly healths: SourceHealth[];
  /** Resolves with the health after the next poll settles. */
  polled(): Promise<SourceHealth>;
  /** The cursor as last committed. */
  cursor(): string | null;
  /**
   * Starts the runner (if not yet) and runs its schedule up to hub time `at`, one timer at a time: each poll
   * settles (real I/O against a fake) before the clock moves on, so every request happens exactly when it was due.
   */
  runUntil(at: number): Promise<void>;
}

/** A clock that forwards to a ManualClock and knows the runner's pending timers. */
interface TimerClock extends Clock {
  nextAt(): number | undefined;
  /** Resolves once a timer is pending (the runner schedules its next poll when the last one settled). */
  scheduled(): Promise<void>;
}

function timerClock(clock: ManualClock): TimerClock {
  const pending = new Map<number, number>();
  let seq = 0;
  let wake: (() => void) | null = null;
  return {
    now: () => clock.now(),
    setTimeout(fn, ms): Cancel {
      const id = seq++;
      pending.set(id, clock.now() + Math.max(0, ms));
      const cancel = clock.setTimeout(() => {
        pending.delete(id);
        fn();
      }, ms);
      wake?.();
      wake = null;
      return () => {
        pending.delete(id);
        cancel();
      };
    },
    nextAt: () => (pending.size === 0 ? undefined : Math.min(...pending.values())),
    scheduled: () => (pending.size > 0 ? Promise.resolve() : new Promise<void>((resolve) => (wake = resolve))),
  };
}

/** Options for `harnessSource`. */
export interface HarnessOptions {
  /** Also commits each batch here (e.g. into a real store); a rejection fails the commit as a store would. */
  readonly commit?: (items: ReadonlyArray<RawMention>, cursor: string | null) => Promise<void>;
}

/** Runs `connector` with the real runner on `clock`, jitter fixed at the midpoint so retry times are exact. */
export function harnessSource(
  connector: Connector,
  clock: ManualClock,
  initialCursor: string | null = null,
  options: HarnessOptions = {},
): SourceHarness {
  const committed: RawMention[][] = [];
  const healths: SourceHealth[] = [];
  const timers = timerClock(clock);
  let cursor = initialCursor;
  let waiter: ((h: SourceHealth) => void) | null = null;
  let started = false;
  const runner = createSourceRunner({
    connector,
    clock: timers,
    logger: silentLogger(),
    random: () => 0.5,
    loadCursor: async () => cursor,
    commit: async (items, c) => {
      await options.commit?.(items, c);
      committed.push([...items]);
      if (c !== null) cursor = c;
    },
    onHealth: (h) => {
      healths.push(h);
      waiter?.(h);
    },
  });
  return {
    runner,
    committed,
    healths,
    polled: () => new Promise<SourceHealth>((resolve) => (waiter = resolve)),
    cursor: () => cursor,
    async runUntil(at) {
      if (!started) runner.start();
      started = true;
      for (;;) {
        await timers.scheduled();
        const next = timers.nextAt() as number;
        if (next > at) break;
        await clock.advance(Math.max(0, next - clock.now()));
      }
      await clock.advance(Math.max(0, at - clock.now()));
    },
  };
}
