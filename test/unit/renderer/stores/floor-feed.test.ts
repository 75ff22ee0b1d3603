import { describe, expect, it } from 'vitest';
import { addToBatch, emptyBatch } from '../../../../renderer/stores/delta-batch';
import { floorFeed } from '../../../../renderer/stores/floor-slice';
import { createWallStore } from '../../../../renderer/stores/wall-store';
import { makeMention, makeSnapshot } from '../fixtures';

const T0 = 1_800_000_000_000;

/** A store on a snapshot of `n` posts, one a second up to T0. */
function storeWith(n: number) {
  const store = createWallStore({ now: 0, settings: { theme: 'dark', largeType: false } });
  const mentions = Array.from({ length: n }, (_, i) => makeMention(i, T0 - i * 1000, { createdAt: T0 - i * 1000 }));
  store.getState().applySnapshot(makeSnapshot(T0, { mentions }));
  return store;
}

describe('floorFeed', () => {
  it('is the live buffer itself while nothing narrows it: no copy, filter or merge of 2,000 rows per delta', () => {
    const store = storeWith(500);
    const delta = addToBatch(emptyBatch(), {
      name: 'mentions:batch',
      payload: { mentions: [makeMention(900, T0 + 1000, { createdAt: T0 + 1000 })] },
    });
    store.getState().applyDeltas(delta);
    const s = store.getState();
    expect(floorFeed(s)).toBe(s.mentions.items);
    expect(floorFeed(s)).toHaveLength(501);
  });

  it('filters and searches the live buffer as before once something narrows it', () => {
    const store = storeWith(20);
    store.getState().setFilters({ sort: 'weight' });
    expect(floorFeed(store.getState())).not.toBe(store.getState().mentions.items);
    store.getState().resetFilters();
    store.getState().setSearchQuery('number 7');
    expect(floorFeed(store.getState()).map((m) => m.text)).toEqual(['post number 7']);
    store.getState().setSearchQuery('');
    expect(floorFeed(store.getState())).toBe(store.getState().mentions.items);
  });
});
