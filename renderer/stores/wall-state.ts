import type { Snapshot } from '../../shared/contract';
import type { BreakdownSlice } from './breakdown-slice';
import type { ConnectionSlice } from './connection-slice';
import type { DeltaBatch } from './delta-batch';
import type { FloorSlice } from './floor-slice';
import type { IncidentsSlice } from './incidents-slice';
import type { MentionsSlice } from './mentions-slice';
import type { SeriesSlice } from './series-slice';
import type { SettingsSlice } from './settings-slice';
import type { SourcesSlice } from './sources-slice';
import type { TriageSlice } from './triage-slice';
import type { WorkflowSlice } from './workflow-slice';

/** Actions that touch several slices at once, in one update. */
export interface HubActions {
  /** Replaces all hub data with a fresh snapshot and marks the wall ready. */
  applySnapshot(snapshot: Snapshot): void;
  /** Applies one coalesced batch of deltas. */
  applyDeltas(batch: DeltaBatch): void;
  /** Back to the initial state (keeps display settings); used between tests and on hub switch. */
  reset(): void;
}

/** The whole wall store: typed slices plus cross-slice actions. */
export type WallState = MentionsSlice &
  SeriesSlice &
  BreakdownSlice &
  SourcesSlice &
  IncidentsSlice &
  ConnectionSlice &
  SettingsSlice &
  WorkflowSlice &
  TriageSlice &
  FloorSlice &
  HubActions;
