// A recording stand-in for Electron. Electron's binary cannot run here, so the host's tests hand `electron`
// (typed as the host's DesktopElectronApis, so tsc keeps it honest) to the real startDesktopHost:
//   await startDesktopHost(electron, { ... });
// The preload imports Electron's runtime itself, so its test still mocks the module with the same stand-in:
//   vi.mock('electron', async () => (await import('./electron-stand-in')).electronModule());
import { EventEmitter } from 'node:events';
import { join } from 'node:path';
import type {
  BrowserWindowConstructorOptions,
  Menu,
  MenuItemConstructorOptions,
  NativeImage,
  NotificationConstructorOptions,
} from 'electron';
import type { DesktopElectronApis } from '../../../electron/main/electron-apis';

type Handler = Parameters<DesktopElectronApis['ipcMain']['handle']>[1];
type Hooks = DesktopElectronApis['session']['defaultSession'];
type HeadersHook = Parameters<Hooks['webRequest']['onHeadersReceived']>[0];
type RequestHook = Parameters<Hooks['setPermissionRequestHandler']>[0];
type CheckHook = Parameters<Hooks['setPermissionCheckHandler']>[0];
type SendHook = NonNullable<
  Parameters<ReturnType<DesktopElectronApis['session']['fromPartition']>['webRequest']['onBeforeSendHeaders']>[1]
>;

/** The hooks set on one partition's session. */
export interface PartitionHooks {
  headers?: HeadersHook;
  request?: RequestHook;
  check?: CheckHook;
  send?: { readonly urls: string[]; readonly hook: SendHook } | undefined;
}

/** A cancellable event, as Electron passes to will-navigate, close, will-quit… */
export interface StandInEvent {
  defaultPrevented: boolean;
  preventDefault(): void;
}

/** A fresh cancellable event. */
export function cancellable(): StandInEvent {
  const event = {
    defaultPrevented: false,
    preventDefault() {
      event.defaultPrevented = true;
    },
  };
  return event;
}

/** What the host did to Electron, for the tests to read. */
export const state = {
  userData: '',
  ready: false,
  sandboxEnabled: false,
  privilegedSchemes: [] as Array<{ schemes: unknown; beforeReady: boolean }>,
  protocolHandlers: new Map<string, (request: Request) => Promise<Response>>(),
  handlers: new Map<string, Handler>(),
  windows: [] as StandInWindow[],
  notifications: [] as Array<NotificationConstructorOptions & { shown: boolean }>,
  opened: [] as string[],
  session: {} as { headers?: HeadersHook; request?: RequestHook; check?: CheckHook },
  /** Sessions the host asked for by partition (the team hub window's), with the hooks it set on them. */
  partitions: new Map<string, PartitionHooks>(),
  exposed: [] as Array<[string, unknown]>,
  /** Every menu template the host built (the tray's), newest last. */
  menus: [] as MenuItemConstructorOptions[][],
  quits: 0,
  /** The monitors `screen` reports; the first is primary. Tests change it and emit display-added/removed. */
  displays: [{ id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 } }] as Array<{
    id: number;
    bounds: { x: number; y: number; width: number; height: number };
  }>,
  /** Power-save blockers started and not stopped, by id. */
  blockers: new Map<number, string>(),
  themeSource: 'system' as 'system' | 'dark' | 'light',
  /** What the next save dialog answers. */
  savePath: undefined as string | undefined,
  /** HTML pages printed to PDF (their data: URLs). */
  printed: [] as string[],
};

let nextBlocker = 1;

/** The stand-in's `screen`: reports `state.displays`; tests emit its events. */
export const screen = Object.assign(new EventEmitter(), {
  getAllDisplays: () => state.displays,
  getPrimaryDisplay: () => state.displays[0] ?? { id: 0, bounds: { x: 0, y: 0, width: 800, height: 600 } },
  getDisplayMatching: (rect: { x: number; y: number }) =>
    state.displays.find(
      (d) =>
        rect.x >= d.bounds.x &&
        rect.x < d.bounds.x + d.bounds.width &&
        rect.y >= d.bounds.y &&
        rect.y < d.bounds.y + d.bounds.height,
    ) ??
    state.displays[0] ?? { id: 0, bounds: { x: 0, y: 0, width: 800, height: 600 } },
});

/** A webContents: an EventEmitter that records what is sent and its window-open handler. */
export class StandInContents extends EventEmitter {
  readonly sent: unknown[][] = [];
  openHandler: null | ((details: { url: string }) => { action: string }) = null;
  send(...args: unknown[]): void {
    this.sent.push(args);
  }
  isDestroyed(): boolean {
    return false;
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.openHandler = handler;
  }
  loadedUrl = '';
  capturePage(): Promise<{ toPNG(): Buffer }> {
    return Promise.resolve({ toPNG: () => Buffer.from('\x89PNG fake') });
  }
  printToPDF(): Promise<Buffer> {
    state.printed.push(this.loadedUrl);
    return Promise.resolve(Buffer.from('%PDF-1.7 fake'));
  }
}

const app = Object.assign(new EventEmitter(), {
  enableSandbox: () => {
    state.sandboxEnabled = true;
  },
  getPath: (name: string) => (name === 'appData' ? state.userData : join(state.userData, 'Earshot')),
  setPath: (name: string, path: string) => {
    if (name === 'userData') state.userData = path;
  },
  requestSingleInstanceLock: () => true,
  whenReady: () => {
    state.ready = true;
    return Promise.resolve();
  },
  quit: () => {
    state.quits += 1;
    app.emit('before-quit', cancellable());
    app.emit('will-quit', cancellable());
  },
  exit: (code: number) => {
    throw new Error(`app.exit(${code})`);
  },
});

/** A BrowserWindow that records its options and what it loaded. */
export class StandInWindow extends EventEmitter {
  readonly webContents = new StandInContents();
  loaded = '';
  visible = false;
  readonly options: { webPreferences: Record<string, unknown> } & BrowserWindowConstructorOptions;
  constructor(options: BrowserWindowConstructorOptions) {
    super();
    this.options = { ...options, webPreferences: { ...options.webPreferences } };
    state.windows.push(this);
    app.emit('web-contents-created', {}, this.webContents);
  }
  loadURL(url: string): Promise<void> {
    this.loaded = url;
    this.webContents.loadedUrl = url;
    return Promise.resolve();
  }
  bounds = { x: 0, y: 0, width: 1600, height: 1000 };
  destroyed = false;
  getBounds = () => this.bounds;
  setBounds = (b: Partial<{ x: number; y: number; width: number; height: number }>): void => {
    this.bounds = { ...this.bounds, ...b };
  };
  close = (): void => {
    if (this.destroyed) return;
    const event = cancellable();
    this.emit('close', event);
    if (event.defaultPrevented) return;
    this.destroyed = true;
    this.emit('closed');
  };
  loadFile(path: string): Promise<void> {
    this.loaded = `loadFile:${path}`;
    return Promise.resolve();
  }
  isDestroyed = (): boolean => this.destroyed;
  isMinimized = (): boolean => false;
  show = (): void => {
    this.visible = true;
  };
  hide = (): void => {
    this.visible = false;
  };
  focus = (): void => undefined;
  restore = (): void => undefined;
}

class Notification {
  static isSupported = (): boolean => true;
  constructor(readonly options: NotificationConstructorOptions) {}
  on(): void {}
  show(): void {
    state.notifications.push({ ...this.options, shown: true });
  }
}

class Tray {
  setToolTip(): void {}
  setContextMenu(): void {}
  on(): void {}
  destroy(): void {}
}

/** The preload's ipcRenderer: events are emitted by the test, invoke answers with what it was asked. */
export const ipcRenderer = Object.assign(new EventEmitter(), {
  invoke: async (channel: string, ...args: unknown[]) => ({ ok: true, value: [channel, ...args] }),
});

/** The stand-in's exports, named as Electron's. */
/** The host's side of Electron, named as the `electron` module exports it. */
export const electron = {
  app,
  BrowserWindow: StandInWindow,
  Notification,
  Tray,
  // Opaque to the host (built by Electron, handed back to the tray): empty stand-ins, never drawn.
  Menu: {
    buildFromTemplate: (template: MenuItemConstructorOptions[]) => {
      state.menus.push(template);
      return {} as Menu;
    },
  },
  nativeImage: { createFromBuffer: () => ({ resize: () => ({}) as NativeImage }) },
  dialog: {
    showErrorBox: (title: string, message: string) => state.opened.push(`error:${title}:${message}`),
    showSaveDialog: async () => ({ canceled: state.savePath === undefined, filePath: state.savePath ?? '' }),
  },
  screen,
  powerSaveBlocker: {
    start: (type: 'prevent-display-sleep' | 'prevent-app-suspension') => {
      const id = nextBlocker++;
      state.blockers.set(id, type);
      return id;
    },
    stop: (id: number) => state.blockers.delete(id),
  },
  nativeTheme: {
    get themeSource() {
      return state.themeSource;
    },
    set themeSource(value: 'system' | 'dark' | 'light') {
      state.themeSource = value;
    },
  },
  shell: { openExternal: async (url: string) => void state.opened.push(url) },
  ipcMain: {
    handle: (channel: string, handler: Handler) => state.handlers.set(channel, handler),
    removeHandler: (channel: string) => state.handlers.delete(channel),
  },
  protocol: {
    registerSchemesAsPrivileged: (schemes: unknown) =>
      state.privilegedSchemes.push({ schemes, beforeReady: !state.ready }),
    handle: (scheme: string, handler: (request: Request) => Promise<Response>) =>
      state.protocolHandlers.set(scheme, handler),
  },
  safeStorage: {
    isEncryptionAvailable: () => true,
    getSelectedStorageBackend: () => 'gnome_libsecret',
    encryptString: (s: string) => Buffer.from(s),
    decryptString: (b: Buffer) => b.toString(),
  },
  session: {
    defaultSession: {
      webRequest: { onHeadersReceived: (hook: HeadersHook) => void (state.session.headers = hook) },
      setPermissionRequestHandler: (hook: RequestHook) => void (state.session.request = hook),
      setPermissionCheckHandler: (hook: CheckHook) => void (state.session.check = hook),
    },
    fromPartition: (partition: string) => {
      const hooks = state.partitions.get(partition) ?? {};
      state.partitions.set(partition, hooks);
      return {
        webRequest: {
          onHeadersReceived: (hook: HeadersHook) => void (hooks.headers = hook),
          onBeforeSendHeaders: (filter: { urls: string[] }, hook: SendHook | null) => {
            hooks.send = hook === null ? undefined : { urls: filter.urls, hook };
          },
        },
        setPermissionRequestHandler: (hook: RequestHook) => void (hooks.request = hook),
        setPermissionCheckHandler: (hook: CheckHook) => void (hooks.check = hook),
      };
    },
  },
} satisfies DesktopElectronApis;

/** The preload's side of Electron: the bridge it exposes is recorded in `state.exposed`. */
const preloadApis = {
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => state.exposed.push([key, api]) },
  ipcRenderer,
};

/** The module object for `vi.mock('electron', …)`, for code that imports Electron's runtime (the preload). */
export function electronModule(): typeof electron & typeof preloadApis & { default: typeof electron } {
  return { ...electron, ...preloadApis, default: electron };
}
