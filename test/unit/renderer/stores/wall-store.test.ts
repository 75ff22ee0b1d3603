import { beforeEach, describe, expect, it } from 'vitest';
import { addToBatch, emptyBatch, type DeltaBatch } from '../../../../renderer/stores/delta-batch';
import { MAX_FEED_AGE_MS, MAX_FEED_MENTIONS } from '../../../../renderer/stores/mentions-slice';
import { RESOLVED_LINGER_MS, incidentsInOrder } from '../../../../renderer/stores/incidents-slice';
import { createWallStore, type WallStore } from '../../../../renderer/stores/wall-store';
import { makeHealth, makeIncident, makeMention, makeSnapshot } from '../fixtures';

const T0 = 1_800_000_000_000;
let store: WallStore;

beforeEach(() => {
  store = createWallStore({ now: 0, settings: { theme: 'dark', largeType: false } });
});

const mentionsBatch = (from: number, count: number, at: number): DeltaBatch =>
  addToBatch(emptyBatch(), {
    name: 'mentions:batch',
    payload: { mentions: Array.from({ length: count }, (_, i) => makeMention(from + i, at + i)) },
  });

describe('wall store: snapshot', () => {
  it('replaces hub data, takes hub time and marks the wall ready', () => {
    expect(store.getState().ready).toBe(false);
    store.getState().applySnapshot(
      makeSnapshot(T0, {
        mentions: [makeMention(1, T0 - 2000), makeMention(2, T0 - 1000)],
        series: [{ minute: T0 - 60_000, total: 3, negative: 1, positive: 1 }],
        incidents: [makeIncident('i1', T0 - 5000)],
        status: { version: '1.2.3', uptime: 5, mentions: 42, sources: [makeHealth('sim')], mode: 'embedded' },
      }),
    );
    const s = store.getState();
    expect(s.ready).toBe(true);
    expect(s.hub).toEqual({ version: '1.2.3', mode: 'embedded', storedMentions: 42, now: T0 });
    expect(s.mentions.items.map((m) => m.id)).toEqual(['sim:2', 'sim:1']);
    expect(s.series.size).toBe(1);
    expect(s.sources.get('sim')?.state).toBe('ok');
    expect(s.incidents.get('i1')?.title).toBe('incident i1');
    expect(s.link.status).toBe('connected');
  });

  it('a fresh snapshot replaces earlier state instead of merging', () => {
    store
      .getState()
      .applySnapshot(makeSnapshot(T0, { mentions: [makeMention(1, T0)], incidents: [makeIncident('old', T0)] }));
    store.getState().applySnapshot(makeSnapshot(T0 + 1000, { mentions: [makeMention(2, T0 + 1000)] }));
    const s = store.getState();
    expect(s.mentions.items.map((m) => m.id)).toEqual(['sim:2']);
    expect(s.incidents.size).toBe(0);
  });
});

describe('wall store: deltas', () => {
  beforeEach(() =>
    store
      .getState()
      .applySnapshot(
        makeSnapshot(T0, { status: { version: 'v', uptime: 0, mentions: 10, sources: [], mode: 'embedded' } }),
      ),
  );

  it('adds mentions newest first, counts them and advances hub time to the newest received', () => {
    store.getState().applyDeltas(mentionsBatch(1, 3, T0 + 100));
    const s = store.getState();
    expect(s.mentions.items.map((m) => m.id)).toEqual(['sim:3', 'sim:2', 'sim:1']);
    expect(s.hub.storedMentions).toBe(13);
    expect(s.receivedSinceSnapshot).toBe(3);
    expect(s.hub.now).toBe(T0 + 102);
  });

  it('keeps the series as it is when a flush brings no point and no minute ages out (charts do not redraw)', () => {
    store.getState().applyDeltas(
      addToBatch(emptyBatch(), {
        name: 'series:update',
        payload: { points: [{ minute: T0 - 60_000, total: 3, negative: 1, positive: 1 }] },
      }),
    );
    const before = store.getState().series;
    store.getState().applyDeltas(mentionsBatch(1, 3, T0 + 1000));
    expect(store.getState().hub.now).toBe(T0 + 1002);
    expect(store.getState().series).toBe(before);
    store
      .getState()
      .applyDeltas(
        addToBatch(emptyBatch(), { name: 'clock:tick', payload: { now: T0 + 4 * 3_600_000, mentions: 13 } }),
      );
    expect(store.getState().series.size).toBe(0);
  });

  it('caps the feed by count', () => {
    store.getState().applyDeltas(mentionsBatch(0, MAX_FEED_MENTIONS + 25, T0));
    expect(store.getState().mentions.items).toHaveLength(MAX_FEED_MENTIONS);
    expect(store.getState().mentions.items[0]?.id).toBe(`sim:${MAX_FEED_MENTIONS + 24}`);
  });

  it('ages mentions out by hub time on a clock tick', () => {
    store.getState().applyDeltas(mentionsBatch(1, 2, T0));
    store
      .getState()
      .applyDeltas(
        addToBatch(emptyBatch(), { name: 'clock:tick', payload: { now: T0 + MAX_FEED_AGE_MS + 1, mentions: 0 } }),
      );
    expect(store.getState().mentions.items).toHaveLength(1);
    expect(store.getState().mentions.items[0]?.id).toBe('sim:2');
  });

  it('creates new Maps only for slices that changed', () => {
    const before = store.getState();
    store.getState().applyDeltas(
      addToBatch(emptyBatch(), {
        name: 'sources:health',
        payload: { sources: [makeHealth('x', { state: 'failing' })] },
      }),
    );
    const after = store.getState();
    expect(after.sources).not.toBe(before.sources);
    expect(after.sources.get('x')?.state).toBe('failing');
    expect(after.incidents).toBe(before.incidents);
    expect(after.mentions).toBe(before.mentions);
  });

  it('upserts incidents, orders them by state and severity, and lets long-resolved ones go', () => {
    const p3 = makeIncident('a', T0, { severity: 'P3' });
    const p1 = makeIncident('b', T0, { severity: 'P1' });
    store
      .getState()
      .applyDeltas(addToBatch(emptyBatch(), { name: 'incidents:changed', payload: { incidents: [p3, p1] } }));
    expect(incidentsInOrder(store.getState().incidents).map((i) => i.id)).toEqual(['b', 'a']);
    const resolved = { ...p1, state: 'resolved' as const, resolvedAt: T0 + 10 };
    store
      .getState()
      .applyDeltas(addToBatch(emptyBatch(), { name: 'incidents:changed', payload: { incidents: [resolved] } }));
    expect(incidentsInOrder(store.getState().incidents).map((i) => i.id)).toEqual(['a', 'b']);
    store
      .getState()
      .applyDeltas(
        addToBatch(emptyBatch(), { name: 'clock:tick', payload: { now: T0 + RESOLVED_LINGER_MS + 11, mentions: 0 } }),
      );
    expect([...store.getState().incidents.keys()]).toEqual(['a']);
  });
});

describe('wall store: hub ticks', () => {
  it('takes the stored count from the newest tick, and otherwise adds the mentions delivered', () => {
    store.getState().applySnapshot(makeSnapshot(T0));
    const counted = store.getState().hub.storedMentions;
    store
      .getState()
      .applyDeltas(addToBatch(emptyBatch(), { name: 'mentions:batch', payload: { mentions: [makeMention(9, T0)] } }));
    expect(store.getState().hub.storedMentions).toBe(counted + 1);
    store
      .getState()
      .applyDeltas(addToBatch(emptyBatch(), { name: 'clock:tick', payload: { now: T0 + 1, mentions: 777 } }));
    expect(store.getState().hub).toMatchObject({ storedMentions: 777, now: T0 + 1 });
  });

  it('moves hub time forward only, ageing the feed', () => {
    store.getState().applySnapshot(makeSnapshot(T0, { mentions: [makeMention(1, T0)] }));
    const tick = (now: number) => addToBatch(emptyBatch(), { name: 'clock:tick', payload: { now, mentions: 1 } });
    store.getState().applyDeltas(tick(T0 - 1));
    expect(store.getState().hub.now).toBe(T0);
    store.getState().applyDeltas(tick(T0 + MAX_FEED_AGE_MS + 1));
    expect(store.getState().hub.now).toBe(T0 + MAX_FEED_AGE_MS + 1);
    expect(store.getState().mentions.items).toHaveLength(0);
  });
});

describe('wall store: feed selection and settings', () => {
  it('moves the selection with j/k within bounds and drops it when the row leaves', () => {
    store
      .getState()
      .applySnapshot(
        makeSnapshot(T0, { mentions: [makeMention(1, T0 - 3), makeMention(2, T0 - 2), makeMention(3, T0 - 1)] }),
      );
    const s = store.getState();
    s.moveSelection(1);
    expect(store.getState().selectedId).toBe('sim:3');
    s.moveSelection(1);
    s.moveSelection(1);
    s.moveSelection(1);
    expect(store.getState().selectedId).toBe('sim:1');
    s.moveSelection(-1);
    expect(store.getState().selectedId).toBe('sim:2');
    store.getState().applySnapshot(makeSnapshot(T0, { mentions: [makeMention(9, T0)] }));
    expect(store.getState().selectedId).toBeNull();
  });

  it('toggles theme, large type, settings and help; Escape closes help before settings', () => {
    const s = store.getState();
    s.toggleTheme();
    s.toggleLargeType();
    s.toggleSettings();
    s.toggleHelp();
    expect(store.getState()).toMatchObject({ theme: 'light', largeType: true, view: 'settings', helpOpen: true });
    s.closeOverlay();
    expect(store.getState()).toMatchObject({ view: 'settings', helpOpen: false });
    s.closeOverlay();
    expect(store.getState().view).toBe('wall');
  });

  it('reset returns hub data to the initial state and keeps display settings', () => {
    store.getState().toggleTheme();
    store.getState().applySnapshot(makeSnapshot(T0, { mentions: [makeMention(1, T0)] }));
    store.getState().countInvalidEvent();
    store.getState().reset();
    const s = store.getState();
    expect(s.ready).toBe(false);
    expect(s.mentions.items).toHaveLength(0);
    expect(s.invalidEvents).toBe(0);
    expect(s.theme).toBe('light');
  });
});
