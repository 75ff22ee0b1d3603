import type { StateCreator } from 'zustand/vanilla';
import type { Mention } from '../../shared/mention';
import { emptyRingBuffer, pushAll, type RingBuffer, type RingBufferPolicy } from './ring-buffer';
import { floorFeed } from './floor-slice';
import type { WallState } from './wall-state';

/** The feed keeps at most this many mentions... */
export const MAX_FEED_MENTIONS = 2_000;
/** ...received within this much hub time. */
export const MAX_FEED_AGE_MS = 6 * 60 * 60 * 1000;

/**
 * How the feed buffer orders and caps mentions: keyed by id, newest post first (as the rows show their
 * post time), aged out by when the hub received them (so a late, old post still shows for a while).
 */
export const MENTION_POLICY: RingBufferPolicy<Mention> = {
  maxCount: MAX_FEED_MENTIONS,
  maxAgeMs: MAX_FEED_AGE_MS,
  keyOf: (m) => m.id,
  orderOf: (m) => m.createdAt,
  ageOf: (m) => m.receivedAt,
};

/** The live feed: a capped, newest-first buffer and the keyboard selection. */
export interface MentionsSlice {
  readonly mentions: RingBuffer<Mention>;
  /** Mentions received since the last snapshot (deltas only). */
  readonly receivedSinceSnapshot: number;
  readonly selectedId: string | null;
  selectMention(id: string | null): void;
  /** Moves the selection by `delta` visible rows (j = +1, k = -1); selects the newest when nothing is selected. */
  moveSelection(delta: number): void;
}

/** Initial feed state. */
export const initialMentions = (): Pick<MentionsSlice, 'mentions' | 'receivedSinceSnapshot' | 'selectedId'> => ({
  mentions: emptyRingBuffer<Mention>(),
  receivedSinceSnapshot: 0,
  selectedId: null,
});

/** Adds incoming mentions at hub time `now` (pure). */
export const addMentions = (
  buffer: RingBuffer<Mention>,
  incoming: ReadonlyArray<Mention>,
  now: number,
): RingBuffer<Mention> => pushAll(buffer, incoming, MENTION_POLICY, now);

/** Index of the row `delta` away from the selected one, clamped to the feed. */
export function nextSelectionIndex(items: ReadonlyArray<Mention>, selectedId: string | null, delta: number): number {
  if (items.length === 0) return -1;
  const current = selectedId === null ? -1 : items.findIndex((m) => m.id === selectedId);
  if (current < 0) return 0;
  return Math.min(items.length - 1, Math.max(0, current + delta));
}

/** Builds the slice. */
export const createMentionsSlice: StateCreator<WallState, [], [], MentionsSlice> = (set) => ({
  ...initialMentions(),
  selectMention: (id) => set({ selectedId: id }),
  moveSelection: (delta) =>
    set((s) => {
      const items = floorFeed(s);
      const index = nextSelectionIndex(items, s.selectedId, delta);
      return { selectedId: items[index]?.id ?? null };
    }),
});
