// @vitest-environment jsdom
import '../views/setup-dom';
import { act, renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useVirtualizer } from '@tanstack/react-virtual';
import {
  pruneSizeCache,
  rowHeight,
  STALE_SIZES,
  usePrunedSizes,
} from '../../../../renderer/features/feed/feed-virtualizer';
import type { Mention } from '../../../../shared/mention';
import { makeMention } from '../fixtures';

const T0 = Date.UTC(2026, 0, 5, 9, 0);
const page = (from: number, n: number): Mention[] =>
  Array.from({ length: n }, (_, i) => makeMention(from + i, T0 + from + i));

describe('the feed virtualizer', () => {
  it('forgets the sizes of posts that left the feed, so a live stream does not grow the heap', () => {
    const scroll = { current: document.createElement('div') };
    // The feed's virtualizer, as LiveFeed sets it up.
    const useFeed = (items: ReadonlyArray<Mention>) => {
      const virtualizer = useVirtualizer({
        count: items.length,
        getScrollElement: () => scroll.current,
        estimateSize: () => 112,
        getItemKey: (index) => items[index]?.id ?? index,
        measureElement: rowHeight,
      });
      usePrunedSizes(virtualizer, items);
      return virtualizer;
    };
    const { result, rerender } = renderHook(({ items }) => useFeed(items), {
      initialProps: { items: page(0, 100) },
    });
    // Thirty flushes, each a feed of 100 new posts whose rows are all measured (as the ResizeObserver does).
    for (let flush = 1; flush <= 30; flush += 1) {
      const items = page(flush * 1000, 100);
      rerender({ items });
      act(() => {
        result.current.getTotalSize(); // lays out the measurements the sizes go into
        items.forEach((_, i) => result.current.resizeItem(i, 90 + (i % 3)));
      });
    }
    const cache = result.current.itemSizeCache;
    // The feed, STALE_SIZES more and one flush measured since the last prune at most; not all 3,100 ever shown.
    expect(cache.size).toBeLessThanOrEqual(2 * 100 + STALE_SIZES);
    // The posts on screen keep their measured sizes.
    expect(cache.get('sim:30000')).toBe(90);
    expect(cache.get('sim:30099')).toBe(90);
  });

  it('prunes only once the cache holds STALE_SIZES more than the feed, keeping the live posts', () => {
    const items = page(0, 10);
    const cache = new Map<string | number | bigint, number>(items.map((m) => [m.id, 100]));
    for (let i = 0; i < STALE_SIZES; i += 1) cache.set(`gone:${i}`, 50);
    expect(pruneSizeCache(cache, items)).toBe(0);
    cache.set('gone:last', 50);
    expect(pruneSizeCache(cache, items)).toBe(STALE_SIZES + 1);
    expect([...cache.keys()]).toEqual(items.map((m) => m.id));
  });
});
