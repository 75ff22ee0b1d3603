import { createFeatureBuffer, extractFeatures, type FeatureBuffer } from './features';
import { DENSE_FEATURES, readRules, RULE_FEATURES, type RuleReading } from './rules';
import { createScan, scanText, type Scan } from './text-scan';
import { embeddingFeatures } from './word-vectors';

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

/** Scans `text` and fills the hashed and dense features: the same code path in training and scoring. */
export function featurize(text: string, f: Featurizer, buckets: number): RuleReading {
  scanText(text, f.scan);
  return featurizeScanned(f, buckets);
}

/** Fills the hashed, rule and word-vector features from `f.scan`, already filled by `scanText`. */
export function featurizeScanned(f: Featurizer, buckets: number): RuleReading {
  extractFeatures(f.scan, f.features, buckets);
  const reading = readRules(f.scan, f.dense);
  embeddingFeatures(f.scan, f.dense, RULE_FEATURES);
  return reading;
}
