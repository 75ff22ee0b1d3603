import { useDeferredValue } from 'react';
import type { WallState } from '../stores/wall-state';
import { useWall } from './wall-context';

/**
 * Reads a slice of the store like `useWall`, but renders what depends on it in a transition: the urgent pass keeps
 * the previous value (memoized children bail out), then React renders the new one in slices of a few milliseconds,
 * yielding to the browser between them. For the high-volume data (the feed's posts, hub time, series) so one delta
 * flush never becomes one long task. Not for values that drive a controlled input (typing must stay urgent).
 */
export function useWallDeferred<T>(selector: (s: WallState) => T): T {
  return useDeferredValue(useWall(selector));
}
