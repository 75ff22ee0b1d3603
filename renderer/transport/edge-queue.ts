import { z } from 'zod';
import { eventSchemas, type HubEvent } from '../../shared/contract';
import { MentionSchema, type Mention } from '../../shared/mention';
import { validateEvent } from './validate';

/** Where validated events and rejections go. */
export interface EdgeSink {
  event(event: HubEvent): void;
  invalid(reason: string): void;
}

/** Time slicing: how long one slice may run, the clock, and how to continue later. Injected for tests. */
export interface EdgeSlicing {
  readonly budgetMs: number;
  readonly now: () => number;
  readonly later: (run: () => void) => void;
}

/** Browser default: ~6 ms slices so validation of a burst never holds a frame. */
export const DEFAULT_SLICING: EdgeSlicing = {
  budgetMs: 6,
  now: () => performance.now(),
  later: (run) => setTimeout(run, 0),
};

/** Checks this many mentions between clock reads. */
const CHUNK = 25;

const RawEventSchema = z.object({ name: z.string().max(64), payload: z.unknown() });
const MentionsEnvelope = z.object({ mentions: z.array(z.unknown()) });
const SnapshotEnvelope = eventSchemas.snapshot.extend({ mentions: z.array(z.unknown()) });

/** One queued event: validated step by step; `finish` builds the event once all mentions are checked. */
interface Job {
  readonly items: ReadonlyArray<unknown>;
  readonly valid: Mention[];
  next: number;
  readonly finish: (mentions: ReadonlyArray<Mention>) => HubEvent;
}

/**
 * Validates untrusted incoming events in order, in time slices. Mention-bearing events (snapshot,
 * mentions:batch, the big ones) are checked mention by mention: a bad mention is dropped and counted, not the
 * whole batch, and a burst of thousands never blocks a frame for longer than one slice.
 */
export class EdgeQueue {
  private readonly jobs: Array<Job | { readonly raw: unknown }> = [];
  private scheduled = false;

  constructor(
    private readonly sink: EdgeSink,
    private readonly slicing: EdgeSlicing = DEFAULT_SLICING,
  ) {}

  /** Queues one raw event; validation happens in the next slices. */
  push(raw: unknown): void {
    this.jobs.push({ raw });
    this.schedule();
  }

  /** Forgets everything queued (the transport stopped). */
  clear(): void {
    this.jobs.length = 0;
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    this.slicing.later(() => {
      this.scheduled = false;
      this.pump();
    });
  }

  private pump(): void {
    const start = this.slicing.now();
    while (this.jobs.length > 0 && this.slicing.now() - start < this.slicing.budgetMs) {
      const head = this.jobs[0];
      if (head === undefined) break;
      const job = 'raw' in head ? this.open(head.raw) : head;
      if (job === null) {
        this.jobs.shift();
        continue;
      }
      this.jobs[0] = job;
      if (this.advance(job)) {
        this.jobs.shift();
        this.sink.event(job.finish(job.valid));
      }
    }
    if (this.jobs.length > 0) this.schedule();
  }

  /** Validates a mention chunk; true when the job is complete. */
  private advance(job: Job): boolean {
    const end = Math.min(job.items.length, job.next + CHUNK);
    for (; job.next < end; job.next++) {
      const parsed = MentionSchema.safeParse(job.items[job.next]);
      if (parsed.success) job.valid.push(parsed.data);
      else this.sink.invalid(`mention: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    }
    return job.next >= job.items.length;
  }

  /** Validates everything but the mentions; emits small events at once (returns null) and rejects bad ones. */
  private open(raw: unknown): Job | null {
    const shape = RawEventSchema.safeParse(raw);
    const name = shape.success ? shape.data.name : null;
    if (name === 'mentions:batch' || name === 'snapshot') {
      const payload = shape.success ? shape.data.payload : undefined;
      return name === 'snapshot' ? this.openSnapshot(payload) : this.openBatch(payload);
    }
    const event = validateEvent(raw);
    if (event.ok) this.sink.event(event.value);
    else this.sink.invalid(event.error.message);
    return null;
  }

  private openBatch(payload: unknown): Job | null {
    const envelope = MentionsEnvelope.safeParse(payload);
    if (!envelope.success) return this.reject('"mentions:batch" payload is not {mentions: [...]}');
    return {
      items: envelope.data.mentions,
      valid: [],
      next: 0,
      finish: (mentions) => ({ name: 'mentions:batch', payload: { mentions: [...mentions] } }),
    };
  }

  private openSnapshot(payload: unknown): Job | null {
    const envelope = SnapshotEnvelope.safeParse(payload);
    if (!envelope.success) return this.reject(`"snapshot" payload: ${envelope.error.issues[0]?.message ?? 'invalid'}`);
    const { mentions: items, ...rest } = envelope.data;
    return {
      items,
      valid: [],
      next: 0,
      finish: (mentions) => ({ name: 'snapshot', payload: { ...rest, mentions: [...mentions] } }),
    };
  }

  private reject(reason: string): null {
    this.sink.invalid(reason);
    return null;
  }
}
