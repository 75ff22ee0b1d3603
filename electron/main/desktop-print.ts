import { writeFile } from 'node:fs/promises';
import { appError, err, errorMessage, ok } from '../../shared/result';
import type { Logger, PdfRenderer } from '../core';
import type { DesktopElectronApis, HostWindow, WindowApis } from './electron-apis';

/**
 * The desktop app's PDF route for post-mortems: the hub's HTML loaded in a hidden window with JavaScript off,
 * no preload and the sandbox, printed with `webContents.printToPDF`, then closed. The document carries its own
 * CSP (no script, no fetch); the window is locked down like every other (web-contents-created).
 */
export function printToPdfRenderer({ BrowserWindow }: Pick<WindowApis, 'BrowserWindow'>, logger: Logger): PdfRenderer {
  return async (html) => {
    const window = new BrowserWindow({
      show: false,
      width: 900,
      height: 1200,
      webPreferences: {
        javascript: false,
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        webviewTag: false,
        experimentalFeatures: false,
        // Script is off, so no middle-click handler could open a window; off like the other windows regardless.
        disableBlinkFeatures: 'Auxclick',
        navigateOnDragDrop: false,
        safeDialogs: true,
        spellcheck: false,
      },
    });
    try {
      await window.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(html)}`);
      const pdf = await window.webContents.printToPDF({ pageSize: 'A4', printBackground: true });
      return ok(new Uint8Array(pdf));
    } catch (error) {
      logger.warn({ error: errorMessage(error) }, 'printToPDF failed');
      return err(appError('internal', `PDF rendering failed: ${errorMessage(error)}`));
    } finally {
      if (!window.isDestroyed()) window.close();
    }
  };
}

const stamp = (t: number): string => new Date(t).toISOString().slice(0, 16).replace(/[-:T]/g, '');

/**
 * The desktop app's PNG of the wall (tray: "Save the wall as PNG…"): the OS-level `capturePage` of the window
 * as shown, saved where the user picks. Nothing is written when the dialog is cancelled.
 */
export async function saveWallPng(
  electron: Pick<DesktopElectronApis, 'dialog'>,
  window: HostWindow,
  now: number,
  logger: Logger,
): Promise<string | null> {
  const image = await window.webContents.capturePage();
  const choice = await electron.dialog.showSaveDialog({
    title: 'Save the wall as PNG',
    defaultPath: `earshot-wall-${stamp(now)}.png`,
    filters: [{ name: 'PNG image', extensions: ['png'] }],
  });
  if (choice.canceled || choice.filePath === undefined || choice.filePath === '') return null;
  await writeFile(choice.filePath, image.toPNG());
  logger.info({ path: choice.filePath }, 'saved a PNG of the wall');
  return choice.filePath;
}
