import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { connectStore } from '../../../../renderer/stores/connect-store';
import type { FlushScheduler } from '../../../../renderer/stores/delta-batch';
import { createWallStore, type WallStore } from '../../../../renderer/stores/wall-store';
import { WebSocketTransport } from '../../../../renderer/transport/websocket-transport';
import { makeHealth, makeMention, makeSnapshot } from '../fixtures';
import { FakeHub, openNodeSocket } from './fake-hub';

const T0 = 1_800_000_000_000;
/** Flushes deltas on the next macrotask: the browser uses ~250 ms + requestAnimationFrame. */
const soon: FlushScheduler = (flush) => {
  const t = setTimeout(flush, 0);
  return () => clearTimeout(t);
};

let hub: FakeHub;
let url: string;
let store: WallStore;
let transport: WebSocketTransport;
let disconnect: () => void;

beforeEach(async () => {
  hub = new FakeHub(
    () => makeSnapshot(T0, { mentions: [makeMention(1, T0)] }),
    (name) => {
      if (name === 'source:test') return { ok: true, value: { ok: false, message: 'X said 401' } };
      if (name === 'status:get') return { ok: false, error: { code: 'boom', message: 'Store unavailable' } };
      if (name === 'sources:list') return { ok: true, value: [{ nope: true }] };
      return undefined;
    },
  );
  url = await hub.listen();
  store = createWallStore({ now: 0, settings: { theme: 'dark', largeType: false } });
  transport = new WebSocketTransport({
    url,
    open: openNodeSocket,
    backoff: { baseMs: 20, maxMs: 100 },
    requestTimeoutMs: 300,
  });
  disconnect = connectStore(transport, store, soon);
  await vi.waitFor(() => expect(store.getState().ready).toBe(true));
});

afterEach(async () => {
  disconnect();
  await hub.close();
});

describe('WebSocket transport + connectStore against a loopback hub', () => {
  it('applies the snapshot on connect, then batched deltas', async () => {
    expect(store.getState().link.status).toBe('connected');
    expect(store.getState().mentions.items.map((m) => m.id)).toEqual(['sim:1']);
    hub.push({ name: 'mentions:batch', payload: { mentions: [makeMention(2, T0 + 10)] } });
    hub.push({ name: 'mentions:batch', payload: { mentions: [makeMention(3, T0 + 20)] } });
    hub.push({ name: 'clock:tick', payload: { now: T0 + 5000 } });
    await vi.waitFor(() => expect(store.getState().hub.now).toBe(T0 + 5000));
    expect(store.getState().mentions.items.map((m) => m.id)).toEqual(['sim:3', 'sim:2', 'sim:1']);
  });

  it('drops and counts invalid events and malformed frames', async () => {
    hub.push({ name: 'mentions:batch', payload: { mentions: [{ id: 'x' }] } });
    hub.push({ name: 'no-such-event', payload: {} });
    hub.sendRaw('not json');
    hub.sendRaw(JSON.stringify({ type: 'gossip' }));
    await vi.waitFor(() => expect(store.getState().invalidEvents).toBe(4));
    expect(store.getState().mentions.items).toHaveLength(1);
  });

  it('carries commands as request/response frames with validated results', async () => {
    const test = await transport.invoke('source:test', { sourceId: 'x' });
    expect(test).toEqual({ ok: true, value: { ok: false, message: 'X said 401' } });
    expect(hub.requests).toContainEqual({ name: 'source:test', payload: { sourceId: 'x' } });
    const failed = await transport.invoke('status:get', {});
    expect(failed).toEqual({ ok: false, error: { code: 'boom', message: 'Store unavailable' } });
    const invalid = await transport.invoke('sources:list', {});
    expect(invalid.ok ? null : invalid.error.code).toBe('invalid-response');
  });

  it('times out a request the hub never answers', async () => {
    const r = await transport.invoke('incidents:list', {});
    expect(r.ok ? null : r.error.code).toBe('timeout');
  });

  it('reconnects with backoff and a fresh snapshot replaces state', async () => {
    const links: string[] = [];
    const unsubscribe = store.subscribe((s, prev) => {
      if (s.link.status !== prev.link.status) links.push(s.link.status);
    });
    hub.setSnapshot(() => makeSnapshot(T0 + 60_000, { mentions: [makeMention(7, T0 + 60_000)] }));
    hub.dropClients();
    await vi.waitFor(() => expect(hub.connections).toBe(2));
    await vi.waitFor(() => expect(store.getState().mentions.items.map((m) => m.id)).toEqual(['sim:7']));
    unsubscribe();
    expect(links).toEqual(['reconnecting', 'connected']);
    expect(store.getState().hub.now).toBe(T0 + 60_000);
  });

  it('answers commands with a readable error while disconnected', async () => {
    disconnect();
    const r = await transport.invoke('status:get', {});
    expect(r.ok ? null : r.error.code).toBe('offline');
  });

  it('re-reads the hub status on an interval, so counts stay right when the hub summarises a burst', async () => {
    const statusHub = new FakeHub(
      () => makeSnapshot(T0, { status: { version: '1', uptime: 1, mentions: 5, sources: [], mode: 'embedded' } }),
      (name) =>
        name === 'status:get'
          ? {
              ok: true,
              value: { version: '2', uptime: 9, mentions: 12_345, sources: [makeHealth('late')], mode: 'team' },
            }
          : undefined,
    );
    const statusStore = createWallStore({ now: 0, settings: { theme: 'dark', largeType: false } });
    const t = new WebSocketTransport({ url: await statusHub.listen(), open: openNodeSocket });
    const stop = connectStore(t, statusStore, soon, { statusEveryMs: 20 });
    await vi.waitFor(() => expect(statusStore.getState().hub.storedMentions).toBe(12_345));
    expect(statusStore.getState().hub.version).toBe('2');
    expect(statusStore.getState().sources.has('late')).toBe(true);
    stop();
    await statusHub.close();
  });

  it('keeps hub time moving between hub events at the rate the hub clock runs', async () => {
    let local = 0;
    const clockStore = createWallStore({ now: 0, settings: { theme: 'dark', largeType: false } });
    const t = new WebSocketTransport({ url, open: openNodeSocket });
    const stop = connectStore(t, clockStore, soon, { clockEveryMs: 10, localNow: () => local });
    await vi.waitFor(() => expect(clockStore.getState().ready).toBe(true));
    for (let i = 1; i <= 10; i++) {
      local = i * 1_000;
      hub.push({ name: 'clock:tick', payload: { now: T0 + i * 30_000 } });
      await vi.waitFor(() => expect(clockStore.getState().hub.now).toBeGreaterThanOrEqual(T0 + i * 30_000));
    }
    local = 12_000;
    await vi.waitFor(() => expect(clockStore.getState().hub.now).toBeGreaterThan(T0 + 10 * 30_000 + 55_000));
    expect(clockStore.getState().hub.now).toBeLessThanOrEqual(T0 + 12 * 30_000);
    stop();
  });
});
