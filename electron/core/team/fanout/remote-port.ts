import type { HubEvent } from '../../../../shared/contract';
import type { Incident } from '../../../../shared/incident';
import type { SourceHealth } from '../../../../shared/source-health';
import { minuteOf } from '../../../../shared/series';
import type { DetectionPort } from '../../core-types';
import type { MinuteAggregator } from '../../pipeline/minute-aggregator';
import { MAX_MENTIONS_PER_DELTA } from '../../runtime/event-batcher';
import type { EventBus } from '../../runtime/event-bus';
import type { Store } from '../../store/repository';
import type { LocalChange, RemotePort } from './port';

/** What the core hands the fan-out's port: its bus, its minutes, its incident views, its count. */
export interface RemotePortDeps {
  readonly events: EventBus;
  readonly minutes: Pick<MinuteAggregator, 'refresh' | 'points'>;
  readonly incident: (id: string) => Promise<Incident | null>;
  readonly store: Pick<Store, 'handledMarks'>;
  readonly detection?: Pick<DetectionPort, 'ingest'>;
  /** Whether this hub runs the team's detection now (it holds the detector lease): then remote posts are scored. */
  readonly detects: () => boolean;
  /** Adds to the hub's stored-mention count (`clock:tick`, status). */
  readonly counted: (n: number) => void;
  /** Takes other hubs' source health into this hub's (status, `sources:health`). */
  readonly remoteHealth: (sources: ReadonlyArray<SourceHealth>) => void;
}

/**
 * The core's side of the fan-out: another hub's changes published on this hub's bus with the same events its
 * own changes make, so a client cannot tell which hub a change came from. Never fed back to the fan-out: the
 * core records only what it emits through `localChangeOf`'s caller.
 */
export function createRemotePort(deps: RemotePortDeps): RemotePort {
  return {
    async mentions(mentions) {
      if (mentions.length === 0) return;
      deps.counted(mentions.length);
      if (deps.detects()) deps.detection?.ingest(mentions);
      // The posts first (the desks are waiting for them), then their minutes as the store now counts them.
      deps.events.emit({ name: 'mentions:batch', payload: { mentions: mentions.slice(-MAX_MENTIONS_PER_DELTA) } });
      const minutes = [...new Set(mentions.map((m) => minuteOf(m.createdAt)))];
      await deps.minutes.refresh(minutes);
      deps.events.emit({ name: 'series:update', payload: { points: await deps.minutes.points(minutes) } });
    },
    async incidents(ids) {
      const views = await Promise.all(ids.map((id) => deps.incident(id)));
      const incidents = views.filter((i): i is Incident => i !== null);
      if (incidents.length > 0) deps.events.emit({ name: 'incidents:changed', payload: { incidents } });
    },
    async handled(mentionIds) {
      const marks = await deps.store.handledMarks(mentionIds);
      if (marks.length > 0) deps.events.emit({ name: 'mentions:handled', payload: { marks } });
    },
    health(sources) {
      if (sources.length > 0) deps.remoteHealth(sources);
    },
  };
}

/** The change a locally emitted event announces, for the other hubs (mentions are recorded at commit instead). */
export function localChangeOf(event: HubEvent): LocalChange | null {
  if (event.name === 'incidents:changed') return { kind: 'incidents', ids: event.payload.incidents.map((i) => i.id) };
  if (event.name === 'mentions:handled') return { kind: 'handled', ids: event.payload.marks.map((m) => m.mentionId) };
  return null;
}
