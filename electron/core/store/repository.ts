import type { Mention } from '../../../shared/mention';
import type { SeriesPoint } from '../../../shared/series';
import type { Incident } from '../../../shared/incident';
import type { Workflow } from '../../../shared/workflow';
import type { MentionPage, MentionSearch } from '../../../shared/search';
import type { HandledMark } from '../../../shared/handled';
import type { HandledChange } from './handled-mark';
import type { Breakdown, KeyedPoint } from '../../../shared/wall';
import type { OutboxStore } from './outbox';
import type { UserStore } from './users';

export type { OutboxEntry, OutboxUpdate, OutboxStore } from './outbox';
export type { CredentialRecord, UserRecord, UserStore } from './users';
export type { ThrottleCount, ThrottleStore } from './throttle';
export type { HandledChange } from './handled-mark';

/** What committing a batch did. */
export interface CommitResult {
  /** The mentions that were new; duplicates (same source + external id) are skipped silently. */
  readonly inserted: ReadonlyArray<Mention>;
  readonly duplicates: number;
}

/** Filters for reading stored mentions in time order. */
export interface MentionQuery {
  /** Inclusive epoch ms on createdAt. */
  readonly from: number;
  /** Exclusive epoch ms on createdAt. */
  readonly to: number;
  readonly watchlist?: string;
  readonly limit?: number;
}

/** Which stored incidents to list, newest opened first. */
export interface IncidentQuery {
  /** Only those detection has not closed. */
  readonly openOnly?: boolean;
  /** Inclusive epoch ms on openedAt. */
  readonly openedFrom?: number;
  /** Exclusive epoch ms on openedAt. */
  readonly openedBefore?: number;
  readonly limit?: number;
}

/** One incident's workflow record, by incident id. */
export interface WorkflowEntry {
  readonly incidentId: string;
  readonly workflow: Workflow;
}

/**
 * The hub's storage, behind one interface: SQLite (embedded default) now, PostgreSQL in team mode.
 * Async so that a networked database fits without changing callers.
 */
export interface Store extends OutboxStore, UserStore {
  readonly kind: 'sqlite' | 'postgres';
  /** Inserts new mentions and saves the source's cursor in one transaction: a crash never splits them. */
  commitBatch(sourceId: string, mentions: ReadonlyArray<Mention>, cursor: string | null): Promise<CommitResult>;
  getCursor(sourceId: string): Promise<string | null>;
  countMentions(): Promise<number>;
  /** Newest first, by createdAt. */
  recentMentions(limit: number): Promise<Mention[]>;
  /** Oldest first, by createdAt. */
  mentionsBetween(query: MentionQuery): Promise<Mention[]>;
  /** Per-minute totals across sources for [fromMinute, toMinute], zero-filled. */
  volumeSeries(fromMinute: number, toMinute: number): Promise<SeriesPoint[]>;
  /** Per-minute counts by channel or failure topic for [fromMinute, toMinute], sparse (no row: no posts), minute order. */
  breakdownSeries(fromMinute: number, toMinute: number, by: Breakdown): Promise<KeyedPoint[]>;
  /**
   * Inserts or replaces detection's record of an incident by id (its `workflow` field is never stored with it);
   * with `workflow`, writes that too, in the same transaction.
   */
  saveIncident(incident: Incident, workflow?: Workflow): Promise<void>;
  /** One incident by id, however old, as detection stored it (no workflow); null when there is none. */
  getIncident(id: string): Promise<Incident | null>;
  listIncidents(options?: IncidentQuery): Promise<Incident[]>;
  /** What people did to one incident; null when nothing is stored for it. */
  getWorkflow(incidentId: string): Promise<Workflow | null>;
  /** The stored workflows of these incidents (those that have one). */
  getWorkflows(incidentIds: ReadonlyArray<string>): Promise<Map<string, Workflow>>;
  /** Writes workflow records (a merge writes two) in one transaction. Delivery logs are not stored here. */
  saveWorkflows(entries: ReadonlyArray<WorkflowEntry>): Promise<void>;
  /** Every workflow not resolved: the SLA timers' work list. */
  openWorkflows(): Promise<WorkflowEntry[]>;
  /** A small JSON key/value area for runtime state (detector state, spend counters...). */
  getState<T>(key: string): Promise<T | null>;
  setState(key: string, value: unknown): Promise<void>;
  /**
   * One page of a search over all stored mentions: full text (every word, the last as a prefix; SQLite FTS5,
   * PostgreSQL tsvector), the filters of `MentionSearch`, newest first or heaviest author first. `next` is a keyset
   * cursor (search-keys.ts), stable while new posts arrive. A cursor that does not decode is an `invalid-request`
   * error (rejected), which callers avoid by checking it with `decodeCursor` first.
   */
  searchMentions(query: MentionSearch): Promise<MentionPage>;
  /**
   * Marks a stored post handled (or not) for `actor`, appending to its mark's audit trail (`nextHandledMark`), in
   * one transaction; null when no post with that id is stored. Marks go when their post is pruned.
   */
  setHandled(change: HandledChange): Promise<HandledMark | null>;
  /** The handled marks of these posts (those that have one), in no particular order. */
  handledMarks(mentionIds: ReadonlyArray<string>): Promise<HandledMark[]>;
  /** Deletes mentions created before `before`; returns how many. */
  prune(before: number): Promise<number>;
  close(): Promise<void>;
}
