import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { IngestItem } from './traffic';

/** One acknowledged (or failed) ingest request, timed with performance.now(). */
export interface Ack {
  readonly sentAt: number;
  readonly ackAt: number;
  readonly status: number;
  readonly accepted: number;
}

/** Posts items to the ingest webhook as a sender does: bearer token, JSON body, one request per batch. */
export type Poster = (items: ReadonlyArray<IngestItem>) => Promise<Ack>;

/** A poster for one ingest source. */
export function createPoster(url: string, token: string): Poster {
  return async (items) => {
    const body = JSON.stringify({ mentions: items });
    const sentAt = performance.now();
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body,
      });
      const reply = (await res.json()) as { accepted?: unknown };
      const accepted = typeof reply.accepted === 'number' ? reply.accepted : 0;
      return { sentAt, ackAt: performance.now(), status: res.status, accepted };
    } catch {
      return { sentAt, ackAt: performance.now(), status: 0, accepted: 0 };
    }
  };
}

/** What a paced (or flat-out) push did. */
export interface PushResult {
  readonly posted: number;
  readonly accepted: number;
  readonly failedRequests: number;
  readonly seconds: number;
  /** Request round trips (send → ack), ms. */
  readonly roundTrips: ReadonlyArray<number>;
}

/** How to push: `rate` posts/s (Infinity: as fast as acks come back), `batch` per request, at most `inFlight` open. */
export interface PushOptions {
  readonly rate: number;
  readonly batch: number;
  readonly inFlight: number;
  /** Keeps pushing while this returns true. */
  readonly until: () => boolean;
}

/**
 * Pushes batches on a schedule: by elapsed time, `rate × t` posts are due; a batch goes out whenever one is due and
 * fewer than `inFlight` requests are open, so a slow hub shows as a lower achieved rate, not a pile of requests.
 */
export async function push(
  options: PushOptions,
  makeBatch: (n: number) => IngestItem[],
  post: Poster,
): Promise<PushResult> {
  const started = performance.now();
  const roundTrips: number[] = [];
  const open = new Set<Promise<void>>();
  let queued = 0;
  let accepted = 0;
  let failed = 0;
  while (options.until()) {
    const due = ((performance.now() - started) / 1000) * options.rate - queued;
    if (due >= options.batch && open.size < options.inFlight) {
      queued += options.batch;
      const request = post(makeBatch(options.batch)).then((ack) => {
        roundTrips.push(ack.ackAt - ack.sentAt);
        accepted += ack.accepted;
        if (ack.status !== 200) failed += 1;
        open.delete(request);
      });
      open.add(request);
      continue;
    }
    if (open.size >= options.inFlight) await Promise.race(open);
    else await sleep(Math.min(20, Math.max(1, ((options.batch - due) / options.rate) * 1000)));
  }
  await Promise.all(open);
  return {
    posted: queued,
    accepted,
    failedRequests: failed,
    seconds: (performance.now() - started) / 1000,
    roundTrips,
  };
}
