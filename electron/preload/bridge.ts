import type { EarshotBridge } from '../../shared/bridge';
import { eventSchemas, IPC_EVENT, IPC_INVOKE, isCommandName, type HubEvent } from '../../shared/contract';
import { appError, err, errorMessage, type Result } from '../../shared/result';
import { TEAM_HUB_CHANNEL, type TeamHubReply } from '../../shared/team-hub';

/** The two ipcRenderer calls the bridge needs; Electron's ipcRenderer satisfies it. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

const isResult = (value: unknown): value is Result<unknown> =>
  typeof value === 'object' && value !== null && typeof (value as { ok?: unknown }).ok === 'boolean';

const isHubEvent = (value: unknown): value is HubEvent => {
  if (typeof value !== 'object' || value === null) return false;
  const name = (value as { name?: unknown }).name;
  return typeof name === 'string' && Object.hasOwn(eventSchemas, name) && 'payload' in value;
};

/** Reports a listener's error without stopping the other listeners (ipcRenderer is an EventEmitter). */
const rethrowLater = (error: unknown): void => {
  queueMicrotask(() => {
    throw error;
  });
};

/**
 * What the preload exposes as `window.earshot`: contract commands only (unknown names never reach IPC) and hub
 * events only. Neither ipcRenderer nor the IPC event object (whose `sender` is ipcRenderer) ever leak out.
 */
export function createBridge(ipc: IpcRendererLike): EarshotBridge {
  return Object.freeze({
    async invoke(name: string, payload: unknown): Promise<Result<unknown>> {
      if (typeof name !== 'string' || !isCommandName(name)) {
        return err(appError('unknown-command', `Unknown command "${String(name).slice(0, 64)}".`));
      }
      try {
        const result = await ipc.invoke(IPC_INVOKE, name, payload);
        return isResult(result) ? result : err(appError('bad-response', `${name}: the hub sent no result.`));
      } catch (error) {
        return err(appError('ipc-failed', errorMessage(error, 'The hub did not answer.')));
      }
    },
    async connectTeamHub(url: string, token: string): Promise<TeamHubReply> {
      try {
        const result = await ipc.invoke(TEAM_HUB_CHANNEL, {
          action: 'connect',
          url: String(url),
          token: String(token),
        });
        return isResult(result)
          ? (result as TeamHubReply)
          : err(appError('bad-response', 'The app did not answer the connection request.'));
      } catch (error) {
        return err(appError('ipc-failed', errorMessage(error, 'The app did not answer.')));
      }
    },
    onEvent(listener: (event: HubEvent) => void): () => void {
      const forward = (_event: unknown, hubEvent: unknown): void => {
        if (!isHubEvent(hubEvent)) return;
        try {
          listener(hubEvent);
        } catch (error) {
          rethrowLater(error);
        }
      };
      ipc.on(IPC_EVENT, forward);
      return () => {
        ipc.removeListener(IPC_EVENT, forward);
      };
    },
  });
}
