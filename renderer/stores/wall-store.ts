import { createStore, type StateCreator, type StoreApi } from 'zustand/vanilla';
import type { Snapshot } from '../../shared/contract';
import { createConnectionSlice, initialConnection } from './connection-slice';
import type { DeltaBatch } from './delta-batch';
import { createIncidentsSlice, initialIncidents, mergeIncidents } from './incidents-slice';
import { addMentions, createMentionsSlice, initialMentions } from './mentions-slice';
import { initialSeries, mergeSeries } from './series-slice';
import { initialBreakdown, mergeKeyed } from './breakdown-slice';
import { createSettingsSlice, type SettingsDefaults } from './settings-slice';
import { initialSources, mergeSources } from './sources-slice';
import { emptyRingBuffer } from './ring-buffer';
import { createTriageSlice, initialTriage } from './triage-slice';
import { createFloorSlice, emptyHistory, initialFloor } from './floor-slice';
import { feedKey } from '../features/search/floor-query';
import { addBreaches, createWorkflowSlice, initialWorkflow, markBreaches } from './workflow-slice';
import type { HubActions, WallState } from './wall-state';

/** The wall's store. */
export type WallStore = StoreApi<WallState>;

/** What a new store starts from. */
export interface WallStoreOptions {
  /** Local time for "now" before the first snapshot. */
  readonly now: number;
  readonly settings: SettingsDefaults;
}

function snapshotState(s: WallState, snap: Snapshot): Partial<WallState> {
  return {
    mentions: addMentions(emptyRingBuffer(), snap.mentions, snap.now),
    receivedSinceSnapshot: 0,
    selectedId: null,
    series: mergeSeries(new Map(), snap.series, snap.now),
    ...initialBreakdown(),
    sources: mergeSources(new Map(), snap.status.sources),
    incidents: mergeIncidents(new Map(), snap.incidents, snap.now),
    hub: { version: snap.status.version, mode: snap.status.mode, storedMentions: snap.status.mentions, now: snap.now },
    ready: true,
    link: { ...s.link, status: 'connected', attempt: 0 },
    handled: new Map((snap.handled ?? []).map((m) => [m.mentionId, m])),
    history: emptyHistory(feedKey(s.filters, s.searchQuery)),
  };
}

/** The breakdowns after a batch: unchanged (the same object) when it carried none. */
function breakdownDelta(s: WallState, batch: DeltaBatch, now: number): WallState['breakdown'] {
  if (batch.byChannel.size === 0 && batch.byTopic.size === 0) return s.breakdown;
  return {
    channel:
      batch.byChannel.size > 0 ? mergeKeyed(s.breakdown.channel, batch.byChannel.values(), now) : s.breakdown.channel,
    topic: batch.byTopic.size > 0 ? mergeKeyed(s.breakdown.topic, batch.byTopic.values(), now) : s.breakdown.topic,
  };
}

function deltaState(s: WallState, batch: DeltaBatch): Partial<WallState> {
  const newestReceived = batch.mentions.reduce((t, m) => Math.max(t, m.receivedAt), batch.now ?? s.hub.now);
  const now = Math.max(s.hub.now, newestReceived);
  const mentions = addMentions(s.mentions, batch.mentions, now);
  const keepSelection =
    s.selectedId !== null && (mentions.keys.has(s.selectedId) || s.history.items.some((m) => m.id === s.selectedId));
  const titleOf = (id: string): string | undefined => batch.incidents.get(id)?.title ?? s.incidents.get(id)?.title;
  return {
    mentions,
    receivedSinceSnapshot: s.receivedSinceSnapshot + batch.mentions.length,
    selectedId: keepSelection ? s.selectedId : null,
    series: batch.series.size > 0 || now !== s.hub.now ? mergeSeries(s.series, batch.series.values(), now) : s.series,
    breakdown: breakdownDelta(s, batch, now),
    sources: batch.sources.size > 0 ? mergeSources(s.sources, batch.sources.values()) : s.sources,
    incidents: markBreaches(
      batch.incidents.size > 0 || now !== s.hub.now
        ? mergeIncidents(s.incidents, batch.incidents.values(), now)
        : s.incidents,
      batch.breaches,
    ),
    breaches: batch.breaches.length > 0 ? addBreaches(s.breaches, batch.breaches, titleOf) : s.breaches,
    hub: { ...s.hub, storedMentions: batch.storedMentions ?? s.hub.storedMentions + batch.mentions.length, now },
    handled: batch.handled.size > 0 ? new Map([...s.handled, ...batch.handled]) : s.handled,
  };
}

const createHubActions =
  (options: WallStoreOptions): StateCreator<WallState, [], [], HubActions> =>
  (set) => ({
    applySnapshot: (snap) => set((s) => snapshotState(s, snap)),
    applyDeltas: (batch) => set((s) => deltaState(s, batch)),
    reset: () =>
      set({
        ...initialMentions(),
        ...initialSeries(),
        ...initialBreakdown(),
        ...initialSources(),
        ...initialIncidents(),
        ...initialConnection(options.now),
        ...initialWorkflow(),
        ...initialTriage(),
        ...initialFloor(),
      }),
  });

/** Creates one wall store from its slices. Each test creates its own (or calls `reset()`). */
export function createWallStore(options: WallStoreOptions): WallStore {
  return createStore<WallState>()((...a) => ({
    ...createMentionsSlice(...a),
    ...initialSeries(),
    ...initialBreakdown(),
    ...initialSources(),
    ...createIncidentsSlice(...a),
    ...createConnectionSlice(options.now)(...a),
    ...createSettingsSlice(options.settings)(...a),
    ...createWorkflowSlice(...a),
    ...createTriageSlice(...a),
    ...createFloorSlice(...a),
    ...createHubActions(options)(...a),
  }));
}
