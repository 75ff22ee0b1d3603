import type { Channel, Mention, SentimentLabel } from '../../../shared/mention';
import type { Incident } from '../../../shared/incident';
import type { IncidentEngine } from '../../../electron/core/incidents';
import type { Detector } from '../../../electron/core/detect/detector';

/** Hub time the scenarios start at: Monday 2026-01-05 08:00 UTC. */
export const T0 = Date.UTC(2026, 0, 5, 8, 0, 0);
export const MINUTE = 60_000;

/**
 * A deterministic stand-in for the detector in unit tests of grouping logic (never shipped): it scores 1 when a
 * point is far above the running mean (a Poisson-like margin) of the points before it, else 0.
 */
export const thresholdDetector: Detector<{ n: number; sum: number }> = {
  newState: () => ({ n: 0, sum: 0 }),
  update(state, _timestamp, value) {
    const mean = state.n === 0 ? value : state.sum / state.n;
    state.n += 1;
    state.sum += value;
    return value >= mean + 4 * Math.sqrt(mean) + 3 ? 1 : 0;
  },
};

/** What a test says about one post. */
export interface PostSpec {
  readonly text: string;
  readonly channel?: Channel;
  readonly sentiment?: SentimentLabel;
  readonly topics?: ReadonlyArray<string>;
  readonly watchlist?: string;
  readonly author?: string;
}

let counter = 0;

/** A fully enriched mention at `t` (the enrichment is given, not computed: these tests are about incidents). */
export function mention(t: number, spec: PostSpec): Mention {
  const channel = spec.channel ?? 'x';
  const id = `m${++counter}`;
  return {
    id: `${channel}:${id}`,
    sourceId: channel,
    channel,
    externalId: id,
    url: `https://example.test/${channel}/${id}`,
    // Each post its own author unless the test names one: the per-author rule (series.ts) is tested on its own.
    author: { handle: spec.author ?? `user${counter}` },
    text: spec.text,
    language: 'en',
    createdAt: t,
    receivedAt: t,
    watchlist: spec.watchlist ?? 'nimbus',
    metadata: {},
    enrichment: {
      sentiment: { label: spec.sentiment ?? 'neutral', score: 0, confidence: 0.9 },
      topics: (spec.topics ?? []).map((topic) => ({ topic, terms: [] })),
      language: 'en',
      authorWeight: 1,
      vip: false,
    },
  };
}

/** A seeded PRNG (mulberry32): the scenarios are deterministic. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = [
  'balance',
  'card',
  'app',
  'savings',
  'rate',
  'branch',
  'transfer',
  'statement',
  'mortgage',
  'loan',
  'weekend',
  'coffee',
  'budget',
  'travel',
];

/** Ordinary chatter: `n` varied neutral or mildly negative posts in the minute starting at `minute`. */
export function chatter(minute: number, n: number, random: () => number, channel: Channel = 'x'): Mention[] {
  return Array.from({ length: n }, (_, i) => {
    const words = Array.from({ length: 6 }, () => WORDS[Math.floor(random() * WORDS.length)]).join(' ');
    const sentiment: SentimentLabel = random() < 0.2 ? 'negative' : random() < 0.5 ? 'positive' : 'neutral';
    return mention(minute + Math.floor((i * MINUTE) / Math.max(n, 1)), {
      text: `thinking about ${words} today`,
      sentiment,
      channel,
    });
  });
}

/** Runs minutes [from, to): ingests what `posts(minute)` returns and ticks at each minute's end; collects changes. */
export function run(
  engine: IncidentEngine,
  from: number,
  to: number,
  posts: (minute: number) => ReadonlyArray<Mention>,
): Incident[] {
  const changes: Incident[] = [];
  for (let minute = from; minute < to; minute += MINUTE) {
    engine.ingest(posts(minute));
    changes.push(...engine.tick(minute + MINUTE + 1));
  }
  return changes;
}

/** Posts of one kind spread over a minute. */
export function burst(minute: number, n: number, spec: (i: number) => PostSpec): Mention[] {
  return Array.from({ length: n }, (_, i) => mention(minute + Math.floor((i * MINUTE) / n), spec(i)));
}
