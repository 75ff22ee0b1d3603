import type { Logger } from '../core';
import { APP_INDEX_URL } from './app-protocol';
import type { DisplayApis, HostDisplay, HostWindow, WindowApis } from './electron-apis';
import { SCENES, type DisplayPref, type Preferences, type PreferencesStore } from './preferences';

/** What one monitor gets: the executive display in a kiosk window with these scenes. */
export interface DisplayPlan {
  readonly displayId: number;
  readonly bounds: HostDisplay['bounds'];
  readonly scenes: ReadonlyArray<(typeof SCENES)[number]>;
}

/**
 * Which monitors show the executive display: those the preferences say; a monitor with no preference shows it
 * when it is not the primary one (the desk's main window stays there), so plugging in a TV puts the wall on it.
 */
export function planDisplays(
  displays: ReadonlyArray<HostDisplay>,
  primaryId: number,
  prefs: Preferences['displays'],
): ReadonlyArray<DisplayPlan> {
  return displays.flatMap((d) => {
    const pref: DisplayPref = prefs[String(d.id)] ?? { kiosk: d.id !== primaryId, scenes: [...SCENES] };
    return pref.kiosk ? [{ displayId: d.id, bounds: d.bounds, scenes: pref.scenes }] : [];
  });
}

/** The executive display's address for one monitor (`?wall=1`, which display, which scenes). */
export const kioskUrl = (plan: DisplayPlan): string =>
  `${APP_INDEX_URL}?wall=1&display=${plan.displayId}&scenes=${plan.scenes.join(',')}`;

/**
 * A kiosk window on one monitor, full screen at its bounds. The preferences are written out here, as for the
 * main window, so a reader and Electronegativity see exactly what it gets: isolated, sandboxed, no Node.
 */
export function createKioskWindow(
  { BrowserWindow }: Pick<WindowApis, 'BrowserWindow'>,
  preload: string,
  plan: DisplayPlan,
  logger: Logger,
): HostWindow {
  const window = new BrowserWindow({
    ...plan.bounds,
    kiosk: true,
    fullscreen: true,
    frame: false,
    show: false,
    title: 'Earshot — executive display',
    backgroundColor: '#0b0f14',
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      disableBlinkFeatures: 'Auxclick',
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      // A wall is watched, not clicked: it keeps animating while another window has focus.
      backgroundThrottling: false,
    },
  });
  window.once('ready-to-show', () => window.show());
  window
    .loadURL(kioskUrl(plan))
    .catch((error: unknown) => logger.error({ error: String(error) }, 'cannot load the display'));
  return window;
}

/** The running kiosk windows, one per planned monitor. */
export interface DisplayWalls {
  /** Opens and closes windows to match the monitors and preferences now. */
  sync(): void;
  /** Display ids with a kiosk window. */
  open(): ReadonlyArray<number>;
  /** Closes every kiosk window and lets the screen sleep again. */
  closeAll(): void;
}

/**
 * Keeps a kiosk window on each monitor the plan names, following `display-added` / `display-removed`, and holds
 * a `prevent-display-sleep` power-save blocker while any is open, so a wall screen never dims or sleeps.
 */
export function startDisplayWalls(deps: {
  readonly electron: DisplayApis & Pick<WindowApis, 'BrowserWindow'>;
  readonly preload: string;
  readonly prefs: PreferencesStore;
  readonly logger: Logger;
  /** Called for each kiosk window (the host forwards hub events to it). */
  readonly onWindow?: (window: HostWindow, displayId: number) => void;
}): DisplayWalls {
  const { screen, powerSaveBlocker } = deps.electron;
  const windows = new Map<number, HostWindow>();
  let blocker: number | null = null;
  const keepAwake = (): void => {
    if (windows.size > 0 && blocker === null) blocker = powerSaveBlocker.start('prevent-display-sleep');
    if (windows.size === 0 && blocker !== null) {
      powerSaveBlocker.stop(blocker);
      blocker = null;
    }
  };
  const sync = (): void => {
    const plans = planDisplays(screen.getAllDisplays(), screen.getPrimaryDisplay().id, deps.prefs.read().displays);
    const wanted = new Set(plans.map((p) => p.displayId));
    for (const [id, window] of windows)
      if (!wanted.has(id)) {
        windows.delete(id);
        if (!window.isDestroyed()) window.close();
      }
    for (const plan of plans) {
      if (windows.has(plan.displayId)) continue;
      const window = createKioskWindow(deps.electron, deps.preload, plan, deps.logger);
      windows.set(plan.displayId, window);
      window.on('closed', () => {
        if (windows.get(plan.displayId) === window) windows.delete(plan.displayId);
        keepAwake();
      });
      deps.onWindow?.(window, plan.displayId);
    }
    keepAwake();
    deps.logger.info({ displays: [...windows.keys()] }, 'executive display windows');
  };
  screen.on('display-added', sync);
  screen.on('display-removed', sync);
  return {
    sync,
    open: () => [...windows.keys()],
    closeAll() {
      screen.removeListener('display-added', sync);
      screen.removeListener('display-removed', sync);
      for (const window of windows.values()) if (!window.isDestroyed()) window.close();
      windows.clear();
      keepAwake();
    },
  };
}
