import type { Enrichment } from '../../../../shared/mention';
import type { NormalizedMention } from '../normalize';
import type { Enricher } from './enricher';

/** A normalized mention with its sentiment, topics, language and author weight. */
export type EnrichedMention = NormalizedMention & { readonly enrichment: Enrichment; readonly language: string };

/** The enrich step: reads the normalized text once with the brand's enricher. Pure and synchronous. */
export function enrichMention(mention: NormalizedMention, enricher: Enricher): EnrichedMention {
  const enrichment = enricher.enrich({
    text: mention.text,
    channel: mention.channel,
    author: mention.author,
    metadata: mention.metadata,
  });
  return { ...mention, enrichment, language: enrichment.language };
}
