import { describe, expect, it } from 'vitest';
import { createAttributor } from '../../../electron/core/pipeline/attribute';
import { enrichMention } from '../../../electron/core/pipeline/enrich/enrich-mention';
import type { Enricher } from '../../../electron/core/pipeline/enrich/enricher';
import { normalizeMention } from '../../../electron/core/pipeline/normalize';
import { NEUTRAL_ENRICHMENT, rawMention } from '../../helpers/mentions';

const NOW = Date.UTC(2026, 0, 5, 9, 0, 0);
const enricher: Enricher = { enrich: () => NEUTRAL_ENRICHMENT };
const WATCHLISTS = [
  { id: 'nimbus', name: 'Nimbus Bank', query: '"nimbus bank" OR @nimbus' },
  { id: 'cashback', name: 'Cashback', query: 'cashback' },
];

/** Normalized and enriched, as the attribute step receives it. */
const enriched = (text: string, watchlist?: string) =>
  enrichMention(
    normalizeMention(rawMention(1, NOW, { text, ...(watchlist ? { watchlist } : {}) }), {
      sourceId: 'src',
      receivedAt: NOW,
    }),
    enricher,
  );

describe('the attribute step', () => {
  const attributor = createAttributor(WATCHLISTS);

  it("keeps the source's own claim (its API query was per watchlist) over any text match", () => {
    expect(attributor.attribute(enriched('cashback is great', 'nimbus'), {})?.watchlist).toBe('nimbus');
  });

  it("uses the source's configured watchlist for every mention (app reviews rarely name the brand)", () => {
    expect(attributor.attribute(enriched('the app crashes'), { watchlist: 'nimbus' })?.watchlist).toBe('nimbus');
  });

  it('matches the text against every watchlist query, first match wins', () => {
    expect(attributor.attribute(enriched('Loving the cashback'), {})?.watchlist).toBe('cashback');
    expect(attributor.attribute(enriched('Nimbus Bank app is down'), {})?.watchlist).toBe('nimbus');
  });

  it('gives an unmatched mention to the first watchlist, or drops it when the source requires a match', () => {
    expect(attributor.attribute(enriched('nothing relevant'), {})?.watchlist).toBe('nimbus');
    expect(attributor.attribute(enriched('nothing relevant'), { requireMatch: true })).toBeNull();
    expect(attributor.attribute(enriched('cashback!'), { requireMatch: true })?.watchlist).toBe('cashback');
  });

  it('with no watchlists, keeps everything under "default"', () => {
    const none = createAttributor([]);
    expect(none.attribute(enriched('anything'), { requireMatch: true })?.watchlist).toBe('default');
  });

  it('hands on a complete mention, without the claim field', () => {
    const m = attributor.attribute(enriched('Nimbus Bank', 'nimbus'), {});
    expect(m).not.toHaveProperty('claimedWatchlist');
    expect(m).toMatchObject({ id: 'src:ext-1', enrichment: NEUTRAL_ENRICHMENT, language: NEUTRAL_ENRICHMENT.language });
  });
});
