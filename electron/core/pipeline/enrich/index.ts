import type { Enrichment } from '../../../../shared/mention';
import { vipSet, weighAuthor } from './author';
import { DEFAULT_TAXONOMY } from './default-taxonomy';
import type { EnrichInput, Enricher } from './enricher';
import { readText } from './sentiment';
import type { Taxonomy } from './taxonomy';
import { compileTaxonomy, tagTopics } from './topics';

export type { EnrichInput, Enricher } from './enricher';
export { weighAuthor, vipSet, normaliseHandle, VIP_MIN_WEIGHT, type AuthorWeight } from './author';
export { DEFAULT_TAXONOMY } from './default-taxonomy';
export { detectLanguage } from './language';
export { readText, scoreSentiment, scoreSentimentEnglish, UNSURE_BELOW, type TextReading } from './sentiment';
export {
  TaxonomySchema,
  TaxonomyOverrideSchema,
  TopicSchema,
  mergeTaxonomy,
  parseTaxonomy,
  type Taxonomy,
  type TaxonomyOverride,
  type Topic,
} from './taxonomy';
export { compileTaxonomy, tagTopics, type CompiledTaxonomy } from './topics';

/** What a brand configures about enrichment. */
export interface EnricherOptions {
  /** The brand's taxonomy (DEFAULT_TAXONOMY, possibly via `mergeTaxonomy`). */
  readonly taxonomy?: Taxonomy;
  /** Imported VIP handles, matched case-insensitively, "@" optional. */
  readonly vipHandles?: Iterable<string>;
}

/** Builds the enrich step: language, sentiment (language-aware), failure topics with evidence, author weight. */
export function createEnricher(options: EnricherOptions = {}): Enricher {
  const taxonomy = compileTaxonomy(options.taxonomy ?? DEFAULT_TAXONOMY);
  const vips = vipSet(options.vipHandles);
  return {
    enrich(input: EnrichInput): Enrichment {
      const { language, sentiment } = readText(input.text);
      const { authorWeight, vip } = weighAuthor(input.author, input.metadata, vips);
      return {
        sentiment,
        topics: tagTopics(input.text, taxonomy),
        language,
        authorWeight,
        vip,
      };
    },
  };
}
