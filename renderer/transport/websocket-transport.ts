import { z } from 'zod';
import type { CommandName, CommandRequest, CommandResponse } from '../../shared/contract';
import { appError, err, type Result } from '../../shared/result';
import { DEFAULT_RECONNECT, reconnectDelay, type ReconnectPolicy } from './backoff';
import type { Transport, TransportSink } from './transport';
import { EdgeQueue, type EdgeSlicing } from './edge-queue';
import { checkWireResult } from './validate';

/** Callbacks a socket adapter drives. */
export interface SocketHandlers {
  onOpen(): void;
  onMessage(data: string): void;
  onClose(reason: string): void;
}

/** The little of a WebSocket the transport needs; adapters wrap the browser's or the `ws` package's. */
export interface SocketLike {
  send(data: string): void;
  close(): void;
}

/** Opens a socket to `url` that reports through `handlers`. */
export type SocketFactory = (url: string, handlers: SocketHandlers) => SocketLike;

/** Options for the WebSocket transport. */
export interface WebSocketTransportOptions {
  readonly url: string;
  readonly open: SocketFactory;
  readonly backoff?: ReconnectPolicy;
  readonly requestTimeoutMs?: number;
  /** After this many failed attempts in a row the link shows as offline (it keeps retrying). */
  readonly offlineAfter?: number;
  readonly random?: () => number;
  /** How incoming events are validated in time slices (default: ~6 ms slices). */
  readonly slicing?: EdgeSlicing;
}

const FrameSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('response'), id: z.number().int(), result: z.unknown() }),
  z.object({ type: z.literal('event'), event: z.unknown() }),
]);

interface Pending {
  readonly settle: (raw: Result<unknown>) => void;
  readonly timer: ReturnType<typeof setTimeout>;
}

/** The contract over `/ws`: request/response frames with ids, pushed events, reconnect with backoff. */
export class WebSocketTransport implements Transport {
  readonly kind = 'websocket' as const;
  private socket: SocketLike | null = null;
  private connected = false;
  private stopped = true;
  private attempt = 0;
  private nextId = 1;
  private sink: TransportSink | null = null;
  private edge: EdgeQueue | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly pending = new Map<number, Pending>();

  constructor(private readonly options: WebSocketTransportOptions) {}

  start(sink: TransportSink): void {
    this.sink = sink;
    this.edge = new EdgeQueue(sink, this.options.slicing);
    this.stopped = false;
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    this.socket?.close();
    this.socket = null;
    this.edge?.clear();
    this.failPending('stopped', 'the connection was closed');
  }

  async invoke<N extends CommandName>(name: N, request: CommandRequest<N>): Promise<Result<CommandResponse<N>>> {
    const raw = await this.request(name, request);
    return raw.ok ? checkWireResult(name, raw.value) : raw;
  }

  /** Sends one request frame; resolves to the raw wire result (ok wrapper) or a transport error. */
  private request(name: string, payload: unknown): Promise<Result<unknown>> {
    const socket = this.socket;
    if (!this.connected || socket === null) {
      return Promise.resolve(err(appError('offline', 'Not connected to the hub. Retrying…')));
    }
    const id = this.nextId++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        resolve(err(appError('timeout', `The hub did not answer "${name}" in time.`)));
      }, this.options.requestTimeoutMs ?? 10_000);
      this.pending.set(id, { settle: resolve, timer });
      socket.send(JSON.stringify({ type: 'request', id, name, payload }));
    });
  }

  private connect(): void {
    if (this.stopped) return;
    this.socket = this.options.open(this.options.url, {
      onOpen: () => this.onOpen(),
      onMessage: (data) => this.onMessage(data),
      onClose: (reason) => this.onClose(reason),
    });
  }

  private onOpen(): void {
    this.connected = true;
    this.attempt = 0;
    this.sink?.link({ status: 'connected', attempt: 0, lastError: null });
  }

  private onMessage(data: string): void {
    const frame = parseFrame(data);
    if (frame === null) return this.sink?.invalid('malformed frame');
    if (frame.type === 'response') {
      const pending = this.pending.get(frame.id);
      if (pending === undefined) return;
      this.pending.delete(frame.id);
      clearTimeout(pending.timer);
      pending.settle({ ok: true, value: frame.result });
      return;
    }
    this.edge?.push(frame.event);
  }

  private onClose(reason: string): void {
    this.connected = false;
    this.socket = null;
    this.failPending('disconnected', 'The connection to the hub was lost.');
    if (this.stopped) return;
    this.attempt += 1;
    const offline = this.attempt >= (this.options.offlineAfter ?? 5);
    this.sink?.link({ status: offline ? 'offline' : 'reconnecting', attempt: this.attempt, lastError: reason });
    const delay = reconnectDelay(
      this.attempt,
      this.options.backoff ?? DEFAULT_RECONNECT,
      (this.options.random ?? Math.random)(),
    );
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.connect();
    }, delay);
  }

  private failPending(code: string, message: string): void {
    for (const p of this.pending.values()) {
      clearTimeout(p.timer);
      p.settle(err(appError(code, message)));
    }
    this.pending.clear();
  }
}

function parseFrame(data: string): z.infer<typeof FrameSchema> | null {
  try {
    const parsed = FrameSchema.safeParse(JSON.parse(data));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
