import type { StateCreator } from 'zustand/vanilla';
import type { WallState } from './wall-state';

/** Where the link to the hub stands. */
export type LinkStatus = 'connecting' | 'connected' | 'reconnecting' | 'offline';

/** What a transport reports about its link. */
export interface LinkState {
  readonly status: LinkStatus;
  /** Consecutive failed attempts since the last successful connect. */
  readonly attempt: number;
  /** A readable reason for the last failure, or null. */
  readonly lastError: string | null;
}

/** What the hub told us about itself, advanced by deltas. */
export interface HubInfo {
  readonly version: string | null;
  readonly mode: 'embedded' | 'team' | null;
  /** Mentions stored at the hub: the snapshot's count plus deltas since. */
  readonly storedMentions: number;
  /** Hub time (epoch ms): the wall's "now". */
  readonly now: number;
}

/** Link, hub identity and readiness. */
export interface ConnectionSlice {
  readonly link: LinkState;
  readonly hub: HubInfo;
  /** True once the first snapshot was applied. */
  readonly ready: boolean;
  /** Incoming events dropped at the edge because they failed validation. */
  readonly invalidEvents: number;
  setLink(link: LinkState): void;
  countInvalidEvent(): void;
}

/** Initial connection state; `now` is local time until the hub says otherwise. */
export const initialConnection = (now: number): Pick<ConnectionSlice, 'link' | 'hub' | 'ready' | 'invalidEvents'> => ({
  link: { status: 'connecting', attempt: 0, lastError: null },
  hub: { version: null, mode: null, storedMentions: 0, now },
  ready: false,
  invalidEvents: 0,
});

/** Builds the slice. */
export const createConnectionSlice =
  (now: number): StateCreator<WallState, [], [], ConnectionSlice> =>
  (set) => ({
    ...initialConnection(now),
    setLink: (link) => set({ link }),
    countInvalidEvent: () => set((s) => ({ invalidEvents: s.invalidEvents + 1 })),
  });
