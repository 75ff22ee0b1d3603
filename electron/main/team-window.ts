import type { Logger } from '../core';
import type { HostWindow, TeamHubSession, WindowApis } from './electron-apis';

/**
 * The team hub window's session partition. Not `persist:`: its cookies and cache live in memory and end with
 * the app, and the default session (the own hub's app:// window) never carries the token.
 */
export const TEAM_HUB_PARTITION = 'earshot-team-hub';

/** Whether `url` is on the hub's origin, or is its WebSocket (`wss://` for an `https://` hub). */
export function isOnHubOrigin(url: string, origin: string): boolean {
  try {
    const parsed = new URL(url);
    const hub = new URL(origin);
    const scheme = parsed.protocol === 'wss:' ? 'https:' : parsed.protocol === 'ws:' ? 'http:' : parsed.protocol;
    return scheme === hub.protocol && parsed.host === hub.host;
  } catch {
    return false;
  }
}

/** The webRequest filter patterns of the hub's pages, API and WebSocket. */
export function hubUrlPatterns(origin: string): string[] {
  const ws = origin.replace(/^http/, 'ws');
  return [`${origin}/*`, `${ws}/*`];
}

/**
 * Sends the personal token as `Authorization: Bearer` on every request of the window's session to the hub's
 * origin (pages, /api, the /ws upgrade), as the browser wall sends its session: the page never sees the token,
 * and a request to any other origin never carries it (checked again here, beyond the filter's patterns).
 */
export function attachHubToken(session: TeamHubSession, origin: string, token: string): void {
  session.webRequest.onBeforeSendHeaders({ urls: hubUrlPatterns(origin) }, (details, callback) => {
    const headers = Object.fromEntries(
      Object.entries(details.requestHeaders).filter(([name]) => name.toLowerCase() !== 'authorization'),
    );
    if (isOnHubOrigin(details.url, origin)) headers.Authorization = `Bearer ${token}`;
    callback({ requestHeaders: headers });
  });
}

/** Removes the token hook (back to the own hub). */
export function detachHubToken(session: TeamHubSession): void {
  session.webRequest.onBeforeSendHeaders({ urls: [] }, null);
}

/**
 * The team hub's wall: the hub's own page (the renderer the hub serves, with the WebSocket transport the
 * browser wall uses) in an isolated, sandboxed window with no Node and no preload, so no IPC bridge exists in
 * it, in the team hub partition. As with the main window, the preferences are written out here in full.
 */
export function createTeamHubWindow(
  { BrowserWindow }: Pick<WindowApis, 'BrowserWindow'>,
  origin: string,
  logger: Logger,
): HostWindow {
  const window = new BrowserWindow({
    width: 1600,
    height: 1000,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: `Earshot · ${new URL(origin).host}`,
    backgroundColor: '#0b0f14',
    webPreferences: {
      partition: TEAM_HUB_PARTITION,
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
    },
  });
  window.once('ready-to-show', () => window.show());
  window
    .loadURL(`${origin}/`)
    .catch((error: unknown) => logger.error({ error: String(error), origin }, 'cannot load the team hub'));
  return window;
}
