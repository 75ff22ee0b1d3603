import type { IncomingMessage } from 'node:http';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import { WireRequestSchema, type HubEvent, type WireFromHub } from '../../shared/contract';
import { appError, err } from '../../shared/result';
import type { Actor } from '../../shared/workflow';
import { commandCost, type Core, type Logger } from '../core';
import { createCommandGate, DEFAULT_WS_LIMITS, type CommandGate, type WsLimits } from './ws-limits';

/** Largest frame a client may send; a larger one is a protocol error (close 1009) for that client only. */
export const MAX_CLIENT_FRAME_BYTES = 256 * 1024;

/** Tuning for tests: limits and the monotonic clock (ms) the rate limits run on. */
export interface WsBridgeOptions {
  readonly limits?: Partial<WsLimits>;
  readonly now?: () => number;
}

/** The bridge: its server (fed by the host's upgrade handler) and a way to stop it. */
export interface WsBridge {
  readonly wss: WebSocketServer;
  close(): Promise<void>;
}

/** Who a connection is, decided when it was opened (see the host's upgrade handler). */
export interface ConnectionSession {
  readonly actor: Actor;
  /** For a signed-in user: whether their session or token still holds (checked again at most every 10 s). */
  readonly stillValid?: () => Promise<boolean>;
}

/** How often a signed-in connection's credential is checked again. */
const RECHECK_MS = 10_000;

interface Client {
  readonly ws: WebSocket;
  readonly gate: CommandGate;
  readonly remote: string | undefined;
  /** Who this connection acts as: every command it sends is authorized and audited as them. */
  readonly actor: Actor;
  /** Resolves false once the connection's credential was revoked or expired (then the connection is closed). */
  readonly valid: () => Promise<boolean>;
}

/** What every connection of one bridge shares. */
interface Context {
  readonly core: Core;
  readonly logger: Logger;
  readonly limits: WsLimits;
  readonly now: () => number;
}

const RATE_LIMITED = err(appError('rate-limited', 'rate limited: too many commands, slow down.'));

/**
 * Carries the contract over WebSocket: snapshot on connect, request/response, then batched events.
 * Every client is on its own: a bad frame closes that client (ws answers 1002/1007/1009), a flood of commands
 * is throttled and then closed (1008), a reader too slow for the events is dropped; the hub stays up.
 */
export function createWsBridge(core: Core, logger: Logger, options: WsBridgeOptions = {}): WsBridge {
  const ctx: Context = {
    core,
    logger,
    limits: { ...DEFAULT_WS_LIMITS, ...options.limits },
    now: options.now ?? (() => performance.now()),
  };
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_CLIENT_FRAME_BYTES });
  wss.on('error', (error) => logger.error({ err: error }, 'websocket server error'));
  const unsubscribe = core.events.subscribe((event: HubEvent) => {
    const text = JSON.stringify({ type: 'event', event } satisfies WireFromHub);
    for (const ws of wss.clients) sendText(ctx, ws, text);
  });
  wss.on('connection', (ws: WebSocket, req: IncomingMessage, session?: ConnectionSession) =>
    onConnection(ctx, ws, req, session),
  );
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

/** Sends unless the client is gone; a client with more than the bound still unsent is dropped instead. */
function sendText(ctx: Context, ws: WebSocket, text: string): void {
  if (ws.readyState !== WebSocket.OPEN) return;
  if (ws.bufferedAmount > ctx.limits.maxBufferedBytes) {
    ctx.logger.warn({ buffered: ws.bufferedAmount }, 'wall too slow to read its events; dropped');
    ws.terminate();
    return;
  }
  ws.send(text);
}

const send = (ctx: Context, ws: WebSocket, frame: WireFromHub): void => sendText(ctx, ws, JSON.stringify(frame));

function onConnection(ctx: Context, ws: WebSocket, req: IncomingMessage, session?: ConnectionSession): void {
  const remote = req.socket.remoteAddress;
  // Without this listener a protocol error (ws closes the client itself) would be thrown and end the hub.
  ws.on('error', (error) => ctx.logger.warn({ remote, code: errorCode(error), reason: error.message }, 'bad frame'));
  ctx.logger.debug({ remote }, 'wall connected');
  const gate = createCommandGate(ctx.limits, ctx.now);
  ws.on('close', () => gate.close());
  void ctx.core.api.invoke('snapshot:get', {}).then((result) => {
    if (result.ok) send(ctx, ws, { type: 'event', event: { name: 'snapshot', payload: result.value } as HubEvent });
  });
  const actor = session?.actor ?? ctx.core.api.sessionActor(`web ${remote ?? 'unknown'}`);
  const valid = recheck(ctx, session?.stillValid);
  ws.on('message', (data) => onMessage(ctx, { ws, gate, remote, actor, valid }, data));
}

/** A credential check cached for RECHECK_MS: a revoked session stops within that time, without a lookup per command. */
function recheck(ctx: Context, stillValid: (() => Promise<boolean>) | undefined): () => Promise<boolean> {
  if (stillValid === undefined) return async () => true;
  let checkedAt = ctx.now();
  let last: Promise<boolean> = Promise.resolve(true);
  return () => {
    if (ctx.now() - checkedAt >= RECHECK_MS) {
      checkedAt = ctx.now();
      last = stillValid().catch(() => false);
    }
    return last;
  };
}

function onMessage(ctx: Context, { ws, gate, remote, actor, valid }: Client, data: RawData): void {
  if (ws.readyState !== WebSocket.OPEN) return;
  let parsed: unknown;
  try {
    parsed = JSON.parse(rawText(data));
  } catch {
    ws.close(1007, 'frames must be JSON');
    return;
  }
  const request = WireRequestSchema.safeParse(parsed);
  const id = request.success ? request.data.id : -1;
  const cost = request.success ? commandCost(request.data.name, request.data.payload) : 1;
  const admission = gate.submit(cost, async () => {
    if (!(await valid())) {
      ws.close(4401, 'signed out: session ended or revoked');
      return;
    }
    const result = request.success
      ? await ctx.core.api.dispatch(request.data.name, request.data.payload, actor)
      : err(appError('invalid-frame', 'Not a request frame.'));
    send(ctx, ws, { type: 'response', id, result });
  });
  if (admission === 'limited') send(ctx, ws, { type: 'response', id, result: RATE_LIMITED });
  if (admission === 'flood') {
    ctx.logger.warn({ remote }, 'wall flooded the hub with commands; closed');
    ws.close(1008, 'too many commands');
  }
}

function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return (Buffer.isBuffer(data) ? data : Buffer.from(data)).toString('utf8');
}

function errorCode(error: Error): string | undefined {
  return 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}
