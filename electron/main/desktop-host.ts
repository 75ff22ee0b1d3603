import { join } from 'node:path';
import { createLogger, type Hub } from '../core';
import { APP_SCHEME, APP_SCHEME_PRIVILEGES, appProtocolHandler } from './app-protocol';
import type { DesktopElectronApis, HostTray } from './electron-apis';
import { applyTheme } from './desktop-extras';
import { initialState, type DesktopHostOptions, type HostContext } from './host-context';
import { showWindow } from './host-windows';
import { savePng, startOwnHub, stopOwnHub } from './own-hub';
import { openPreferences } from './preferences';
import { safeStorageVault } from './safe-storage-vault';
import { loadTeamHub } from './team-hub-settings';
import { openTeamHub, serveTeamHubSettings, useOwnHub } from './team-mode';
import { createTray } from './tray';
import { hardenSession, lockDownContents, type AppPaths } from './window';

export type { DesktopHostOptions } from './host-context';

/** A started desktop host. */
export interface DesktopHost {
  /** The running hub; null when another instance runs, the hub could not start, or a team hub is shown. */
  readonly hub: Hub | null;
  /** Settles once the hub has stopped on quit (at once when there is no hub). */
  readonly stopped: Promise<void>;
}

/** The bundle is dist/electron/main.cjs: the preload sits beside it, the renderer in dist/renderer. */
export function appPathsBeside(bundleDir: string): AppPaths {
  return { preload: join(bundleDir, 'preload.cjs'), renderer: join(bundleDir, '..', 'renderer') };
}

/**
 * The Electron host: runs the same hub as `earshot serve` inside the main process and shows the wall in a
 * locked-down window, with a tray and P1 notifications, or, once Settings connected it to a team hub, shows
 * that hub's wall instead of running its own. `electron` is the `electron` module (main.ts passes it).
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

/** The app's events: a second launch or a dock click shows the window; quitting stops the hub first. */
function listen(context: HostContext): void {
  const { electron, state, logger } = context;
  const { app } = electron;
  const running = (): boolean => state.hub !== null || state.teamOrigin !== null;
  app.on('second-instance', () => running() && showWindow(context));
  app.on('web-contents-created', (_event, contents) =>
    lockDownContents(
      electron,
      contents,
      () => state.linkHosts,
      logger,
      () => state.teamOrigin,
    ),
  );
  app.on('activate', () => running() && showWindow(context));
  app.on('before-quit', () => {
    state.quitting = true;
  });
  // Keep running in the tray when the last window closes (the window only hides, but be explicit).
  app.on('window-all-closed', () => undefined);
  // Stop the hub (flush, close the database) before the process ends.
  app.on('will-quit', (event) => {
    if (state.hubStopped || !state.hub) {
      if (!state.stopping) context.markStopped();
      return;
    }
    event.preventDefault();
    if (state.stopping) return;
    state.stopping = true;
    void stopAndQuit(context);
  });
}

async function start(context: HostContext): Promise<void> {
  const { electron, state, options, paths, logger } = context;
  const { app } = electron;
  await app.whenReady();
  hardenSession(electron.session.defaultSession);
  electron.protocol.handle(APP_SCHEME, appProtocolHandler(paths.renderer));
  const prefs = await (options.openPreferences ?? openPreferences)(logger.child({ module: 'preferences' }));
  state.prefs = prefs;
  state.teamVault = safeStorageVault(join(app.getPath('userData'), 'team-hub.json'), electron.safeStorage, {
    onProblem: (message) => logger.warn(message),
  });
  state.doNotDisturb = prefs.read().doNotDisturb;
  applyTheme(electron, prefs);
  serveTeamHubSettings(context, () => rebuildTray(context));
  const team = await loadTeamHub({ prefs, vault: state.teamVault });
  if (team !== null) openTeamHub(context, team);
  else if (!(await startOwnHub(context))) {
    state.hubStopped = true;
    context.markStopped();
    app.exit(1);
    return;
  }
  rebuildTray(context);
}

/** The tray: Open, Do not disturb, PNG, and, on a team hub, the way back to this computer's own hub. */
function rebuildTray(context: HostContext): void {
  const { electron, state } = context;
  state.tray?.destroy();
  state.tray = buildTray(context);
  function buildTray(c: HostContext): HostTray {
    return createTray(electron, {
      open: () => showWindow(c),
      quit: () => electron.app.quit(),
      doNotDisturb: {
        get: () => state.doNotDisturb,
        set: (on) => {
          state.doNotDisturb = on;
          state.prefs?.update({ doNotDisturb: on });
        },
      },
      savePng: () => void savePng(c),
      ...(state.teamOrigin === null
        ? {}
        : { teamHub: { origin: state.teamOrigin, useOwnHub: () => void backToOwnHub(c) } }),
    });
  }
}

async function backToOwnHub(context: HostContext): Promise<void> {
  await useOwnHub(context);
  rebuildTray(context);
}

async function stopAndQuit(context: HostContext): Promise<void> {
  await stopOwnHub(context);
  context.state.tray?.destroy();
  context.electron.app.quit();
  context.markStopped();
}
