import type { EarshotBridge } from '../../shared/bridge';
import { BRIDGE_GLOBAL } from '../../shared/bridge';
import { openBrowserSocket, sameOriginSocketUrl } from './browser-socket';
import { IpcTransport } from './ipc-transport';
import type { Transport } from './transport';
import { WebSocketTransport } from './websocket-transport';

const looksLikeBridge = (value: unknown): value is EarshotBridge =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as { invoke?: unknown }).invoke === 'function' &&
  typeof (value as { onEvent?: unknown }).onEvent === 'function';

/** IPC when the Electron preload exposed its bridge, else WebSocket to the page's own origin. */
export function pickTransport(win: Window): Transport {
  const bridge: unknown = Reflect.get(win, BRIDGE_GLOBAL);
  if (looksLikeBridge(bridge)) return new IpcTransport(bridge);
  return new WebSocketTransport({ url: sameOriginSocketUrl(win.location), open: openBrowserSocket });
}
