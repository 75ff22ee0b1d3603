import type { Virtualizer } from '@tanstack/react-virtual';
import { useEffect } from 'react';
import type { Mention } from '../../../shared/mention';

/** A key of the virtualizer's size cache (its own `Key` type, which it does not export). */
type SizeKey = number | string | bigint;

/**
 * A row's height without forcing a layout: the ResizeObserver's border box when it reports one, else the size
 * measured before (or the estimate). The default reads `offsetHeight` as each row mounts, which makes the browser
 * lay out the whole page inside React's commit, once per delta batch (the staff floor's long tasks under load).
 * The observer reports every new row right after the next layout, before paint; with `directDomUpdates` the
 * virtualizer then moves the rows itself in that same frame, so nothing is drawn at the estimated positions.
 */
export function rowHeight(
  element: Element,
  entry: ResizeObserverEntry | undefined,
  instance: Virtualizer<HTMLDivElement, Element>,
): number {
  const box = entry?.borderBoxSize[0];
  if (box !== undefined) return Math.round(box.blockSize);
  const index = instance.indexFromElement(element);
  return instance.itemSizeCache.get(instance.options.getItemKey(index)) ?? instance.options.estimateSize(index);
}

/** Sizes of posts no longer in the feed kept before the cache is pruned (a few seconds of a live stream). */
export const STALE_SIZES = 256;

/**
 * Forgets the measured sizes of posts no longer in the feed. The virtualizer keeps a size for every key it ever
 * measured; keyed by post id under a live stream that is a few thousand new entries a minute, never released (the
 * heap grew for as long as the wall ran). Pruned once the cache holds STALE_SIZES more than the feed, so each pass
 * is cheap and the heap does not saw up and down by much. Returns how many sizes went.
 */
export function pruneSizeCache(cache: Map<SizeKey, number>, items: ReadonlyArray<Mention>): number {
  if (cache.size <= items.length + STALE_SIZES) return 0;
  const live = new Set<SizeKey>(items.map((m) => m.id));
  let dropped = 0;
  for (const key of cache.keys())
    if (!live.has(key)) {
      cache.delete(key);
      dropped += 1;
    }
  return dropped;
}

/** Prunes the virtualizer's size cache after each change of the feed (see `pruneSizeCache`). */
export function usePrunedSizes(virtualizer: Virtualizer<HTMLDivElement, Element>, items: ReadonlyArray<Mention>): void {
  useEffect(() => void pruneSizeCache(virtualizer.itemSizeCache, items), [virtualizer, items]);
}
