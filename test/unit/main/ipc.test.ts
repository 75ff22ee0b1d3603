import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserWindow, IpcMain, IpcMainInvokeEvent } from 'electron';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootHub, type Hub } from '../../../electron/core/boot/boot-hub';
import { ManualClock } from '../../../electron/core/runtime/clock';
import { memoryVault } from '../../../electron/core/runtime/credentials';
import { silentLogger } from '../../../electron/core/runtime/logger';
import { APP_INDEX_URL } from '../../../electron/main/app-protocol';
import { forwardEvents, serveInvoke } from '../../../electron/main/ipc';
import { IPC_EVENT, IPC_INVOKE, type HubEvent } from '../../../shared/contract';
import type { Result } from '../../../shared/result';

type Handler = (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<Result<unknown>>;

/** Electron's ipcMain.handle registry, reduced to what serveInvoke uses. */
function handlerRegistry() {
  const handlers = new Map<string, Handler>();
  const ipcMain = {
    handle: (channel: string, handler: Handler) => handlers.set(channel, handler),
    removeHandler: (channel: string) => handlers.delete(channel),
  };
  return { ipcMain: ipcMain as unknown as IpcMain, handlers };
}

const frameEvent = (url: string, isMainFrame = true): IpcMainInvokeEvent =>
  ({
    senderFrame: { url, parent: isMainFrame ? null : {}, isDestroyed: () => false },
  }) as unknown as IpcMainInvokeEvent;

const indexUrl = APP_INDEX_URL;

describe('Electron IPC wiring against a real hub', () => {
  let dir: string;
  let hub: Hub;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'earshot-ipc-'));
    hub = await bootHub({
      dataDir: dir,
      demo: true,
      clock: new ManualClock(),
      vault: memoryVault(),
      logger: silentLogger(),
      env: {},
    });
  });
  afterAll(async () => {
    await hub.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('answers the app page from the real core, and refuses other senders before the core', async () => {
    const { ipcMain, handlers } = handlerRegistry();
    const unregister = serveInvoke(ipcMain, hub.core);
    const handler = handlers.get(IPC_INVOKE);
    if (!handler) throw new Error('no handler registered');

    const status = await handler(frameEvent(`${indexUrl}#/wall`), 'status:get', {});
    expect(status.ok).toBe(true);
    if (status.ok)
      expect(status.value).toMatchObject({
        mode: 'embedded',
        sources: [expect.objectContaining({ kind: 'simulator' })],
      });

    const invalid = await handler(frameEvent(indexUrl), 'mentions:recent', { limit: 0 });
    expect(invalid).toMatchObject({ ok: false, error: { code: 'invalid-request' } });

    expect(await handler(frameEvent('https://evil.example/'), 'status:get', {})).toMatchObject({
      ok: false,
      error: { code: 'forbidden-sender' },
    });
    expect(await handler(frameEvent(indexUrl, false), 'status:get', {})).toMatchObject({ ok: false });
    unregister();
    expect(handlers.has(IPC_INVOKE)).toBe(false);
  });

  it('forwards hub events to a live window only, and to the host', () => {
    const sent: Array<[string, HubEvent]> = [];
    let destroyed = false;
    const window = {
      isDestroyed: () => destroyed,
      webContents: {
        isDestroyed: () => destroyed,
        send: (channel: string, event: HubEvent) => sent.push([channel, event]),
      },
    } as unknown as BrowserWindow;
    const seen: HubEvent[] = [];
    const stop = forwardEvents(
      hub.core,
      () => window,
      (event) => seen.push(event),
    );
    const tick: HubEvent = { name: 'clock:tick', payload: { now: 1, mentions: 0 } };
    hub.core.events.emit(tick);
    destroyed = true;
    hub.core.events.emit(tick);
    stop();
    hub.core.events.emit(tick);
    expect(sent).toEqual([[IPC_EVENT, tick]]);
    expect(seen).toEqual([tick, tick]);
  });
});
