import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { connectStore } from '../../../../renderer/stores/connect-store';
import type { FlushScheduler } from '../../../../renderer/stores/delta-batch';
import { createWallStore, type WallStore } from '../../../../renderer/stores/wall-store';
import { WebSocketTransport } from '../../../../renderer/transport/websocket-transport';
import { makeMention, makeSnapshot } from '../fixtures';
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
    hub.push({ name: 'clock:tick', payload: { now: T0 + 5000, mentions: 0 } });
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

  it('takes the stored count and hub time the hub pushes with each tick (no polling, no estimate)', async () => {
    const before = store.getState().hub.storedMentions;
    hub.push({ name: 'clock:tick', payload: { now: T0 + 30_000, mentions: 12_345 } });
    await vi.waitFor(() => expect(store.getState().hub.storedMentions).toBe(12_345));
    expect(before).not.toBe(12_345);
    expect(store.getState().hub.now).toBe(T0 + 30_000);
    hub.push({ name: 'clock:tick', payload: { now: T0 + 60_000, mentions: 12_400 } });
    await vi.waitFor(() => expect(store.getState().hub.now).toBe(T0 + 60_000));
    expect(store.getState().hub.storedMentions).toBe(12_400);
    expect(hub.requests.filter((r) => r.name === 'status:get')).toEqual([]);
  });
});
