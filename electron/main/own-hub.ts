import type { Incident } from '../../shared/incident';
import { errorMessage } from '../../shared/result';
import { hubLinkHosts, startDesktopHub } from './desktop-hub';
import { openDisplayWalls } from './desktop-extras';
import { printToPdfRenderer, saveWallPng } from './desktop-print';
import type { HostContext } from './host-context';
import { showWindow, openWindow } from './host-windows';
import { forwardEvents, serveInvoke } from './ipc';
import { alertWantsSound, incidentAlertFilter, p1AlertContent } from './p1-alerts';

/**
 * Boots this computer's own hub (the same hub as `earshot serve`) in the main process and opens its wall:
 * IPC to the app page, its events forwarded (P1 alerts for the desktop role), the kiosk displays.
 * False (after telling the user) when the hub cannot start.
 */
export async function startOwnHub(context: HostContext): Promise<boolean> {
  const { electron, state, options, paths, logger } = context;
  const { app, dialog, ipcMain } = electron;
  try {
    state.hub = await startDesktopHub({
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
    return false;
  }
  const hub = state.hub;
  state.hubStopped = false;
  state.linkHosts = hubLinkHosts(hub);
  // Alerts for the desktop user's role (supervisors P1/P2, staff P1, executives none), unless do-not-disturb.
  const desktopRole = hub.core.api.sessionActor('desktop').role;
  const toAlert = incidentAlertFilter(() => ({ role: desktopRole, doNotDisturb: state.doNotDisturb }));
  state.unwire.push(
    serveInvoke(ipcMain, hub.core),
    forwardEvents(
      hub.core,
      () => state.window,
      (event) => {
        if (event.name === 'incidents:changed') alertIncidents(context, toAlert(event.payload.incidents));
      },
    ),
  );
  state.window = openWindow(context);
  if (state.prefs !== null) {
    state.walls = openDisplayWalls({ electron, core: hub.core, preload: paths.preload, prefs: state.prefs, logger });
  }
  return true;
}

/** Stops the own hub (flush, close the database) and undoes its wiring; its windows are the caller's. */
export async function stopOwnHub(context: HostContext): Promise<void> {
  const { state, logger } = context;
  for (const undo of state.unwire.splice(0)) undo();
  state.walls?.closeAll();
  state.walls = null;
  try {
    await state.hub?.stop();
  } catch (error) {
    logger.error({ error: String(error) }, 'hub did not stop cleanly');
  }
  state.hub = null;
  state.hubStopped = true;
  state.linkHosts = [];
}

/** Saves a PNG of the wall window. */
export async function savePng(context: HostContext): Promise<void> {
  const { state, electron, logger } = context;
  if (!state.window || state.window.isDestroyed()) return;
  try {
    await saveWallPng(electron, state.window, Date.now(), logger);
  } catch (error) {
    electron.dialog.showErrorBox('Could not save the PNG', errorMessage(error));
  }
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
