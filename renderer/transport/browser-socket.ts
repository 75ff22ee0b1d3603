import { explainRefusal } from './session-probe';
import type { SocketFactory } from './websocket-transport';

/**
 * Adapts the browser's WebSocket to the transport's socket interface. The session cookie rides on the same-origin
 * upgrade by itself; a socket refused before it opened asks the hub whether the page is signed in.
 */
export const openBrowserSocket: SocketFactory = (url, handlers) => {
  const ws = new WebSocket(url);
  let opened = false;
  let closed = false;
  const closeOnce = (reason: string): void => {
    if (closed) return;
    closed = true;
    handlers.onClose(reason);
  };
  ws.onopen = () => {
    opened = true;
    handlers.onOpen();
  };
  ws.onmessage = (ev: MessageEvent) => {
    if (typeof ev.data === 'string') handlers.onMessage(ev.data);
  };
  ws.onerror = () => {
    if (opened) closeOnce('Cannot reach the hub.');
  };
  ws.onclose = (ev: CloseEvent) => {
    if (!opened) {
      void explainRefusal((u, init) => fetch(u, init)).then((why) => closeOnce(why ?? 'Cannot reach the hub.'));
      return;
    }
    closeOnce(ev.reason !== '' ? ev.reason : `The hub closed the connection (${ev.code}).`);
  };
  return {
    send: (data) => ws.send(data),
    close: () => ws.close(),
  };
};

/** The hub's WebSocket URL for a page served by the headless host: same origin, path /ws. */
export function sameOriginSocketUrl(location: Location): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/ws`;
}
