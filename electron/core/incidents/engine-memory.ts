import type { CompactPost, EngineState, IncidentRecord, Signal } from './model';
import type { IncidentParams } from './params';
import { exportSamples, importSamples } from './samples';
import type { ScorerState } from './scorer';
import type { SeriesBuilder } from './series';
import { createSeriesBuilder } from './series';
import { createTermStore, type TermStore } from './term-store';

/** Everything the engine learns and remembers besides the series' detector states: persisted across restarts. */
export interface EngineMemory {
  builder: SeriesBuilder;
  records: Map<string, IncidentRecord>;
  /** Anomalous signals per (watchlist, family) not yet enough to open an incident. */
  pending: Map<string, Signal[]>;
  /** Per (watchlist, family): no new incident before this minute. */
  cooldowns: Map<string, number>;
  samples: Map<string, CompactPost[]>;
  termStore: TermStore;
  shares: Map<string, { negative: number; total: number }>;
  seq: number;
  lastMinute: number | null;
  minutesProcessed: number;
}

/** An engine's memory before it has seen anything. */
export function freshMemory(params: IncidentParams): EngineMemory {
  return {
    builder: createSeriesBuilder(params),
    records: new Map(),
    pending: new Map(),
    cooldowns: new Map(),
    samples: new Map(),
    termStore: createTermStore(),
    shares: new Map(),
    seq: 0,
    lastMinute: null,
    minutesProcessed: 0,
  };
}

/** The persisted form of an engine's memory, with its series and provisional incidents. */
export function exportMemory(
  mem: EngineMemory,
  series: ScorerState,
  provisional: Array<[IncidentRecord, number]>,
): EngineState {
  return {
    version: 1,
    seq: mem.seq,
    lastMinute: mem.lastMinute,
    minutesProcessed: mem.minutesProcessed,
    builder: mem.builder.exportState(),
    series,
    incidents: [...mem.records.values()],
    pending: [...mem.pending],
    cooldowns: [...mem.cooldowns],
    samples: exportSamples(mem.samples),
    terms: mem.termStore.exportState(),
    shares: [...mem.shares],
    provisional,
  };
}

/** Rebuilds an engine's memory from a validated persisted state. */
export function restoreMemory(s: EngineState, params: IncidentParams): EngineMemory {
  const builder = createSeriesBuilder(params);
  builder.importState(s.builder);
  const termStore = createTermStore();
  termStore.importState(s.terms);
  return {
    builder,
    records: new Map(s.incidents.map((r) => [r.id, r])),
    pending: new Map(s.pending),
    cooldowns: new Map(s.cooldowns),
    samples: importSamples(s.samples),
    termStore,
    shares: new Map(s.shares),
    seq: s.seq,
    lastMinute: s.lastMinute,
    minutesProcessed: s.minutesProcessed,
  };
}
