// The Electron host: runs the same hub as `earshot serve` inside the main process and shows the wall in a
// locked-down window. Logic lives in pure modules (security, ipc-guard, p1-alerts, host-args, vaults).
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Notification, protocol, safeStorage, session, type Tray } from 'electron';
import type { Incident } from '../../shared/incident';
import { parseSourceConfig, bootHub, type Hub, createLogger } from '../core';
import { APP_SCHEME, APP_SCHEME_PRIVILEGES, appProtocolHandler } from './app-protocol';
import { parseHostArgs } from './host-args';
import { forwardEvents, serveInvoke } from './ipc';
import { p1AlertContent, p1AlertFilter } from './p1-alerts';
import { safeStorageVault } from './safe-storage-vault';
import { configuredLinkHosts } from './security';
import { createTray } from './tray';
import { createMainWindow, hardenSession, lockDownContents, type AppPaths } from './window';
import { errorMessage } from '../../shared/result';

const logger = createLogger().child({ module: 'electron-main' });
// The bundle is dist/electron/main.cjs: the preload sits beside it, the renderer in dist/renderer.
const paths: AppPaths = {
  preload: join(__dirname, 'preload.cjs'),
  renderer: join(__dirname, '..', 'renderer'),
};

let hub: Hub | null = null;
let mainWindow: BrowserWindow | null = null;
let tray: Tray | null = null;
let quitting = false;
let stopping = false;
let hubStopped = false;
let linkHosts: ReadonlyArray<string> = [];

app.enableSandbox();
// Before `ready`: the renderer is served from app://earshot/ (a standard, secure origin), never from file://.
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
// One data folder whether run from source (name "earshot") or packaged (productName "Earshot").
app.setPath('userData', join(app.getPath('appData'), 'Earshot'));

function showWindow(): void {
  if (!mainWindow || mainWindow.isDestroyed()) mainWindow = openWindow();
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
}

function openWindow(): BrowserWindow {
  const window = createMainWindow(paths, logger);
  // Closing the window hides it: the hub keeps listening and alerting from the tray until Quit.
  window.on('close', (event) => {
    if (quitting) return;
    event.preventDefault();
    window.hide();
  });
  return window;
}

function alertP1(incidents: ReadonlyArray<Incident>): void {
  if (!Notification.isSupported()) return;
  for (const incident of incidents) {
    const notification = new Notification({ ...p1AlertContent(incident), urgency: 'critical' });
    notification.on('click', showWindow);
    notification.show();
  }
}

async function startHub(): Promise<Hub> {
  const args = parseHostArgs(process.argv, process.env);
  if (typeof args === 'string') throw new Error(args);
  const dataDir = app.getPath('userData');
  const configPath = args.configPath ?? (await existingFile(join(dataDir, 'config.json')));
  const vault = safeStorageVault(join(dataDir, 'credentials.json'), safeStorage, {
    onProblem: (message) => logger.warn(message),
  });
  return bootHub({ ...args, ...(configPath ? { configPath } : {}), dataDir, vault, logger });
}

/** The path when a file is there: the desktop app reads `<userData>/config.json` unless told otherwise. */
async function existingFile(path: string): Promise<string | undefined> {
  try {
    await access(path);
    return path;
  } catch {
    return undefined;
  }
}

/** A source entry with its schema's defaults applied (Mastodon's default instance has no entry of its own). */
function withDefaults(entry: unknown): unknown {
  const parsed = parseSourceConfig(entry);
  return parsed.ok ? parsed.value.config : entry;
}

async function start(): Promise<void> {
  await app.whenReady();
  hardenSession(session.defaultSession);
  protocol.handle(APP_SCHEME, appProtocolHandler(paths.renderer));
  try {
    hub = await startHub();
  } catch (error) {
    dialog.showErrorBox('Earshot could not start', errorMessage(error));
    hubStopped = true;
    app.exit(1);
    return;
  }
  const started = hub;
  linkHosts = configuredLinkHosts(started.config.sources.map(withDefaults));
  serveInvoke(ipcMain, started.core);
  const newP1 = p1AlertFilter();
  forwardEvents(
    started.core,
    () => mainWindow,
    (event) => {
      if (event.name === 'incidents:changed') alertP1(newP1(event.payload.incidents));
    },
  );
  mainWindow = openWindow();
  tray = createTray({ open: showWindow, quit: () => app.quit() });
}

async function stopHub(): Promise<void> {
  try {
    await hub?.stop();
  } catch (error) {
    logger.error({ error: String(error) }, 'hub did not stop cleanly');
  }
  hubStopped = true;
  tray?.destroy();
  app.quit();
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => hub && showWindow());
  app.on('web-contents-created', (_event, contents) => lockDownContents(contents, () => linkHosts, logger));
  app.on('activate', () => hub && showWindow());
  app.on('before-quit', () => {
    quitting = true;
  });
  // Keep running in the tray when the last window closes (the window only hides, but be explicit).
  app.on('window-all-closed', () => undefined);
  // Stop the hub (flush, close the database) before the process ends.
  app.on('will-quit', (event) => {
    if (hubStopped || !hub) return;
    event.preventDefault();
    if (stopping) return;
    stopping = true;
    void stopHub();
  });
  start().catch((error: unknown) => {
    logger.fatal({ error: String(error) }, 'Electron host failed');
    app.exit(1);
  });
}
