/** How much one WebSocket client may ask of the hub. Costs are in the units of `commandCost` (core api). */
export interface WsLimits {
  /** Work units a client may spend at once: the token bucket's size. */
  readonly burst: number;
  /** Work units the bucket regains per second. */
  readonly refillPerSecond: number;
  /** Commands of one client running at once; the next ones wait their turn. */
  readonly maxInFlight: number;
  /** Commands of one client waiting for a turn; past that they are refused as rate limited. */
  readonly maxQueued: number;
  /** Refusals one client may collect per `floodWindowMs` before it is dropped (close 1008). */
  readonly maxRefusals: number;
  readonly floodWindowMs: number;
  /** Unsent bytes queued for one client past which it is dropped (a slow reader; it reconnects for a snapshot). */
  readonly maxBufferedBytes: number;
}

/** The hub's defaults: a wall asks for far less; a script looping on commands is throttled, then dropped. */
export const DEFAULT_WS_LIMITS: WsLimits = {
  burst: 50,
  refillPerSecond: 20,
  maxInFlight: 4,
  maxQueued: 64,
  maxRefusals: 100,
  floodWindowMs: 10_000,
  maxBufferedBytes: 8 * 1024 * 1024,
};

/** A token bucket on an injected monotonic clock (ms). */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly capacity: number,
    private readonly perMs: number,
    private readonly now: () => number,
  ) {
    this.tokens = capacity;
    this.last = now();
  }

  /** Takes `n` tokens if there are that many; false (and nothing taken) otherwise. */
  take(n = 1): boolean {
    const t = this.now();
    this.tokens = Math.min(this.capacity, this.tokens + Math.max(0, t - this.last) * this.perMs);
    this.last = t;
    if (this.tokens < n) return false;
    this.tokens -= n;
    return true;
  }
}

/** What became of a submitted command: run (now or once a slot frees), refused, or refused once too often. */
export type Admission = 'accepted' | 'limited' | 'flood';

/** One connection's gate: rate limit, bounded queue, bounded concurrency, flood detection. */
export interface CommandGate {
  submit(cost: number, task: () => Promise<void>): Admission;
  /** Drops the commands still waiting (the client went away). */
  close(): void;
}

/** Builds the gate of one connection. `now` is a monotonic clock in ms (real time, not hub time). */
export function createCommandGate(limits: WsLimits, now: () => number): CommandGate {
  const bucket = new TokenBucket(limits.burst, limits.refillPerSecond / 1000, now);
  const refusals = new TokenBucket(limits.maxRefusals, limits.maxRefusals / limits.floodWindowMs, now);
  const queue: Array<() => Promise<void>> = [];
  let inFlight = 0;
  let closed = false;
  const pump = (): void => {
    while (!closed && inFlight < limits.maxInFlight) {
      const task = queue.shift();
      if (!task) return;
      inFlight += 1;
      void task()
        .catch(() => undefined)
        .finally(() => {
          inFlight -= 1;
          pump();
        });
    }
  };
  return {
    submit(cost, task) {
      const fits = queue.length < limits.maxQueued && bucket.take(Math.min(cost, limits.burst));
      if (!fits) return refusals.take() ? 'limited' : 'flood';
      queue.push(task);
      pump();
      return 'accepted';
    },
    close() {
      closed = true;
      queue.length = 0;
    },
  };
}
