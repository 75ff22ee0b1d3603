/**
 * The seam between a hub's core and team mode's fan-out: the core tells the fan-out what it committed, and the
 * fan-out hands other hubs' changes back to the core, which publishes them to its own clients as if they had
 * happened here. Nothing here knows PostgreSQL.
 */
import type { Mention } from '../../../../shared/mention';
import type { SourceHealth } from '../../../../shared/source-health';

/**
 * What one team event is about: its ids are mention ids (mentions, handled), incident ids (incidents) or source ids
 * (health: the source's health row changed).
 */
export const CHANGE_KINDS = ['mentions', 'incidents', 'handled', 'health'] as const;

/** A kind of committed change another hub may need to show. */
export type ChangeKind = (typeof CHANGE_KINDS)[number];

/** One committed change on this hub: its kind and the ids of what changed. */
export interface LocalChange {
  readonly kind: ChangeKind;
  readonly ids: ReadonlyArray<string>;
}

/** How another hub's changes reach this hub's clients (implemented by the core: `createRemotePort`). */
export interface RemotePort {
  /**
   * Mentions another hub stored: counted in this hub's total, its wall series' minutes read again from the store,
   * sent to its clients (`mentions:batch`, `series:update`); scored by this hub's detector while it runs
   * detection for the team (the core decides, by the detector lease).
   */
  mentions(mentions: ReadonlyArray<Mention>): Promise<void>;
  /** Incidents another hub changed (detection or people): sent to clients as they now stand (`incidents:changed`). */
  incidents(ids: ReadonlyArray<string>): Promise<void>;
  /** Posts another hub's desk marked handled or not: their marks sent to clients (`mentions:handled`). */
  handled(mentionIds: ReadonlyArray<string>): Promise<void>;
  /** Sources polled by other hubs, as their pollers last saw them: shown with this hub's own (`sources:health`). */
  health(sources: ReadonlyArray<SourceHealth>): void;
}

/** A hub's link to the other hubs of its team (`createFanout`); an embedded hub has none. */
export interface TeamLink {
  /** Told of each change this hub committed, after the commit: the other hubs will show it. Never throws. */
  record(change: LocalChange): void;
  /** Told of each health change of a source this hub polls: the other hubs' walls will show it. Never throws. */
  recordHealth(health: SourceHealth): void;
  /** Starts listening for the other hubs' changes, which go to `port`. */
  start(port: RemotePort): Promise<void>;
  /** Sends what is pending, stops listening, closes its connections. */
  stop(): Promise<void>;
}
