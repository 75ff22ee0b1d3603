import { describe, expect, it } from 'vitest';
import { clusterNearDuplicates, risingTerms, terms, wilsonLower, words } from '../../../electron/core/incidents';

describe('evidence text', () => {
  it('drops handles, URLs, entities and stop-words, and keeps content bigrams and particle phrases', () => {
    expect(words('@united RT Can&#39;t log in!! https://t.co/abc #FAIL')).toEqual(['rt', "can't", 'log', 'in', 'fail']);
    const t = terms(
      '@AmericanAir Cancelled Flightled again, on hold for 2 hours. Flight Booking Problems http://x.co/1',
    );
    expect([...t]).toEqual(
      expect.arrayContaining([
        'cancelled',
        'cancelled flightled',
        'hold',
        'flight booking',
        'booking problems',
        'hours',
      ]),
    );
    expect([...t].some((x) => x.includes('americanair') || x.includes('http') || x === 'on' || x === 'for')).toBe(
      false,
    );
    expect([...terms("I can't log in, I keep getting logged out")]).toEqual(
      expect.arrayContaining(['log in', 'logged out']),
    );
  });

  it('ranks terms by smoothed lift against the baseline period, a bigram standing for its words', () => {
    const table = new Map([
      ['app', 300],
      ['error', 5],
    ]);
    const baseline = { docs: 1000, countOf: (t: string) => table.get(t) ?? 0 };
    const observed = [
      terms('app error 503 again'),
      terms('error 503 on the app'),
      terms('app shows error 503'),
      terms('love the app'),
    ];
    const rising = risingTerms(observed, baseline, { minCount: 2 });
    expect(rising[0]?.term).toBe('error 503');
    expect(rising.map((r) => r.term)).not.toContain('503');
    const app = rising.find((r) => r.term === 'app');
    expect(app?.count).toBe(4);
    expect(app?.lift).toBeLessThan(rising[0]?.lift ?? 0);
    expect(app?.lift).toBeCloseTo(wilsonLower(4, 4) / ((300 + 5) / (1000 + 10)), 6);
    expect(wilsonLower(4, 4)).toBeCloseTo(0.598, 3);
  });

  it('collapses near-duplicates (retweets, trailing tags, changed handles) but keeps distinct posts apart', () => {
    const posts = [
      'Can not log in to the app since this morning, error 503 every time',
      'RT @bob: Can not log in to the app since this morning, error 503 every time',
      '@nimbus can not log in to the app since this morning, error 503 every time!!! #fail',
      'My card was declined at the store and nobody answers the phone',
    ];
    const clusters = clusterNearDuplicates(posts, (p) => p);
    expect(clusters.map((c) => c.length)).toEqual([3, 1]);
  });
});
