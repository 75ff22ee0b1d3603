import type { Mention } from '../../../shared/mention';
import { minuteOf } from '../../../shared/series';
import type { Clock, Cancel } from './clock';

/** Most mentions one delta carries: bursts beyond it are summarised by status counts, not streamed. */
export const MAX_MENTIONS_PER_DELTA = 1_000;

/** What one flush hands to the publisher. */
export interface PendingDelta {
  readonly mentions: ReadonlyArray<Mention>;
  /** Minutes (epoch ms) whose series changed. */
  readonly minutes: ReadonlyArray<number>;
}

/**
 * Collects new mentions between flushes (~250 ms of real time) so clients get bounded, batched deltas
 * instead of one message per post.
 */
export class EventBatcher {
  private mentions: Mention[] = [];
  private minutes = new Set<number>();
  private cancel: Cancel | null = null;

  constructor(
    private readonly timer: Clock,
    private readonly intervalMs: number,
    private readonly onFlush: (delta: PendingDelta) => void,
  ) {}

  add(mentions: ReadonlyArray<Mention>): void {
    for (const m of mentions) {
      this.mentions.push(m);
      this.minutes.add(minuteOf(m.createdAt));
    }
    if (this.mentions.length > MAX_MENTIONS_PER_DELTA * 2) {
      this.mentions = this.mentions.slice(-MAX_MENTIONS_PER_DELTA);
    }
    this.schedule();
  }

  /** Sends what is pending now. */
  flush(): void {
    this.cancel?.();
    this.cancel = null;
    if (this.mentions.length === 0 && this.minutes.size === 0) return;
    const delta: PendingDelta = {
      mentions: this.mentions.slice(-MAX_MENTIONS_PER_DELTA),
      minutes: [...this.minutes].sort((a, b) => a - b),
    };
    this.mentions = [];
    this.minutes = new Set();
    this.onFlush(delta);
  }

  stop(): void {
    this.cancel?.();
    this.cancel = null;
  }

  private schedule(): void {
    if (this.cancel) return;
    this.cancel = this.timer.setTimeout(() => {
      this.cancel = null;
      this.flush();
    }, this.intervalMs);
  }
}
