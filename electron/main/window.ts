import { BrowserWindow, shell, type Session, type WebContents } from 'electron';
import { type Logger } from '../core';
import { isAllowedExternalUrl, isPermissionAllowed, secureWebPreferences, withCsp } from './security';

/** Where the built app lives, relative to the bundled main process. */
export interface AppPaths {
  readonly preload: string;
  readonly index: string;
}

/** Applies the CSP header to every response and denies permission requests (except clipboard writes). */
export function hardenSession(session: Session): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withCsp(details.responseHeaders) });
  });
  session.setPermissionRequestHandler((_contents, permission, callback) => callback(isPermissionAllowed(permission)));
  session.setPermissionCheckHandler((_contents, permission) => isPermissionAllowed(permission));
}

/**
 * Locks down any web contents: no navigation, redirects, webviews or new windows. An allow-listed https link
 * (a post on a known site or a configured instance/feed) opens in the OS browser instead.
 */
export function lockDownContents(contents: WebContents, linkHosts: () => ReadonlyArray<string>, logger: Logger): void {
  const openOutside = (url: string): void => {
    if (!isAllowedExternalUrl(url, linkHosts())) {
      logger.warn({ url: url.slice(0, 200) }, 'blocked a link to a host outside the allow-list');
      return;
    }
    shell.openExternal(url).catch((error: unknown) => logger.warn({ error: String(error) }, 'could not open link'));
  };
  contents.on('will-navigate', (event, url) => {
    event.preventDefault();
    openOutside(url);
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openOutside(url);
    return { action: 'deny' };
  });
}

/** The wall's window: secure preferences, the preload bridge, the built renderer from disk. */
export function createMainWindow(paths: AppPaths, logger: Logger): BrowserWindow {
  const window = new BrowserWindow({
    width: 1600,
    height: 1000,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Earshot',
    backgroundColor: '#0b0f14',
    webPreferences: secureWebPreferences(paths.preload),
  });
  window.once('ready-to-show', () => window.show());
  window
    .loadFile(paths.index)
    .catch((error: unknown) => logger.error({ error: String(error) }, 'cannot load the wall'));
  return window;
}
