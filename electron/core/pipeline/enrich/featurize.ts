import { createFeatureBuffer, extractFeatures, type FeatureBuffer } from './features';
import { DENSE_FEATURES, readRules, type RuleReading } from './rules';
import { createScan, scanText, type Scan } from './text-scan';

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

/** Fills the features from `f.scan`, already filled by `scanText`. */
export function featurizeScanned(f: Featurizer, buckets: number): RuleReading {
  extractFeatures(f.scan, f.features, buckets);
  return readRules(f.scan, f.dense);
}
