import type { StateCreator } from 'zustand/vanilla';
import type { HandledMark } from '../../shared/handled';
import type { Mention } from '../../shared/mention';
import {
  feedKey,
  isPlainFeed,
  matchesFloor,
  mergeFeed,
  NO_FILTERS,
  queryWords,
  type FloorFilters,
} from '../features/search/floor-query';
import type { WallState } from './wall-state';

/** What a screen visitors can see shows: everything ('off'), posts with personal data and profanity masked, or charts only. */
export type PublicMode = 'off' | 'masked' | 'charts';

/** History pages for one search key, read from the hub as the feed scrolls past the live buffer. */
export interface FloorHistory {
  /** The search these pages belong to (`feedKey`). */
  readonly key: string;
  readonly items: ReadonlyArray<Mention>;
  /** Next page's cursor; null at the end of history; undefined before the first page. */
  readonly next: string | null | undefined;
  /** The exclusive upper bound in time of the pages (sort by time): the live buffer's oldest post when first read. */
  readonly to: number | undefined;
  readonly loading: boolean;
  readonly error: string | null;
}

/** The staff floor: filters and sort, history read from the hub, handled marks, public-screen mode. */
export interface FloorSlice {
  readonly filters: FloorFilters;
  readonly history: FloorHistory;
  /** Handled marks by post id, from snapshots, search pages and `mentions:handled`. */
  readonly handled: ReadonlyMap<string, HandledMark>;
  readonly publicMode: PublicMode;
  setFilters(patch: Partial<FloorFilters>): void;
  resetFilters(): void;
  setHistory(history: FloorHistory): void;
  mergeHandled(marks: Iterable<HandledMark>): void;
  setPublicMode(mode: PublicMode): void;
  /** off → masked → charts → off (key p). */
  cyclePublicMode(): void;
}

/** No pages read for `key`. */
export const emptyHistory = (key: string): FloorHistory => ({
  key,
  items: [],
  next: undefined,
  to: undefined,
  loading: false,
  error: null,
});

/** Initial floor state (public mode is kept: it belongs to the screen, not the hub). */
export const initialFloor = (): Pick<FloorSlice, 'filters' | 'history' | 'handled'> => ({
  filters: NO_FILTERS,
  history: emptyHistory(feedKey(NO_FILTERS, '')),
  handled: new Map(),
});

/** The public mode an address asks for: `?public=1` masks posts, `?public=charts` shows charts only. */
export function publicModeFromSearch(search: string): PublicMode {
  const value = new URLSearchParams(search).get('public');
  if (value === 'charts') return 'charts';
  return value === '1' || value === 'masked' || value === 'true' ? 'masked' : 'off';
}

const NEXT_MODE: Readonly<Record<PublicMode, PublicMode>> = { off: 'masked', masked: 'charts', charts: 'off' };

/** Nothing narrows the live buffer, nothing from history yet, newest first: the feed is the buffer itself. */
const plainLiveFeed = (f: FloorFilters, query: string, history: FloorHistory): boolean =>
  history.items.length === 0 && isPlainFeed(f, query);

const liveMatches = (items: ReadonlyArray<Mention>, f: FloorFilters, query: string): Mention[] => {
  const words = queryWords(query);
  return items.filter((m) => matchesFloor(m, f, words));
};

let memo: { items: unknown; history: unknown; filters: unknown; query: string; out: ReadonlyArray<Mention> } | null =
  null;

/** The staff floor's feed as shown (live matches plus history, in the chosen order); memoized on its inputs. */
export function floorFeed(
  s: Pick<WallState, 'mentions' | 'history' | 'filters' | 'searchQuery'>,
): ReadonlyArray<Mention> {
  if (
    memo?.items === s.mentions.items &&
    memo.history === s.history &&
    memo.filters === s.filters &&
    memo.query === s.searchQuery
  )
    return memo.out;
  const key = feedKey(s.filters, s.searchQuery);
  const history = s.history.key === key ? s.history : emptyHistory(key);
  const out = plainLiveFeed(s.filters, s.searchQuery, history)
    ? // The live buffer as it is (newest first, keyed by id): no copy, filter or merge for every delta batch.
      s.mentions.items
    : mergeFeed(liveMatches(s.mentions.items, s.filters, s.searchQuery), history, s.filters.sort);
  memo = { items: s.mentions.items, history: s.history, filters: s.filters, query: s.searchQuery, out };
  return out;
}

/** Builds the slice. */
export const createFloorSlice: StateCreator<WallState, [], [], FloorSlice> = (set) => ({
  ...initialFloor(),
  publicMode: 'off',
  setFilters: (patch) => set((s) => ({ filters: { ...s.filters, ...patch }, selectedId: null })),
  resetFilters: () => set({ filters: NO_FILTERS, selectedId: null }),
  setHistory: (history) => set({ history }),
  mergeHandled: (marks) =>
    set((s) => {
      const next = new Map(s.handled);
      for (const m of marks) next.set(m.mentionId, m);
      return { handled: next };
    }),
  setPublicMode: (publicMode) => set({ publicMode }),
  cyclePublicMode: () => set((s) => ({ publicMode: NEXT_MODE[s.publicMode] })),
});
