import type { WebPreferences } from 'electron';
import type { Logger } from '../core';
import { APP_INDEX_URL, isAppPage } from './app-protocol';
import type { HardenableSession, HostWindow, LockableContents, WindowApis } from './electron-apis';
import { isAllowedExternalUrl, isPermissionAllowed, withCsp } from './security';
import { isOnHubOrigin } from './team-window';

/** Where the built app lives, relative to the bundled main process. */
export interface AppPaths {
  readonly preload: string;
  /** The built renderer folder, served as app://earshot/. */
  readonly renderer: string;
}

/** Applies the CSP header to every response and denies permission requests (except clipboard writes). */
export function hardenSession(session: HardenableSession): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withCsp(details.responseHeaders) });
  });
  session.setPermissionRequestHandler((_contents, permission, callback) => callback(isPermissionAllowed(permission)));
  session.setPermissionCheckHandler((_contents, permission) => isPermissionAllowed(permission));
}

/** What happens when a page tries to go to `url`: stay (the app's own page), the OS browser, or nothing. */
export type NavigationDecision = 'stay' | 'open-outside' | 'block';

/**
 * The navigation allow-list: the app's page may reload itself (or, connected to a team hub, any page of that
 * hub's origin, and nothing else); allow-listed https links open outside.
 */
export function navigationDecision(
  url: string,
  linkHosts: ReadonlyArray<string>,
  hubOrigin: string | null = null,
): NavigationDecision {
  if (hubOrigin === null ? isAppPage(url) : isOnHubOrigin(url, hubOrigin)) return 'stay';
  return isAllowedExternalUrl(url, linkHosts) ? 'open-outside' : 'block';
}

/** Makes a webview's preferences safe, in case one is ever attached despite `webviewTag: false`. */
function neuterWebview(preferences: WebPreferences, params: Record<string, string>): void {
  delete preferences.preload;
  preferences.nodeIntegration = false;
  preferences.nodeIntegrationInSubFrames = false;
  preferences.contextIsolation = true;
  preferences.sandbox = true;
  preferences.webSecurity = true;
  delete params.allowpopups;
}

/**
 * Locks down any web contents: navigation only to the app's own page (or the team hub's origin, when
 * `hubOrigin` names one), no redirects, no webviews, no new windows. An allow-listed https link (a post on a
 * known site or a configured instance/feed) opens in the OS browser.
 */
export function lockDownContents(
  { shell }: Pick<WindowApis, 'shell'>,
  contents: LockableContents,
  linkHosts: () => ReadonlyArray<string>,
  logger: Logger,
  hubOrigin: () => string | null = () => null,
): void {
  const openOutside = (url: string): void => {
    if (navigationDecision(url, linkHosts(), hubOrigin()) !== 'open-outside') {
      logger.warn({ url: url.slice(0, 200) }, 'blocked a link to a host outside the allow-list');
      return;
    }
    shell.openExternal(url).catch((error: unknown) => logger.warn({ error: String(error) }, 'could not open link'));
  };
  contents.on('will-navigate', (event, url) => {
    if (navigationDecision(url, linkHosts(), hubOrigin()) === 'stay') return;
    event.preventDefault();
    openOutside(url);
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event, webPreferences, params) => {
    neuterWebview(webPreferences, params);
    event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    openOutside(url);
    return { action: 'deny' };
  });
}

/**
 * The wall's window: the built renderer from app://earshot/, an isolated, sandboxed page with no Node, no
 * webviews and the preload bridge. The preferences are written out here (not built elsewhere) so that a
 * reader, and Electronegativity's static analysis, see exactly what the window gets.
 */
export function createMainWindow(
  { BrowserWindow }: Pick<WindowApis, 'BrowserWindow'>,
  paths: AppPaths,
  logger: Logger,
): HostWindow {
  const window = new BrowserWindow({
    width: 1600,
    height: 1000,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Earshot',
    backgroundColor: '#0b0f14',
    webPreferences: {
      preload: paths.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      // Middle-click would ask for a new window; the window-open handler denies it anyway.
      disableBlinkFeatures: 'Auxclick',
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
    },
  });
  window.once('ready-to-show', () => window.show());
  window
    .loadURL(APP_INDEX_URL)
    .catch((error: unknown) => logger.error({ error: String(error) }, 'cannot load the wall'));
  return window;
}
