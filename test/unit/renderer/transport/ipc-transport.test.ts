import { describe, expect, it, vi } from 'vitest';
import type { HubEvent } from '../../../../shared/contract';
import type { EarshotBridge } from '../../../../shared/bridge';
import type { Result } from '../../../../shared/result';
import { connectStore } from '../../../../renderer/stores/connect-store';
import { createWallStore } from '../../../../renderer/stores/wall-store';
import { IpcTransport } from '../../../../renderer/transport/ipc-transport';
import { makeMention, makeSnapshot } from '../fixtures';

/** An in-process bridge with the preload's shape: a command handler and an event fan-out. */
function inProcessBridge(handle: (name: string, payload: unknown) => Result<unknown>) {
  const listeners = new Set<(e: HubEvent) => void>();
  const bridge: EarshotBridge = {
    invoke: (name, payload) => Promise.resolve(handle(name, payload)),
    onEvent: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  };
  // Deliberately untyped on the way in: the transport must validate what the main process sends.
  const emit = (raw: unknown): void => {
    for (const l of listeners) l(raw as HubEvent);
  };
  return { bridge, emit, listeners };
}

describe('IPC transport', () => {
  it('fetches a snapshot on start, validates pushed events and unsubscribes on stop', async () => {
    const T0 = 1_800_000_000_000;
    const { bridge, emit, listeners } = inProcessBridge((name) =>
      name === 'snapshot:get'
        ? { ok: true, value: makeSnapshot(T0, { mentions: [makeMention(1, T0)] }) }
        : { ok: false, error: { code: 'x', message: 'no' } },
    );
    const store = createWallStore({ now: 0, settings: { theme: 'light', largeType: false } });
    const disconnect = connectStore(new IpcTransport(bridge), store, (flush) => {
      const t = setTimeout(flush, 0);
      return () => clearTimeout(t);
    });
    await vi.waitFor(() => expect(store.getState().ready).toBe(true));
    emit({ name: 'mentions:batch', payload: { mentions: [makeMention(2, T0 + 1)] } });
    emit({ name: 'mentions:batch', payload: { mentions: 'lots' } });
    await vi.waitFor(() => expect(store.getState().mentions.items).toHaveLength(2));
    expect(store.getState().invalidEvents).toBe(1);
    disconnect();
    expect(listeners.size).toBe(0);
  });

  it('shows the wall offline with the hub message when the snapshot fails', async () => {
    const { bridge } = inProcessBridge(() => ({ ok: false, error: { code: 'down', message: 'Hub is starting' } }));
    const store = createWallStore({ now: 0, settings: { theme: 'light', largeType: false } });
    connectStore(new IpcTransport(bridge), store, (flush) => {
      flush();
      return () => undefined;
    });
    await vi.waitFor(() =>
      expect(store.getState().link).toEqual({ status: 'offline', attempt: 1, lastError: 'Hub is starting' }),
    );
  });
});
