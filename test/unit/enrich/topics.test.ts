import { describe, expect, it } from 'vitest';
import {
  compileTaxonomy,
  DEFAULT_TAXONOMY,
  mergeTaxonomy,
  parseTaxonomy,
  tagTopics,
  TaxonomySchema,
} from '../../../electron/core/pipeline/enrich';
import { TopicHitSchema } from '../../../shared/mention';

const compiled = compileTaxonomy(DEFAULT_TAXONOMY);
const topicsOf = (text: string): string[] => tagTopics(text, compiled).map((h) => h.topic);

describe('DEFAULT_TAXONOMY', () => {
  it('is a valid Taxonomy with the ten failure topics', () => {
    expect(TaxonomySchema.safeParse(DEFAULT_TAXONOMY).success).toBe(true);
    expect(DEFAULT_TAXONOMY.topics.map((t) => t.id)).toEqual([
      'outage',
      'login',
      'payment',
      'refund',
      'delivery',
      'cancellation',
      'customer_service',
      'app_bug',
      'security',
      'pricing',
    ]);
  });
});

describe('tagTopics', () => {
  it('tags several topics with the matched terms as evidence', () => {
    const hits = tagTopics("I can't log in, the site keeps saying error 503 and I was double charged", compiled);
    expect(hits).toEqual([
      { topic: 'outage', terms: ['error 503'] },
      { topic: 'login', terms: ["can't log in".replace("can't ", '')] },
      { topic: 'payment', terms: ['double charged', 'charged'] },
    ]);
    for (const h of hits) expect(TopicHitSchema.safeParse(h).success).toBe(true);
  });

  it('matches stems, apostrophe-free spellings and digit masks', () => {
    expect(topicsOf('still no REFUNDS after 3 weeks')).toContain('refund');
    expect(topicsOf('cant log in since this morning')).toContain('login');
    expect(topicsOf('App keeps crashing after the update')).toContain('app_bug');
    expect(topicsOf('getting a 502 error on checkout')).toEqual(expect.arrayContaining(['outage', 'payment']));
    expect(topicsOf('my order was cancelled without notice')).toContain('cancellation');
  });

  it('does not run a phrase across punctuation', () => {
    expect(tagTopics('The app, keeps me happy', compiled).find((h) => h.topic === 'app_bug')).toBeUndefined();
  });

  it('ignores URLs and @handles', () => {
    expect(topicsOf('@refund_bot see https://example.com/outage/login')).toEqual([]);
  });

  it('lets an exclude pattern veto a topic', () => {
    expect(topicsOf('saving for a down payment')).not.toContain('outage');
    expect(topicsOf('the website is down')).toContain('outage');
  });

  it('tags nothing in a happy post', () => {
    expect(topicsOf('Loving the new colours, great job team')).toEqual([]);
  });
});

describe('mergeTaxonomy', () => {
  it('adds topics, extends terms and removes topics for a brand', () => {
    const merged = mergeTaxonomy(DEFAULT_TAXONOMY, {
      topics: [
        { id: 'luggage', label: 'Baggage', terms: ['luggage', 'bag*'] },
        { id: 'delivery', terms: ['tarmac'] },
      ],
      remove: ['pricing'],
    });
    expect(merged.ok).toBe(true);
    if (!merged.ok) return;
    const c = compileTaxonomy(merged.value);
    expect(tagTopics('they lost my bags and we sat on the tarmac for 2 hours', c)).toEqual([
      { topic: 'delivery', terms: ['tarmac'] },
      { topic: 'luggage', terms: ['bags'] },
    ]);
    expect(merged.value.topics.some((t) => t.id === 'pricing')).toBe(false);
  });

  it("replaces a topic's terms when asked", () => {
    const merged = mergeTaxonomy(DEFAULT_TAXONOMY, {
      topics: [{ id: 'refund', terms: ['money back'], replace: true }],
    });
    expect(merged.ok && merged.value.topics.find((t) => t.id === 'refund')?.terms).toEqual(['money back']);
  });

  it('rejects invalid overrides and taxonomies', () => {
    expect(mergeTaxonomy(DEFAULT_TAXONOMY, { topics: [{ id: 'Bad Id!', terms: ['x'] }] }).ok).toBe(false);
    expect(mergeTaxonomy(DEFAULT_TAXONOMY, { topics: [{ id: 'newtopic' }] }).ok).toBe(false);
    expect(mergeTaxonomy(DEFAULT_TAXONOMY, { topics: [{ id: 'x', terms: ['<script>'] }] }).ok).toBe(false);
    expect(
      parseTaxonomy({
        topics: [
          { id: 'a', label: 'A', terms: ['x'] },
          { id: 'a', label: 'A2', terms: ['y'] },
        ],
      }).ok,
    ).toBe(false);
    expect(parseTaxonomy({ topics: [{ id: 'a', label: 'A', terms: ['x'] }] }).ok).toBe(true);
  });
});

describe('tagTopics with a plain taxonomy', () => {
  it('compiles it on first use and gives the same hits', () => {
    const text = 'refund still pending after my payment failed';
    expect(tagTopics(text, DEFAULT_TAXONOMY)).toEqual(tagTopics(text, compiled));
  });
});
