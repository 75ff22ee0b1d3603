// The parts of Electron the desktop host uses, as narrow structural types. Only types are imported from
// 'electron': the host receives the real module from main.ts (or a recording stand-in in tests), and
// test/unit/main/desktop-electron-apis.test.ts has tsc prove that the real module satisfies these types.
import type {
  App,
  BrowserWindowConstructorOptions,
  CustomScheme,
  Dialog,
  IpcMain,
  Menu,
  MenuItemConstructorOptions,
  NativeImage,
  NotificationConstructorOptions,
  PowerSaveBlocker,
  PrintToPDFOptions,
  Protocol,
  Rectangle,
  ResizeOptions,
  Shell,
  WebPreferences,
} from 'electron';
import type { SafeStorageLike } from './safe-storage-vault';

/** An event a listener may cancel (Electron's `Event`, reduced to what the host calls). */
export interface PreventableEvent {
  preventDefault(): void;
}

/** Any web contents the host locks down: navigation, redirects, webviews and window.open. */
export interface LockableContents {
  on(event: 'will-navigate', listener: (event: PreventableEvent, url: string) => void): unknown;
  on(event: 'will-redirect', listener: (event: PreventableEvent) => void): unknown;
  on(
    event: 'will-attach-webview',
    listener: (event: PreventableEvent, webPreferences: WebPreferences, params: Record<string, string>) => void,
  ): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

/** A window's contents as the event forwarder uses them. */
export interface EventTargetContents {
  isDestroyed(): boolean;
  send(channel: string, ...args: unknown[]): void;
}

/** A captured image of a window (capturePage), as the PNG export uses it. */
export interface HostCapture {
  toPNG(): Buffer;
}

/** A window's contents: events go out; the page can be captured as an image or printed to PDF. */
export interface WindowContents extends EventTargetContents {
  capturePage(): Promise<HostCapture>;
  printToPDF(options: PrintToPDFOptions): Promise<Buffer>;
}

/** The wall's window, as the host drives it. */
export interface HostWindow {
  readonly webContents: WindowContents;
  on(event: 'close', listener: (event: PreventableEvent) => void): unknown;
  on(event: 'closed' | 'moved' | 'resized', listener: () => void): unknown;
  getBounds(): Rectangle;
  setBounds(bounds: Partial<Rectangle>): void;
  close(): void;
  once(event: 'ready-to-show', listener: () => void): unknown;
  loadURL(url: string): Promise<void>;
  isDestroyed(): boolean;
  isMinimized(): boolean;
  restore(): void;
  show(): void;
  hide(): void;
  focus(): void;
}

/** The application object: lifecycle, paths, the single-instance lock and the host's app events. */
export interface HostApp extends Pick<
  App,
  'enableSandbox' | 'getPath' | 'setPath' | 'requestSingleInstanceLock' | 'quit' | 'exit'
> {
  whenReady(): Promise<unknown>;
  on(event: 'second-instance' | 'activate' | 'window-all-closed', listener: () => void): unknown;
  on(event: 'web-contents-created', listener: (event: unknown, contents: LockableContents) => void): unknown;
  on(event: 'before-quit' | 'will-quit', listener: (event: PreventableEvent) => void): unknown;
}

/** Response headers as the CSP hook reads and rewrites them. */
export interface HeaderDetails {
  readonly responseHeaders?: Record<string, string[]>;
}

/** A permission answer: Electron passes more (the contents, details), the host decides on the name alone. */
export type PermissionRequestHandler = (
  contents: unknown,
  permission: string,
  callback: (granted: boolean) => void,
) => void;

/** The default session, as hardening uses it: the CSP header hook and the permission handlers. */
export interface HardenableSession {
  readonly webRequest: {
    onHeadersReceived(listener: (details: HeaderDetails, callback: (response: HeaderDetails) => void) => void): void;
  };
  setPermissionRequestHandler(handler: PermissionRequestHandler): void;
  setPermissionCheckHandler(handler: (contents: unknown, permission: string) => boolean): void;
}

/** A request's headers as the token hook sees and rewrites them. */
export interface SendHeadersDetails {
  readonly url: string;
  readonly requestHeaders: Record<string, string>;
}

/** What the token hook answers: the headers to send. */
export interface SendHeadersResponse {
  readonly requestHeaders?: Record<string, string>;
  readonly cancel?: boolean;
}

/** The team hub window's own session: hardened like the default one, plus the hook that adds the token. */
export interface TeamHubSession extends HardenableSession {
  readonly webRequest: HardenableSession['webRequest'] & {
    onBeforeSendHeaders(
      filter: { urls: string[] },
      listener: ((details: SendHeadersDetails, callback: (response: SendHeadersResponse) => void) => void) | null,
    ): void;
  };
}

/** A desktop notification (the P1 alert). */
export interface HostNotification {
  on(event: 'click', listener: () => void): unknown;
  show(): void;
}

/** The tray icon. */
export interface HostTray {
  setToolTip(toolTip: string): void;
  setContextMenu(menu: HostMenu): void;
  on(event: 'click', listener: () => void): unknown;
  destroy(): void;
}

/** An image as the host passes it on: built by Electron, handed back to it, never inspected. */
export type HostImage = NativeImage;
/** A built menu, handed to the tray. */
export type HostMenu = Menu;

/** What the tray needs: an icon from bytes, a menu from a template, the tray itself. */
export interface TrayApis {
  readonly nativeImage: {
    createFromBuffer(buffer: Buffer): { resize(options: ResizeOptions): HostImage };
  };
  readonly Menu: { buildFromTemplate(template: MenuItemConstructorOptions[]): HostMenu };
  readonly Tray: new (image: HostImage) => HostTray;
}

/** What a window needs: the window class and the shell to open allow-listed links outside. */
export interface WindowApis {
  readonly BrowserWindow: new (options: BrowserWindowConstructorOptions) => HostWindow;
  readonly shell: Pick<Shell, 'openExternal'>;
}

/** A monitor, as the display plan reads it. */
export interface HostDisplay {
  readonly id: number;
  readonly bounds: Rectangle;
}

/** Monitors and their comings and goings, and the power-save blocker that keeps wall screens awake. */
export interface DisplayApis {
  readonly screen: {
    getAllDisplays(): HostDisplay[];
    getPrimaryDisplay(): HostDisplay;
    getDisplayMatching(rect: Rectangle): HostDisplay;
    on(event: 'display-added', listener: (event: unknown, display: HostDisplay) => void): unknown;
    on(event: 'display-removed', listener: (event: unknown, display: HostDisplay) => void): unknown;
    removeListener(event: 'display-added', listener: (event: unknown, display: HostDisplay) => void): unknown;
    removeListener(event: 'display-removed', listener: (event: unknown, display: HostDisplay) => void): unknown;
  };
  readonly powerSaveBlocker: Pick<PowerSaveBlocker, 'start' | 'stop'>;
  /** The theme the pages see (prefers-color-scheme), set from the preferences. */
  readonly nativeTheme: { themeSource: 'system' | 'dark' | 'light' };
}

/**
 * Exactly the Electron APIs the desktop host uses, named as the `electron` module exports them, so the module
 * itself is one (`startDesktopHost(electron)`) and tests hand in a recording stand-in instead of mocking it.
 */
export interface DesktopElectronApis extends TrayApis, WindowApis, DisplayApis {
  readonly app: HostApp;
  readonly dialog: Pick<Dialog, 'showErrorBox' | 'showSaveDialog'>;
  readonly ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  readonly Notification: {
    isSupported(): boolean;
    new (options: NotificationConstructorOptions): HostNotification;
  };
  readonly protocol: {
    registerSchemesAsPrivileged(customSchemes: CustomScheme[]): void;
    handle: Protocol['handle'];
  };
  readonly safeStorage: SafeStorageLike;
  readonly session: {
    readonly defaultSession: HardenableSession;
    /** The team hub window's session (an in-memory partition: nothing of it is written to disk). */
    fromPartition(partition: string): TeamHubSession;
  };
}
