import type { HubEvent } from '../../shared/contract';
import type { Incident } from '../../shared/incident';
import type { Mention } from '../../shared/mention';
import type { SeriesPoint } from '../../shared/series';
import type { SourceHealth } from '../../shared/source-health';
import { assertNever } from '../../shared/assert-never';
import type { SlaBreach } from './workflow-slice';
import type { HandledMark } from '../../shared/handled';
import { keyedId, type KeyedPoints } from './breakdown-slice';

/** Everything that arrived between two flushes, coalesced: applied to the store in ONE update. */
export interface DeltaBatch {
  readonly mentions: ReadonlyArray<Mention>;
  /** Latest point per minute. */
  readonly series: ReadonlyMap<number, SeriesPoint>;
  /** Latest health per source; empty when none arrived. */
  readonly sources: ReadonlyMap<string, SourceHealth>;
  /** Latest version per incident id. */
  readonly incidents: ReadonlyMap<string, Incident>;
  /** SLA breaches in the order they arrived. */
  readonly breaches: ReadonlyArray<SlaBreach>;
  /** Newest hub time seen, or null. */
  readonly now: number | null;
  /** The hub's stored mention count with the newest tick, or null. */
  readonly storedMentions: number | null;
  /** Latest handled mark per post. */
  readonly handled: ReadonlyMap<string, HandledMark>;
  /** Latest point per minute and key, by channel and by topic (`series:update`'s breakdowns). */
  readonly byChannel: KeyedPoints;
  readonly byTopic: KeyedPoints;
}

/** An empty batch. */
export const emptyBatch = (): DeltaBatch => ({
  mentions: [],
  series: new Map(),
  sources: new Map(),
  incidents: new Map(),
  breaches: [],
  now: null,
  storedMentions: null,
  handled: new Map(),
  byChannel: new Map(),
  byTopic: new Map(),
});

/** True when a batch carries nothing. */
export const isEmptyBatch = (b: DeltaBatch): boolean =>
  b.mentions.length === 0 &&
  b.series.size === 0 &&
  b.byChannel.size === 0 &&
  b.byTopic.size === 0 &&
  b.sources.size === 0 &&
  b.incidents.size === 0 &&
  b.breaches.length === 0 &&
  b.handled.size === 0 &&
  b.now === null;

/** Folds one delta event into a batch. Snapshots are not deltas: callers apply them directly. */
export function addToBatch(batch: DeltaBatch, event: Exclude<HubEvent, { name: 'snapshot' }>): DeltaBatch {
  switch (event.name) {
    case 'mentions:batch':
      return { ...batch, mentions: [...batch.mentions, ...event.payload.mentions] };
    case 'series:update':
      return {
        ...batch,
        series: withAll(batch.series, event.payload.points, (p) => p.minute),
        byChannel: withAll(batch.byChannel, event.payload.byChannel ?? [], keyedId),
        byTopic: withAll(batch.byTopic, event.payload.byTopic ?? [], keyedId),
      };
    case 'sources:health':
      return { ...batch, sources: withAll(batch.sources, event.payload.sources, (s) => s.sourceId) };
    case 'incidents:changed':
      return { ...batch, incidents: withAll(batch.incidents, event.payload.incidents, (i) => i.id) };
    case 'incident:sla-breach':
      return { ...batch, breaches: [...batch.breaches, event.payload] };
    case 'mentions:handled':
      return { ...batch, handled: withAll(batch.handled, event.payload.marks, (m) => m.mentionId) };
    case 'clock:tick':
      return batch.now !== null && batch.now > event.payload.now
        ? batch
        : { ...batch, now: event.payload.now, storedMentions: event.payload.mentions };
    default:
      return assertNever(event, 'hub event');
  }
}

function withAll<K, V>(map: ReadonlyMap<K, V>, values: ReadonlyArray<V>, keyOf: (v: V) => K): ReadonlyMap<K, V> {
  const next = new Map(map);
  for (const v of values) next.set(keyOf(v), v);
  return next;
}

/** Schedules one flush; returns its cancel function. Injected so tests flush by hand. */
export type FlushScheduler = (flush: () => void) => () => void;

/** Collects delta events and hands one coalesced batch to `apply` per scheduled flush. */
export class DeltaBatcher {
  private pending: DeltaBatch = emptyBatch();
  private cancel: (() => void) | null = null;

  constructor(
    private readonly schedule: FlushScheduler,
    private readonly apply: (batch: DeltaBatch) => void,
  ) {}

  /** Adds an event; schedules a flush if none is pending. */
  add(event: Exclude<HubEvent, { name: 'snapshot' }>): void {
    this.pending = addToBatch(this.pending, event);
    this.cancel ??= this.schedule(() => this.flush());
  }

  /** Applies what is pending now (no-op when empty). */
  flush(): void {
    this.cancel = null;
    const batch = this.pending;
    this.pending = emptyBatch();
    if (!isEmptyBatch(batch)) this.apply(batch);
  }

  /** Forgets pending deltas, e.g. when a fresh snapshot supersedes them. */
  drop(): void {
    this.cancel?.();
    this.cancel = null;
    this.pending = emptyBatch();
  }
}
