import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import type { Snapshot } from '../../../../shared/contract';
import type { SocketFactory } from '../../../../renderer/transport/websocket-transport';

/** Adapts the `ws` package's client to the transport's socket interface (what the browser adapter does in the wall). */
export const openNodeSocket: SocketFactory = (url, handlers) => {
  const ws = new WebSocket(url);
  let closed = false;
  const closeOnce = (reason: string): void => {
    if (closed) return;
    closed = true;
    handlers.onClose(reason);
  };
  ws.on('open', () => handlers.onOpen());
  ws.on('message', (data) => handlers.onMessage(data.toString()));
  ws.on('error', (e) => closeOnce(e.message));
  ws.on('close', (code) => closeOnce(`closed (${code})`));
  return { send: (d) => ws.send(d), close: () => ws.close() };
};

type Answer = (name: string, payload: unknown) => unknown;

/**
 * A loopback hub speaking the real /ws wire format: snapshot on connect, request/response frames,
 * pushed events. `answer` returns the wire result for a request, or undefined to stay silent.
 */
export class FakeHub {
  private readonly server: Server = createServer();
  private readonly wss = new WebSocketServer({ server: this.server, path: '/ws' });
  readonly requests: Array<{ name: string; payload: unknown }> = [];
  connections = 0;

  constructor(
    private snapshot: () => Snapshot,
    private readonly answer: Answer,
  ) {
    this.wss.on('connection', (ws) => {
      this.connections += 1;
      ws.send(JSON.stringify({ type: 'event', event: { name: 'snapshot', payload: this.snapshot() } }));
      ws.on('message', (data) => {
        const frame = JSON.parse(data.toString()) as { id: number; name: string; payload: unknown };
        this.requests.push({ name: frame.name, payload: frame.payload });
        const result = this.answer(frame.name, frame.payload);
        if (result !== undefined) ws.send(JSON.stringify({ type: 'response', id: frame.id, result }));
      });
    });
  }

  /** Starts listening on a free loopback port; resolves to the /ws URL. */
  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `ws://127.0.0.1:${(this.server.address() as AddressInfo).port}/ws`;
  }

  setSnapshot(snapshot: () => Snapshot): void {
    this.snapshot = snapshot;
  }

  /** Sends a raw text frame to every client. */
  sendRaw(text: string): void {
    for (const ws of this.wss.clients) ws.send(text);
  }

  /** Pushes an event frame to every client. */
  push(event: unknown): void {
    this.sendRaw(JSON.stringify({ type: 'event', event }));
  }

  /** Drops every client abruptly, as a crashed or restarted hub would. */
  dropClients(): void {
    for (const ws of this.wss.clients) ws.terminate();
  }

  async close(): Promise<void> {
    this.dropClients();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
