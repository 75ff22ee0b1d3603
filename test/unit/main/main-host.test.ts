import { EventEmitter } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { IPC_EVENT, IPC_INVOKE, type HubEvent } from '../../../shared/contract';
import type { Result } from '../../../shared/result';
import { IncidentSchema } from '../../../shared/incident';
import { ManualClock } from '../../../electron/core/runtime/clock';

/**
 * Electron itself cannot run here (no binary), so this drives electron/main/main.ts through a recording
 * stand-in for the `electron` module: the host's wiring is under test, with a real hub booted underneath.
 */
const fake = vi.hoisted(() => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { EventEmitter: Emitter } = require('node:events') as typeof import('node:events');
  const state = {
    userData: '',
    handlers: new Map<string, (...args: unknown[]) => unknown>(),
    windows: [] as Array<EventEmitter & Record<string, unknown>>,
    notifications: [] as Array<{ title: string; body: string; shown: boolean }>,
    opened: [] as string[],
    session: {} as Record<string, unknown>,
    quits: 0,
  };
  const app = Object.assign(new Emitter(), {
    enableSandbox: () => undefined,
    getPath: (name: string) => (name === 'appData' ? state.userData : join(state.userData, 'Earshot')),
    setPath: (name: string, path: string) => {
      if (name === 'userData') state.userData = path;
    },
    requestSingleInstanceLock: () => true,
    whenReady: () => Promise.resolve(),
    quit: () => {
      state.quits += 1;
      const before = { defaultPrevented: false, preventDefault() {} };
      app.emit('before-quit', before);
      const event = {
        defaultPrevented: false,
        preventDefault() {
          event.defaultPrevented = true;
        },
      };
      app.emit('will-quit', event);
    },
    exit: (code: number) => {
      throw new Error(`app.exit(${code})`);
    },
  });
  function webContents() {
    const contents = Object.assign(new Emitter(), {
      sent: [] as unknown[][],
      send: (...args: unknown[]) => contents.sent.push(args),
      isDestroyed: () => false,
      openHandler: null as null | ((d: { url: string }) => { action: string }),
      setWindowOpenHandler: (h: (d: { url: string }) => { action: string }) => {
        contents.openHandler = h;
      },
    });
    return contents;
  }
  class BrowserWindow extends Emitter {
    readonly webContents = webContents();
    loaded = '';
    visible = false;
    constructor(readonly options: Record<string, unknown>) {
      super();
      state.windows.push(this as unknown as EventEmitter & Record<string, unknown>);
      app.emit('web-contents-created', {}, this.webContents);
    }
    loadFile(path: string) {
      this.loaded = path;
      return Promise.resolve();
    }
    isDestroyed = () => false;
    isMinimized = () => false;
    show = () => {
      this.visible = true;
    };
    hide = () => {
      this.visible = false;
    };
    focus = () => undefined;
    restore = () => undefined;
  }
  class Notification {
    static isSupported = () => true;
    constructor(readonly options: { title: string; body: string }) {}
    on() {}
    show() {
      state.notifications.push({ ...this.options, shown: true });
    }
  }
  class Tray {
    setToolTip() {}
    setContextMenu() {}
    on() {}
    destroy() {}
  }
  const electron = {
    app,
    BrowserWindow,
    Notification,
    Tray,
    Menu: { buildFromTemplate: (t: unknown) => t },
    nativeImage: { createFromBuffer: () => ({ resize: () => ({}) }) },
    dialog: { showErrorBox: (title: string, message: string) => state.opened.push(`error:${title}:${message}`) },
    shell: { openExternal: async (url: string) => void state.opened.push(url) },
    ipcMain: {
      handle: (channel: string, handler: (...args: unknown[]) => unknown) => state.handlers.set(channel, handler),
      removeHandler: (channel: string) => state.handlers.delete(channel),
    },
    safeStorage: {
      isEncryptionAvailable: () => true,
      getSelectedStorageBackend: () => 'gnome_libsecret',
      encryptString: (s: string) => Buffer.from(s),
      decryptString: (b: Buffer) => b.toString(),
    },
    session: {
      defaultSession: {
        webRequest: { onHeadersReceived: (h: unknown) => (state.session.headers = h) },
        setPermissionRequestHandler: (h: unknown) => (state.session.request = h),
        setPermissionCheckHandler: (h: unknown) => (state.session.check = h),
      },
    },
  };
  return { state, electron };
});

vi.mock('electron', () => ({ ...fake.electron, default: fake.electron }));

/** Pass-through: the real bootHub, remembering the hub it booted so the test can emit on its event bus. */
const booted = vi.hoisted(() => ({
  hub: null as null | { core: { events: { emit(e: unknown): void } } },
  stopped: false,
}));
vi.mock('../../../electron/core/boot/boot-hub', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../../electron/core/boot/boot-hub')>();
  return {
    ...original,
    bootHub: async (options: Parameters<typeof original.bootHub>[0]) => {
      const hub = await original.bootHub({ ...options, demo: true, clock: new ManualClock() });
      booted.hub = hub;
      return {
        ...hub,
        stop: async () => {
          await hub.stop();
          booted.stopped = true;
        },
      };
    },
  };
});

const { state } = fake;
let dataRoot = '';

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  if (!check()) throw new Error('timed out waiting for the host');
}

afterAll(async () => {
  await rm(dataRoot, { recursive: true, force: true });
});

describe('electron/main/main.ts', () => {
  it('boots the hub, opens a locked-down window, serves IPC to it, alerts on P1 and stops the hub on quit', async () => {
    dataRoot = await mkdtemp(join(tmpdir(), 'earshot-main-'));
    state.userData = dataRoot;
    const configPath = join(dataRoot, 'earshot.config.json');
    await writeFile(configPath, JSON.stringify({ sources: [{ id: 'masto', type: 'mastodon', enabled: true }] }));
    process.env.EARSHOT_CONFIG = configPath;
    await import('../../../electron/main/main');
    delete process.env.EARSHOT_CONFIG;
    await until(() => state.windows.length === 1 && state.handlers.has(IPC_INVOKE));

    const window = state.windows[0] as unknown as {
      options: { webPreferences: Record<string, unknown> };
      loaded: string;
      webContents: EventEmitter & { sent: unknown[][]; openHandler: (d: { url: string }) => { action: string } };
    } & EventEmitter;
    expect(window.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
    });
    expect(window.loaded).toMatch(/renderer[\\/]index\.html$/);
    expect(state.session.headers).toBeTypeOf('function');

    const invoke = state.handlers.get(IPC_INVOKE) as (e: unknown, n: unknown, p: unknown) => Promise<Result<unknown>>;
    const sender = (url: string) => ({ senderFrame: { url, parent: null, isDestroyed: () => false } });
    const own = pathToFileURL(window.loaded).href;
    expect((await invoke(sender(own), 'status:get', {})).ok).toBe(true);
    expect(await invoke(sender('https://evil.example/'), 'status:get', {})).toMatchObject({ ok: false });

    const navigation = {
      defaultPrevented: false,
      preventDefault() {
        navigation.defaultPrevented = true;
      },
    };
    window.webContents.emit('will-navigate', navigation, 'https://evil.example/');
    expect(navigation.defaultPrevented).toBe(true);
    expect(window.webContents.openHandler({ url: 'https://x.com/a/status/1' })).toEqual({ action: 'deny' });
    expect(window.webContents.openHandler({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    // The configured Mastodon source reads the default instance, so its posts' links open too.
    expect(window.webContents.openHandler({ url: 'https://mastodon.social/@nimbus/1' })).toEqual({ action: 'deny' });
    await until(() => state.opened.length > 1);
    expect(state.opened).toEqual(['https://x.com/a/status/1', 'https://mastodon.social/@nimbus/1']);

    const p1 = IncidentSchema.parse({
      id: 'inc-1',
      title: 'Login failures',
      severity: 'P1',
      state: 'open',
      watchlist: 'nimbus',
      topics: ['login'],
      channels: ['x'],
      openedAt: 0,
      updatedAt: 0,
      resolvedAt: null,
      evidence: {
        series: 'topic:login',
        baselinePerMinute: 1,
        observedPerMinute: 12,
        statistic: 's',
        startedAt: 0,
        risingTerms: [],
        firstPost: null,
        representativePosts: [],
        sourceMix: [],
        sentimentShift: { baselineNegativeShare: 0, observedNegativeShare: 1 },
        topics: [],
      },
    });
    const changed: HubEvent = { name: 'incidents:changed', payload: { incidents: [p1] } };
    booted.hub?.core.events.emit(changed);
    booted.hub?.core.events.emit(changed);
    expect(window.webContents.sent.filter(([, e]) => e === changed)).toEqual([
      [IPC_EVENT, changed],
      [IPC_EVENT, changed],
    ]);
    expect(state.notifications).toEqual([
      { title: 'P1: Login failures', body: '12/min vs 1.0 usual · x', urgency: 'critical', shown: true },
    ]);

    const closing = {
      defaultPrevented: false,
      preventDefault() {
        closing.defaultPrevented = true;
      },
    };
    window.emit('close', closing);
    expect(closing.defaultPrevented).toBe(true);

    fake.electron.app.quit();
    await until(() => state.quits >= 2);
    expect(state.quits).toBe(2);
    expect(booted.stopped).toBe(true);
  });
});
