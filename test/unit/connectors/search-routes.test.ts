import { describe, expect, it } from 'vitest';
import { toBlueskyQueries, toMastodonTags } from '../../../electron/core/connectors/query';
import { planSearchRoutes, type SearchTerms } from '../../../electron/core/connectors/search-routes';

const mastodon = (ast: Parameters<typeof toMastodonTags>[0]): SearchTerms => {
  const plan = toMastodonTags(ast);
  return { terms: plan.tags, hubFilter: plan.hubFilter };
};
const bluesky = (ast: Parameters<typeof toBlueskyQueries>[0]): SearchTerms => {
  const plan = toBlueskyQueries(ast);
  return { terms: plan.queries, hubFilter: plan.hubFilter };
};

describe('planSearchRoutes with Mastodon tags', () => {
  it('derives tags from watchlist queries and filters broad tags in the hub', () => {
    const plan = planSearchRoutes(
      undefined,
      [
        { id: 'acme', name: 'Acme', query: 'acme' },
        { id: 'outage', name: 'Outage', query: '"acme bank" AND (login OR outage) -test' },
      ],
      mastodon,
    );
    expect(plan.terms).toEqual(['acme', 'acmebank', 'login', 'outage']);
    expect(plan.attribution).toBeUndefined();
    expect(plan.claim('acme', 'anything under the tag')).toBe('acme');
    expect(plan.claim('login', 'acme bank login is broken')).toBe('outage');
    expect(plan.claim('login', 'login broken elsewhere')).toBeNull();
    expect(plan.claim('outage', 'acme bank outage test')).toBeNull();
  });

  it('leaves explicit tags to the hub: no claim, and only matching posts are kept', () => {
    const plan = planSearchRoutes(['brand', 'brand'], [{ id: 'w', name: 'w', query: 'refund' }], mastodon);
    expect(plan.terms).toEqual(['brand']);
    expect(plan.claim('brand', 'where is my refund')).toBeUndefined();
    expect(plan.attribution).toEqual({ requireMatch: true });
  });
});

describe('planSearchRoutes with Bluesky searches', () => {
  it('runs one search per OR alternative and keeps exact searches unfiltered', () => {
    const plan = planSearchRoutes(
      undefined,
      [
        { id: 'a', name: 'a', query: 'acme' },
        { id: 'b', name: 'b', query: '(contoso OR "contoso bank") -job' },
      ],
      bluesky,
    );
    expect(plan.terms).toEqual(['acme', 'contoso', '"contoso bank"']);
    expect(plan.claim('acme', 'whatever the search returned')).toBe('a');
    expect(plan.claim('contoso', 'contoso job offer')).toBeNull();
    expect(plan.claim('contoso', 'contoso down')).toBe('b');
  });
});
