import { setTimeout as sleep } from 'node:timers/promises';
import type { Ack, Poster } from './push';
import { surgeTexts, type IngestItem } from './traffic';
import type { BenchClient, SeenIncident } from './ws-client';

/** How one injected breakdown went. */
export interface SurgeOutcome {
  readonly watchlist: string;
  readonly topic: string;
  /** Posts the hub had counted when it opened the incident (from the card), and the request that carried the last. */
  readonly crossingPost: number | null;
  readonly crossingRequest: number | null;
  /** Crossing request's ack → incident event at the client, ms (negative: the event came before the ack). */
  readonly latencyMs: number | null;
  /** Crossing request's send → incident event at the client, ms: what the sender waits, round trip included. */
  readonly fromSendMs: number | null;
  readonly first: SeenIncident | null;
}

/** The shape of an injected breakdown: `posts` failure-topic complaints in requests of `batch`, `gapMs` apart. */
export interface SurgeShape {
  readonly posts: number;
  readonly batch: number;
  readonly gapMs: number;
}

/**
 * Injects breakdown number `n` on a fresh watchlist: a sharp surge of complaints about one failure topic, posted in
 * small sequential requests, and waits for the connected client to hear of it.
 *
 * Alert latency is measured from the ack of the request that made the incident openable to the incident event at
 * the client. Which request that was comes from the hub's own count: the first card of a surge incident counts the
 * posts it had seen when it opened (its source mix, over the open minute so far; the watchlist is fresh, so those
 * are all surge posts), and the request that carried post number `count` is the crossing one.
 */
export async function injectSurge(
  n: number,
  shape: SurgeShape,
  post: Poster,
  client: BenchClient,
  nextId: () => string,
): Promise<SurgeOutcome> {
  const watchlist = `surge-${n}`;
  const { topic, texts } = surgeTexts(n, shape.posts);
  const heard = client.firstFor(watchlist, 15_000);
  const acks: Array<Ack & { readonly through: number }> = [];
  for (let i = 0; i < texts.length; i += shape.batch) {
    const items: IngestItem[] = texts.slice(i, i + shape.batch).map((text, k) => ({
      externalId: nextId(),
      text,
      createdAt: Date.now(),
      author: `customer${n}_${i + k}`,
      watchlist,
    }));
    const ack = await post(items);
    acks.push({ ...ack, through: i + items.length });
    if (i + shape.batch < texts.length) await sleep(shape.gapMs);
  }
  const first = await heard;
  if (!first)
    return { watchlist, topic, crossingPost: null, crossingRequest: null, latencyMs: null, fromSendMs: null, first };
  const counted = first.incident.evidence.sourceMix.reduce((a, s) => a + s.count, 0);
  const byCount = acks.findIndex((a) => a.through >= counted);
  const bySend = acks.findLastIndex((a) => a.sentAt < first.at);
  const index = counted > 0 && byCount >= 0 ? byCount : bySend;
  const crossing = acks[index];
  return {
    watchlist,
    topic,
    crossingPost: counted > 0 ? counted : null,
    crossingRequest: index >= 0 ? index + 1 : null,
    latencyMs: crossing ? first.at - crossing.ackAt : null,
    fromSendMs: crossing ? first.at - crossing.sentAt : null,
    first,
  };
}
