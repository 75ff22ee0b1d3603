import { describe, expect, it } from 'vitest';
import { scoreSentiment, UNSURE_BELOW } from '../../../electron/core/pipeline/enrich';
import { LEXICON } from '../../../electron/core/pipeline/enrich/lexicon';
import { hashString } from '../../../electron/core/pipeline/enrich/hash';
import { DENSE_FEATURES, readRules } from '../../../electron/core/pipeline/enrich/rules';
import { createScan, scanText } from '../../../electron/core/pipeline/enrich/text-scan';

/** Dense features 19..26 are the wide lexicon's: pos sum, neg sum, compound, pos n, neg n, max, min, last. */
function wide(text: string): Float32Array {
  const dense = new Float32Array(DENSE_FEATURES);
  readRules(scanText(text, createScan()), dense);
  return dense.subarray(19, 27);
}

describe('the wide (VADER) lexicon', () => {
  it('knows sentiment words the hand lexicon lacks', () => {
    for (const w of ['gracious', 'elegant', 'gloomy', 'heartbroken'])
      expect(LEXICON.wide.has(hashString(w)), w).toBe(true);
    expect(LEXICON.valence.has(hashString('gracious'))).toBe(false);
  });

  it('feeds dense features: polarity sums, counts and extremes, flipped inside a negation scope', () => {
    const plain = wide('so gloomy');
    expect(plain[1]).toBeGreaterThan(0);
    expect(plain[0]).toBe(0);
    expect(plain[4]).toBeCloseTo(1 / 3);
    const negated = wide('not gloomy');
    expect(negated[0]).toBeGreaterThan(0);
    expect(negated[1]).toBe(0);
    expect(Array.from(wide('the bus leaves at five'))).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it('lets the model read rare sentiment words', () => {
    expect(scoreSentiment('this update is a blessing, so elegant').label).toBe('positive');
    expect(scoreSentiment('the staff were gracious').label).toBe('positive');
    const grim = scoreSentiment('so grim and gloomy today');
    expect(grim.label).toBe('negative');
    expect(grim.confidence).toBeGreaterThanOrEqual(UNSURE_BELOW);
  });
});
