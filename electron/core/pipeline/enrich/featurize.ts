import { createFeatureBuffer, extractFeatures, type FeatureBuffer } from './features';
import { DENSE_FEATURES, readRules, RULE_FEATURES, type RuleReading } from './rules';
import { createScan, scanText, type Scan } from './text-scan';
import { embeddingFeatures, type WordLexicon } from './word-vectors';

/** Scratch space for turning a text into model inputs; one per thread of use, reused across texts. */
export interface Featurizer {
  readonly scan: Scan;
  readonly features: FeatureBuffer;
  readonly dense: Float32Array;
}

/** Allocates the scratch buffers. */
export function createFeaturizer(): Featurizer {
  return { scan: createScan(), features: createFeatureBuffer(), dense: new Float32Array(DENSE_FEATURES) };
}

/** What a model brings to featurising: its hashed buckets and its word lexicon. */
export interface FeatureSpace {
  readonly buckets: number;
  readonly lexicon: WordLexicon;
}

/** Scans `text` and fills the hashed and dense features: the same code path in training and scoring. */
export function featurize(text: string, f: Featurizer, space: FeatureSpace): RuleReading {
  scanText(text, f.scan);
  return featurizeScanned(f, space);
}

/** Fills the hashed, rule and word-vector features from `f.scan`, already filled by `scanText`. */
export function featurizeScanned(f: Featurizer, space: FeatureSpace): RuleReading {
  extractFeatures(f.scan, f.features, space.buckets);
  const reading = readRules(f.scan, f.dense);
  embeddingFeatures(f.scan, f.dense, RULE_FEATURES, space.lexicon);
  return reading;
}
