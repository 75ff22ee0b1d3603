import { describe, expect, it } from 'vitest';
import { createEnricher, DEFAULT_TAXONOMY, mergeTaxonomy } from '../../../electron/core/pipeline/enrich';
import { EnrichmentSchema } from '../../../shared/mention';

describe('createEnricher', () => {
  it('enriches a mention with sentiment, topics, language and author weight', () => {
    const enricher = createEnricher({ vipHandles: ['@BigCustomer'] });
    const e = enricher.enrich({
      text: "Your app is down AGAIN and I can't log in 😡",
      channel: 'x',
      author: { handle: 'BigCustomer', followers: 80_000 },
      metadata: {},
    });
    expect(EnrichmentSchema.safeParse(e).success).toBe(true);
    expect(e.sentiment.label).toBe('negative');
    expect(e.topics.map((t) => t.topic)).toEqual(['outage', 'login']);
    expect(e.language).toBe('en');
    expect(e.vip).toBe(true);
    expect(e.authorWeight).toBe(5);
  });

  it('uses a brand taxonomy', () => {
    const merged = mergeTaxonomy(DEFAULT_TAXONOMY, { topics: [{ id: 'luggage', label: 'Baggage', terms: ['bag*'] }] });
    if (!merged.ok) throw new Error(merged.error.message);
    const e = createEnricher({ taxonomy: merged.value }).enrich({
      text: 'they lost my bags',
      channel: 'x',
      author: { handle: 'a' },
      metadata: {},
    });
    expect(e.topics).toEqual([{ topic: 'luggage', terms: ['bags'] }]);
    expect(e.vip).toBe(false);
    expect(e.authorWeight).toBe(1);
  });

  it('marks non-English posts with their language and an unsure sentiment', () => {
    const e = createEnricher().enrich({
      text: 'No puedo entrar a mi cuenta desde ayer, qué desastre',
      channel: 'x',
      author: { handle: 'a' },
      metadata: {},
    });
    expect(e.language).toBe('es');
    expect(e.sentiment.confidence).toBeLessThan(0.5);
  });
});
