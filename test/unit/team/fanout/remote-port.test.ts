import { describe, expect, it } from 'vitest';
import type { HubEvent } from '../../../../shared/contract';
import type { SeriesPoint } from '../../../../shared/series';
import type { Actor } from '../../../../shared/workflow';
import { EventBus } from '../../../../electron/core/runtime/event-bus';
import { createRemotePort, localChangeOf } from '../../../../electron/core/team/fanout/remote-port';
import { mention } from '../../../helpers/mentions';
import { incident } from '../../workflow/fixtures';

const M0 = Date.UTC(2026, 0, 5, 9, 0, 0);
const by: Actor = { id: 'u1', name: 'Desk', role: 'staff', desk: 'web' };

function port() {
  const events = new EventBus();
  const seen: HubEvent[] = [];
  events.subscribe((e) => seen.push(e));
  const refreshed: number[][] = [];
  const ingested: string[] = [];
  const count = { n: 0 };
  const detecting = { now: false };
  const healths: string[] = [];
  const remote = createRemotePort({
    events,
    minutes: {
      refresh: async (minutes) => void refreshed.push([...minutes]),
      points: async (minutes): Promise<SeriesPoint[]> =>
        minutes.map((minute) => ({ minute, total: 7, negative: 1, positive: 2 })),
    },
    incident: async (id) => (id === 'gone' ? null : incident(id)),
    store: {
      handledMarks: async (ids) => ids.map((mentionId) => ({ mentionId, handled: true, at: M0, by, audit: [] })),
    },
    detection: { ingest: (ms) => void ingested.push(...ms.map((m) => m.id)) },
    counted: (n) => void (count.n += n),
    detects: () => detecting.now,
    remoteHealth: (sources) => void healths.push(...sources.map((h) => h.sourceId)),
  });
  return { remote, seen, refreshed, ingested, count, detecting, healths };
}

describe('the remote port (another hub’s changes on this hub’s bus)', () => {
  it('counts mentions, re-reads their minutes, publishes the batch and the points, and scores them only while detecting', async () => {
    const p = port();
    const ms = [mention(1, M0 + 1_000), mention(2, M0 + 61_000), mention(3, M0 + 2_000)];
    await p.remote.mentions(ms);
    expect(p.count.n).toBe(3);
    expect(p.refreshed).toEqual([[M0, M0 + 60_000]]);
    expect(p.ingested).toEqual([]);
    expect(p.seen.map((e) => e.name)).toEqual(['mentions:batch', 'series:update']);
    expect(p.seen[0]).toEqual({ name: 'mentions:batch', payload: { mentions: ms } });
    p.detecting.now = true;
    await p.remote.mentions(ms.slice(0, 1));
    expect(p.ingested).toEqual([ms[0]?.id]);
  });

  it('publishes incidents as they stand (a vanished one left out) and handled marks; nothing for nothing', async () => {
    const p = port();
    await p.remote.incidents(['i1', 'gone']);
    await p.remote.incidents(['gone']);
    await p.remote.mentions([]);
    await p.remote.handled(['m1']);
    expect(p.seen.map((e) => e.name)).toEqual(['incidents:changed', 'mentions:handled']);
    expect(p.seen[0]?.payload).toEqual({ incidents: [incident('i1')] });
  });

  it('names what a local event changed, for the other hubs (mentions are recorded at commit)', () => {
    expect(localChangeOf({ name: 'incidents:changed', payload: { incidents: [incident('i1')] } })).toEqual({
      kind: 'incidents',
      ids: ['i1'],
    });
    expect(localChangeOf({ name: 'clock:tick', payload: { now: M0, mentions: 1 } })).toBeNull();
  });
});
