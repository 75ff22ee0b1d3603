import type { Enrichment, Mention, RawMention } from '../../shared/mention';

/** A neutral enrichment for tests whose subject is not enrichment (store, transport). */
export const NEUTRAL_ENRICHMENT: Enrichment = {
  sentiment: { label: 'neutral', score: 0, confidence: 0.9 },
  topics: [],
  language: 'en',
  authorWeight: 1,
  vip: false,
};

/** A raw item as a connector would hand it over. */
export function rawMention(n: number, createdAt: number, overrides: Partial<RawMention> = {}): RawMention {
  return {
    externalId: `ext-${n}`,
    channel: 'x',
    author: { handle: `user${n}`, followers: n },
    text: `post number ${n}`,
    createdAt,
    ...overrides,
  };
}

/** A stored mention for store tests. */
export function mention(n: number, createdAt: number, overrides: Partial<Mention> = {}): Mention {
  return {
    id: `src:ext-${n}`,
    sourceId: 'src',
    channel: 'x',
    externalId: `ext-${n}`,
    author: { handle: `user${n}` },
    text: `post number ${n}`,
    language: 'en',
    createdAt,
    receivedAt: createdAt + 1000,
    watchlist: 'nimbus',
    metadata: {},
    enrichment: NEUTRAL_ENRICHMENT,
    ...overrides,
  };
}
