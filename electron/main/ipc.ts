import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { IPC_EVENT, IPC_INVOKE, type HubEvent } from '../../shared/contract';
import { type Core } from '../core';
import type { HostWindow } from './electron-apis';
import { guardedInvoke, type SenderInfo } from './ipc-guard';

/** Who sent an IPC message: its frame's URL and whether it is top-level; null when the frame is gone. */
export function senderOf(event: IpcMainInvokeEvent): SenderInfo | null {
  const frame = event.senderFrame;
  if (!frame || frame.isDestroyed()) return null;
  return { url: frame.url, isMainFrame: frame.parent === null };
}

/**
 * Serves the contract's commands on IPC_INVOKE, to the app's own page only, as the desktop session's actor.
 * Returns the unregister function.
 */
export function serveInvoke(ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>, core: Core): () => void {
  const actor = core.api.sessionActor('desktop');
  ipcMain.handle(IPC_INVOKE, (event, name: unknown, payload: unknown) =>
    guardedInvoke((n, p) => core.api.dispatch(n, p, actor), senderOf(event), name, payload),
  );
  return () => ipcMain.removeHandler(IPC_INVOKE);
}

/** Forwards every hub event to the window (when it exists) on IPC_EVENT, and to `also`. */
export function forwardEvents(
  core: Core,
  window: () => Pick<HostWindow, 'isDestroyed' | 'webContents'> | null,
  also: (event: HubEvent) => void,
): () => void {
  return core.events.subscribe((event) => {
    const target = window();
    if (target && !target.isDestroyed() && !target.webContents.isDestroyed()) target.webContents.send(IPC_EVENT, event);
    also(event);
  });
}
