import { describe, expect, it } from 'vitest';
import { planMastodon } from '../../../../electron/core/connectors/mastodon/mastodon-plan';
import {
  compareIds,
  readMastodonCursor,
  writeMastodonCursor,
} from '../../../../electron/core/connectors/mastodon/mastodon-cursor';

describe('planMastodon', () => {
  it('derives tags from watchlist queries and filters broad tags in the hub', () => {
    const plan = planMastodon(undefined, [
      { id: 'acme', name: 'Acme', query: 'acme' },
      { id: 'outage', name: 'Outage', query: '"acme bank" AND (login OR outage) -test' },
    ]);
    expect(plan.tags).toEqual(['acme', 'acmebank', 'login', 'outage']);
    expect(plan.assign('acme', 'anything under the tag')).toBe('acme');
    expect(plan.assign('login', 'acme bank login is broken')).toBe('outage');
    expect(plan.assign('login', 'login broken elsewhere')).toBeNull();
    expect(plan.assign('outage', 'acme bank outage test')).toBeNull();
  });

  it('matches explicit tags against every watchlist, and passes everything when there are none', () => {
    const plan = planMastodon(['brand'], [{ id: 'w', name: 'w', query: 'refund' }]);
    expect(plan.tags).toEqual(['brand']);
    expect(plan.assign('brand', 'where is my refund')).toBe('w');
    expect(plan.assign('brand', 'hello')).toBeNull();
    expect(planMastodon(['brand'], []).assign('brand', 'hello')).toBeUndefined();
  });
});

describe('Mastodon cursor', () => {
  it('orders snowflake ids numerically and keeps only followed tags', () => {
    expect(compareIds('99', '100')).toBeLessThan(0);
    expect(compareIds('113000000000000002', '113000000000000001')).toBeGreaterThan(0);
    const raw = writeMastodonCursor({ acme: '5', old: '9' }, ['acme', 'new']);
    expect(readMastodonCursor(raw)).toEqual({ acme: '5' });
    expect(readMastodonCursor('garbage')).toEqual({});
  });
});
