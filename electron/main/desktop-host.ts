import { join } from 'node:path';
import type { Incident } from '../../shared/incident';
import { createLogger, type BootOptions, type Hub, type Logger } from '../core';
import { APP_SCHEME, APP_SCHEME_PRIVILEGES, appProtocolHandler } from './app-protocol';
import { hubLinkHosts, startDesktopHub } from './desktop-hub';
import type { DesktopElectronApis, HostTray, HostWindow } from './electron-apis';
import { forwardEvents, serveInvoke } from './ipc';
import { alertWantsSound, incidentAlertFilter, p1AlertContent } from './p1-alerts';
import { applyTheme, openDisplayWalls, rememberBounds, restoreBounds } from './desktop-extras';
import { printToPdfRenderer, saveWallPng } from './desktop-print';
import type { DisplayWalls } from './displays';
import { openPreferences, type PreferencesStore } from './preferences';
import { createTray } from './tray';
import { createMainWindow, hardenSession, lockDownContents, type AppPaths } from './window';
import { errorMessage } from '../../shared/result';

/** What the desktop host may be given instead of its defaults (tests give a data folder's config, a hub booter). */
export interface DesktopHostOptions {
  /** Default: process.argv. */
  readonly argv?: ReadonlyArray<string>;
  /** Default: process.env. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Default: the preload and renderer beside the bundle (dist/electron/main.cjs). */
  readonly paths?: AppPaths;
  readonly logger?: Logger;
  /** Default: the core's bootHub. */
  readonly bootHub?: (options: BootOptions) => Promise<Hub>;
  /** Default: electron-store's preferences.json (tests give a store in memory). */
  readonly openPreferences?: (logger: Logger) => Promise<PreferencesStore>;
}

/** A started desktop host. */
export interface DesktopHost {
  /** The running hub; null when another instance runs or the hub could not start. */
  readonly hub: Hub | null;
  /** Settles once the hub has stopped on quit (at once when there is no hub). */
  readonly stopped: Promise<void>;
}

/** The host's moving parts, shared by its event handlers. */
interface HostState {
  hub: Hub | null;
  window: HostWindow | null;
  tray: HostTray | null;
  quitting: boolean;
  stopping: boolean;
  hubStopped: boolean;
  linkHosts: ReadonlyArray<string>;
  /** Toggled from the tray (kept in the preferences); desktop alerts stay quiet while on. */
  doNotDisturb: boolean;
  prefs: PreferencesStore | null;
  /** The executive display's kiosk windows, one per planned monitor. */
  walls: DisplayWalls | null;
}

/** What every step of the host works with. */
interface HostContext {
  readonly electron: DesktopElectronApis;
  readonly options: DesktopHostOptions;
  readonly paths: AppPaths;
  readonly logger: Logger;
  readonly state: HostState;
  readonly markStopped: () => void;
}

/** The bundle is dist/electron/main.cjs: the preload sits beside it, the renderer in dist/renderer. */
export function appPathsBeside(bundleDir: string): AppPaths {
  return { preload: join(bundleDir, 'preload.cjs'), renderer: join(bundleDir, '..', 'renderer') };
}

/**
 * The Electron host: runs the same hub as `earshot serve` inside the main process and shows the wall in a
 * locked-down window, with a tray and P1 notifications. `electron` is the `electron` module (main.ts passes it).
 * Before its first await it enables the sandbox and registers the app: scheme, which Electron accepts only
 * before `ready`; it resolves once the window is open (or the host has given way or failed).
 */
export function startDesktopHost(
  electron: DesktopElectronApis,
  options: DesktopHostOptions = {},
): Promise<DesktopHost> {
  const { app } = electron;
  let markStopped = (): void => undefined;
  const stopped = new Promise<void>((resolve) => (markStopped = resolve));
  const logger = options.logger ?? createLogger().child({ module: 'electron-main' });
  const paths = options.paths ?? appPathsBeside(__dirname);
  const context: HostContext = { electron, options, paths, logger, state: initialState(), markStopped };
  beforeReady(electron);
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    markStopped();
    return Promise.resolve({ hub: null, stopped });
  }
  listen(context);
  return start(context).then(
    () => ({ hub: context.state.hub, stopped }),
    (error: unknown) => {
      logger.fatal({ error: String(error) }, 'Electron host failed');
      markStopped();
      app.exit(1);
      return { hub: null, stopped };
    },
  );
}

/** What Electron accepts only before `ready`: the sandbox for every renderer and the app: scheme's privileges. */
function beforeReady({ app, protocol }: DesktopElectronApis): void {
  app.enableSandbox();
  // The renderer is served from app://earshot/ (a standard, secure origin), never from file://.
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
  // One data folder whether run from source (name "earshot") or packaged (productName "Earshot").
  app.setPath('userData', join(app.getPath('appData'), 'Earshot'));
}

function initialState(): HostState {
  return {
    hub: null,
    window: null,
    tray: null,
    quitting: false,
    stopping: false,
    hubStopped: false,
    linkHosts: [],
    doNotDisturb: false,
    prefs: null,
    walls: null,
  };
}

/** The app's events: a second launch or a dock click shows the window; quitting stops the hub first. */
function listen(context: HostContext): void {
  const { electron, state, logger } = context;
  const { app } = electron;
  app.on('second-instance', () => state.hub && showWindow(context));
  app.on('web-contents-created', (_event, contents) =>
    lockDownContents(electron, contents, () => state.linkHosts, logger),
  );
  app.on('activate', () => state.hub && showWindow(context));
  app.on('before-quit', () => {
    state.quitting = true;
  });
  // Keep running in the tray when the last window closes (the window only hides, but be explicit).
  app.on('window-all-closed', () => undefined);
  // Stop the hub (flush, close the database) before the process ends.
  app.on('will-quit', (event) => {
    if (state.hubStopped || !state.hub) return;
    event.preventDefault();
    if (state.stopping) return;
    state.stopping = true;
    state.walls?.closeAll();
    void stopHub(context);
  });
}

async function start(context: HostContext): Promise<void> {
  const { electron, state, options, paths, logger } = context;
  const { app, dialog, ipcMain } = electron;
  await app.whenReady();
  hardenSession(electron.session.defaultSession);
  electron.protocol.handle(APP_SCHEME, appProtocolHandler(paths.renderer));
  const prefs = await (options.openPreferences ?? openPreferences)(logger.child({ module: 'preferences' }));
  state.prefs = prefs;
  state.doNotDisturb = prefs.read().doNotDisturb;
  applyTheme(electron, prefs);
  let hub: Hub;
  try {
    hub = await startDesktopHub({
      argv: options.argv ?? process.argv,
      env: options.env ?? process.env,
      dataDir: app.getPath('userData'),
      safeStorage: electron.safeStorage,
      logger,
      renderPdf: printToPdfRenderer(electron, logger),
      ...(options.bootHub ? { bootHub: options.bootHub } : {}),
    });
  } catch (error) {
    dialog.showErrorBox('Earshot could not start', errorMessage(error));
    state.hubStopped = true;
    context.markStopped();
    app.exit(1);
    return;
  }
  state.hub = hub;
  state.linkHosts = hubLinkHosts(hub);
  serveInvoke(ipcMain, hub.core);
  // Alerts for the desktop user's role (supervisors P1/P2, staff P1, executives none), unless do-not-disturb.
  const desktopRole = hub.core.api.sessionActor('desktop').role;
  const toAlert = incidentAlertFilter(() => ({ role: desktopRole, doNotDisturb: state.doNotDisturb }));
  forwardEvents(
    hub.core,
    () => state.window,
    (event) => {
      if (event.name === 'incidents:changed') alertIncidents(context, toAlert(event.payload.incidents));
    },
  );
  state.window = openWindow(context);
  state.walls = openDisplayWalls({ electron, core: hub.core, preload: paths.preload, prefs, logger });
  state.tray = createTray(electron, {
    open: () => showWindow(context),
    quit: () => app.quit(),
    doNotDisturb: {
      get: () => state.doNotDisturb,
      set: (on) => {
        state.doNotDisturb = on;
        prefs.update({ doNotDisturb: on });
      },
    },
    savePng: () => void savePng(context),
  });
}

async function savePng(context: HostContext): Promise<void> {
  const { state, electron, logger } = context;
  if (!state.window || state.window.isDestroyed()) return;
  try {
    await saveWallPng(electron, state.window, Date.now(), logger);
  } catch (error) {
    electron.dialog.showErrorBox('Could not save the PNG', errorMessage(error));
  }
}

function showWindow(context: HostContext): void {
  const { state } = context;
  if (!state.window || state.window.isDestroyed()) state.window = openWindow(context);
  const window = state.window;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}

function openWindow(context: HostContext): HostWindow {
  const window = createMainWindow(context.electron, context.paths, context.logger);
  const prefs = context.state.prefs;
  if (prefs !== null) {
    restoreBounds(context.electron, window, prefs);
    rememberBounds(context.electron, window, prefs);
  }
  // Closing the window hides it: the hub keeps listening and alerting from the tray until Quit.
  window.on('close', (event) => {
    if (context.state.quitting) return;
    event.preventDefault();
    window.hide();
  });
  return window;
}

function alertIncidents(context: HostContext, incidents: ReadonlyArray<Incident>): void {
  const { Notification } = context.electron;
  if (!Notification.isSupported()) return;
  for (const incident of incidents) {
    // A P1 chimes (the OS notification sound; the main process plays no audio of its own), others show silently.
    const sound = alertWantsSound(incident);
    const notification = new Notification({
      ...p1AlertContent(incident),
      urgency: sound ? 'critical' : 'normal',
      silent: !sound,
    });
    notification.on('click', () => showWindow(context));
    notification.show();
  }
}

async function stopHub(context: HostContext): Promise<void> {
  const { state, logger } = context;
  try {
    await state.hub?.stop();
  } catch (error) {
    logger.error({ error: String(error) }, 'hub did not stop cleanly');
  }
  state.hubStopped = true;
  state.tray?.destroy();
  context.electron.app.quit();
  context.markStopped();
}
