import { describe, expect, it } from 'vitest';
import {
  historyRequest,
  matchesFloor,
  mergeFeed,
  NO_FILTERS,
  queryWords,
} from '../../../../renderer/features/search/floor-query';
import type { Mention } from '../../../../shared/mention';
import { makeMention } from '../fixtures';

const T0 = 1_800_000_000_000;
const weighted = (n: number, w: number): Mention =>
  makeMention(n, T0 + n, { createdAt: T0 + n, enrichment: { ...makeMention(0, 0).enrichment, authorWeight: w } });

describe('floor query', () => {
  it('reads words like the hub: accents and case folded, punctuation dropped, the last a prefix', () => {
    expect(queryWords('Café  "LOG-in"!')).toEqual(['cafe', 'log', 'in']);
    const m = makeMention(1, T0, { text: 'Cannot log in at the café' });
    expect(matchesFloor(m, NO_FILTERS, queryWords('cafe log'))).toBe(true);
    expect(matchesFloor(m, NO_FILTERS, queryWords('lo cafe'))).toBe(false);
    expect(matchesFloor(m, NO_FILTERS, queryWords('user1'))).toBe(true);
    expect(matchesFloor(m, { ...NO_FILTERS, channels: ['reddit'] }, [])).toBe(false);
    expect(matchesFloor(m, { ...NO_FILTERS, topic: 'login', language: 'en', minAuthorWeight: 1 }, [])).toBe(true);
  });

  it('asks the hub only for the filters that narrow', () => {
    expect(historyRequest(NO_FILTERS, '  ', {})).toEqual({ limit: 100, sort: 'time' });
    expect(
      historyRequest({ ...NO_FILTERS, channels: ['x'], vipOnly: true, sort: 'weight' }, 'App  down', { cursor: 'c' }),
    ).toEqual({
      limit: 100,
      sort: 'weight',
      text: 'app down',
      channels: ['x'],
      vipOnly: true,
      cursor: 'c',
    });
  });

  it('by time: live posts then older pages, once each', () => {
    const a = weighted(3, 1);
    const b = weighted(2, 1);
    const c = weighted(1, 1);
    expect(mergeFeed([a, b], { items: [b, c], next: null }, 'time').map((m) => m.id)).toEqual([a.id, b.id, c.id]);
  });

  it('by weight: live posts join the pages only down to the last page read', () => {
    const pages = { items: [weighted(1, 9), weighted(2, 5)], next: 'more' };
    const heavy = weighted(7, 6);
    const light = weighted(8, 2);
    expect(mergeFeed([heavy, light], pages, 'weight').map((m) => m.enrichment.authorWeight)).toEqual([9, 6, 5]);
    expect(mergeFeed([heavy, light], { ...pages, next: null }, 'weight').map((m) => m.enrichment.authorWeight)).toEqual(
      [9, 6, 5, 2],
    );
  });
});
