import type { Core, Logger } from '../core';
import { startDisplayWalls, type DisplayWalls } from './displays';
import type { DesktopElectronApis, HostWindow } from './electron-apis';
import { forwardEvents } from './ipc';
import type { PreferencesStore } from './preferences';

/** Applies the preferred theme to every page (prefers-color-scheme follows `nativeTheme.themeSource`). */
export function applyTheme(electron: Pick<DesktopElectronApis, 'nativeTheme'>, prefs: PreferencesStore): void {
  electron.nativeTheme.themeSource = prefs.read().theme;
}

/**
 * Puts the main window back where it was: the saved bounds of the primary display if any, else of another
 * display still attached (a laptop undocked from its monitors gets its own bounds back, not an off-screen spot).
 */
export function restoreBounds(
  electron: Pick<DesktopElectronApis, 'screen'>,
  window: HostWindow,
  prefs: PreferencesStore,
): void {
  const saved = prefs.read().windowBounds;
  const { screen } = electron;
  const ids = [screen.getPrimaryDisplay().id, ...screen.getAllDisplays().map((d) => d.id)];
  const bounds = ids.map((id) => saved[String(id)]).find((b) => b !== undefined);
  if (bounds !== undefined) window.setBounds(bounds);
}

/** Saves the main window's bounds, under the display it is on, whenever it is moved or resized. */
export function rememberBounds(
  electron: Pick<DesktopElectronApis, 'screen'>,
  window: HostWindow,
  prefs: PreferencesStore,
): void {
  const save = (): void => {
    if (window.isDestroyed()) return;
    const bounds = window.getBounds();
    const display = electron.screen.getDisplayMatching(bounds);
    prefs.update({ windowBounds: { ...prefs.read().windowBounds, [String(display.id)]: bounds } });
  };
  window.on('moved', save);
  window.on('resized', save);
}

/** Opens the executive display on the planned monitors, each fed the hub's events like the main window. */
export function openDisplayWalls(deps: {
  readonly electron: DesktopElectronApis;
  readonly core: Core;
  readonly preload: string;
  readonly prefs: PreferencesStore;
  readonly logger: Logger;
}): DisplayWalls {
  const walls = startDisplayWalls({
    electron: deps.electron,
    preload: deps.preload,
    prefs: deps.prefs,
    logger: deps.logger,
    onWindow: (window) => {
      const stop = forwardEvents(
        deps.core,
        () => window,
        () => undefined,
      );
      window.on('closed', stop);
    },
  });
  walls.sync();
  return walls;
}
