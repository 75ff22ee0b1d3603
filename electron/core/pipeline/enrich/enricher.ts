import type { Author, Channel, Enrichment } from '../../../../shared/mention';

/** What the enrich step sees of a mention. */
export interface EnrichInput {
  readonly text: string;
  readonly channel: Channel;
  readonly author: Author;
  readonly metadata: Readonly<Record<string, string | number | boolean | null>>;
}

/** Adds sentiment, topics, language and author weight. Pure and synchronous: it runs in the hot path. */
export interface Enricher {
  enrich(input: EnrichInput): Enrichment;
}
