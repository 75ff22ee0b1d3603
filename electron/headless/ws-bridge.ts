import type { IncomingMessage } from 'node:http';
import { WebSocket, WebSocketServer } from 'ws';
import { WireRequestSchema, type HubEvent, type WireFromHub } from '../../shared/contract';
import { appError, err } from '../../shared/result';
import type { Core } from '../core/core-types';
import type { Logger } from '../core/runtime/logger';

/** A client that cannot keep up past this much unsent data is dropped; it reconnects and gets a fresh snapshot. */
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;

/** Carries the contract over WebSocket: snapshot on connect, request/response, then batched events. */
export function createWsBridge(core: Core, logger: Logger): { wss: WebSocketServer; close(): Promise<void> } {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 256 * 1024 });
  wss.on('error', (error) => logger.error({ err: error }, 'websocket server error'));
  const send = (ws: WebSocket, frame: WireFromHub): void => {
    if (ws.readyState !== WebSocket.OPEN) return;
    if (ws.bufferedAmount > MAX_BUFFERED_BYTES) {
      ws.close(1013, 'client too slow; reconnect for a snapshot');
      return;
    }
    ws.send(JSON.stringify(frame));
  };
  const broadcast = (event: HubEvent): void => {
    const frame = JSON.stringify({ type: 'event', event } satisfies WireFromHub);
    for (const ws of wss.clients) {
      if (ws.readyState !== WebSocket.OPEN) continue;
      if (ws.bufferedAmount > MAX_BUFFERED_BYTES) ws.close(1013, 'client too slow; reconnect for a snapshot');
      else ws.send(frame);
    }
  };
  const unsubscribe = core.events.subscribe(broadcast);

  wss.on('connection', (ws: WebSocket, req: IncomingMessage) => {
    const remote = req.socket.remoteAddress;
    // Without this listener a protocol error (ws closes the client itself) would be thrown and end the hub.
    ws.on('error', (error) => logger.warn({ remote, code: errorCode(error), reason: error.message }, 'bad frame'));
    logger.debug({ remote }, 'wall connected');
    void core.api.invoke('snapshot:get', {}).then((result) => {
      if (result.ok) send(ws, { type: 'event', event: { name: 'snapshot', payload: result.value } as HubEvent });
    });
    ws.on('message', (data) => void handleMessage(ws, data.toString()));
  });

  async function handleMessage(ws: WebSocket, text: string): Promise<void> {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      ws.close(1007, 'frames must be JSON');
      return;
    }
    const request = WireRequestSchema.safeParse(parsed);
    if (!request.success) {
      send(ws, { type: 'response', id: -1, result: err(appError('invalid-frame', 'Not a request frame.')) });
      return;
    }
    const { id, name, payload } = request.data;
    send(ws, { type: 'response', id, result: await core.api.invoke(name, payload) });
  }

  return {
    wss,
    close: () =>
      new Promise<void>((resolve) => {
        unsubscribe();
        for (const ws of wss.clients) ws.terminate();
        wss.close(() => resolve());
      }),
  };
}

function errorCode(error: Error): string | undefined {
  return 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}
