import type { HostWindow } from './electron-apis';
import type { HostContext } from './host-context';
import { rememberBounds, restoreBounds } from './desktop-extras';
import { createTeamHubWindow } from './team-window';
import { createMainWindow } from './window';

/**
 * Opens the wall's window: the own hub's app:// page with the IPC bridge, or, connected to a team hub, that
 * hub's own page in the team partition (no preload, so no bridge).
 */
export function openWindow(context: HostContext): HostWindow {
  const { electron, state, paths, logger } = context;
  const window =
    state.teamOrigin === null
      ? createMainWindow(electron, paths, logger)
      : createTeamHubWindow(electron, state.teamOrigin, logger);
  if (state.prefs !== null) {
    restoreBounds(electron, window, state.prefs);
    rememberBounds(electron, window, state.prefs);
  }
  // Closing the window hides it: the hub keeps listening and alerting from the tray until Quit.
  window.on('close', (event) => {
    if (state.quitting || state.switching) return;
    event.preventDefault();
    window.hide();
  });
  return window;
}

/** Shows the wall's window, opening it again if it was closed. */
export function showWindow(context: HostContext): void {
  const { state } = context;
  if (!state.window || state.window.isDestroyed()) state.window = openWindow(context);
  const window = state.window;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}

/** Closes the wall's window for good (a switch of hub opens the next one). */
export function closeWindow(context: HostContext): void {
  const { state } = context;
  state.switching = true;
  try {
    if (state.window && !state.window.isDestroyed()) state.window.close();
  } finally {
    state.switching = false;
    state.window = null;
  }
}
