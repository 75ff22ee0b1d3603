import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { WireFromHub, WireResponse } from '../../shared/contract';
import { silentLogger } from '../../electron/core/runtime/logger';
import { createWsBridge, type WsBridge } from '../../electron/headless/ws-bridge';
import { DEFAULT_WS_LIMITS } from '../../electron/headless/ws-limits';
import { startTestHub, TEST_INGEST_TOKEN, type TestHub } from '../helpers/headless-hub';
import { rawMention } from '../helpers/mentions';
import { clientFrame, openRawWebSocket } from '../helpers/raw-websocket';

/** Fault 13.2.6: one client's flood of heavy commands used to stall every other client and the ingest acks. */

let hub: TestHub;

beforeAll(async () => {
  hub = await startTestHub();
  const t0 = Date.UTC(2026, 0, 5, 8, 0);
  const seed = Array.from({ length: 1200 }, (_, i) => rawMention(i, t0 + i * 1000, { text: `post ${i} `.repeat(10) }));
  await hub.core.api.commit('seed', seed, null);
});

afterAll(async () => {
  await hub.close();
});

interface Client {
  readonly ws: WebSocket;
  readonly responses: WireResponse[];
  readonly closed: Promise<number>;
  ask(id: number, name: string, payload?: unknown): Promise<WireResponse>;
  send(id: number, name: string, payload?: unknown): void;
}

/** A real `ws` client, resolved once it has its snapshot. */
function connect(): Promise<Client> {
  const ws = new WebSocket(hub.wsUrl, { headers: hub.clientHeaders });
  const responses: WireResponse[] = [];
  const waiting = new Map<number, (r: WireResponse) => void>();
  const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
  const send = (id: number, name: string, payload: unknown = {}): void =>
    ws.send(JSON.stringify({ type: 'request', id, name, payload }));
  const client: Client = {
    ws,
    responses,
    closed,
    send,
    ask: (id, name, payload) =>
      new Promise((resolve) => {
        waiting.set(id, resolve);
        send(id, name, payload);
      }),
  };
  return new Promise((resolve, reject) => {
    ws.on('message', (data) => {
      const frame = JSON.parse(String(data)) as WireFromHub;
      if (frame.type === 'event' && frame.event.name === 'snapshot') resolve(client);
      if (frame.type !== 'response') return;
      responses.push(frame);
      waiting.get(frame.id)?.(frame);
    });
    ws.on('error', reject);
  });
}

const FLOOD = 2000;
const SLOW_READER_LIMIT = 256 * 1024;
/** What may sit unsent for one client: the limit plus the one answer that crossed it. */
const QUEUE_BOUND = SLOW_READER_LIMIT + 1024 * 1024;

describe('a client flooding commands', () => {
  it('is throttled, then dropped (1008), while another client and an ingest POST are served', async () => {
    const flooder = await connect();
    const other = await connect();
    const allAnswered = new Promise<'all answered'>((resolve) =>
      flooder.ws.on('message', () => flooder.responses.length === FLOOD && resolve('all answered')),
    );
    for (let id = 1; id <= FLOOD; id++) flooder.send(id, 'mentions:recent', { limit: 1000 });
    let flooderAnsweredBeforeOther = -1;
    const otherReplies = Promise.all([
      other.ask(1, 'status:get').then((r) => ((flooderAnsweredBeforeOther = flooder.responses.length), r)),
      other.ask(2, 'mentions:recent', { limit: 10 }),
      other.ask(3, 'incidents:list'),
    ]);
    const ack = fetch(`${hub.url}api/ingest/tickets`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_INGEST_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ externalId: 'during-flood', text: 'still heard', createdAt: Date.UTC(2026, 0, 5, 9) }),
    });

    const outcome = await Promise.race([flooder.closed, allAnswered]);
    expect(outcome).toBe(1008);
    const replies = await otherReplies;
    expect(replies.map((r) => r.result.ok)).toEqual([true, true, true]);
    expect(flooderAnsweredBeforeOther).toBeLessThan(FLOOD);
    const res = await ack;
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ accepted: 1 });

    const served = flooder.responses.filter((r) => r.result.ok).length;
    const limited = flooder.responses.filter((r) => !r.result.ok && r.result.error.code === 'rate-limited');
    expect(limited.length).toBeGreaterThan(0);
    expect(limited[0]?.result).toMatchObject({ ok: false, error: { message: expect.stringMatching(/rate limited/) } });
    // The bucket admits 50 units (5 of these 10-unit commands) plus its refill while the flood lasts.
    expect(served).toBeLessThan(50);
    expect(other.ws.readyState).toBe(WebSocket.OPEN);
    expect((await other.ask(4, 'mentions:recent', { limit: 1 })).result.ok).toBe(true);
    other.ws.close();
  });

  it('serves a wall that stays within the limits', async () => {
    const wall = await connect();
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) => wall.ask(i + 1, i % 2 ? 'status:get' : 'sources:list')),
    );
    expect(answers.every((a) => a.result.ok)).toBe(true);
    wall.ws.close();
  });

  it('refuses mentions:recent past its bound instead of reading the whole store', async () => {
    const wall = await connect();
    const answer = await wall.ask(1, 'mentions:recent', { limit: 5000 });
    expect(answer.result).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    wall.ws.close();
  });
});

describe('a client too slow to read', () => {
  let server: Server;
  let bridge: WsBridge;
  let url: string;

  beforeAll(async () => {
    bridge = createWsBridge(hub.core, silentLogger(), {
      limits: { ...DEFAULT_WS_LIMITS, burst: 10_000, maxQueued: 10_000, maxBufferedBytes: SLOW_READER_LIMIT },
    });
    server = createServer();
    server.on('upgrade', (req, socket, head) =>
      bridge.wss.handleUpgrade(req, socket, head, (ws) => bridge.wss.emit('connection', ws, req)),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/ws`;
  });

  afterAll(async () => {
    await bridge.close();
    await new Promise((resolve) => server.close(resolve));
  });

  it('is dropped once its unsent replies pass the bound, instead of buffering without end', async () => {
    let serverSide: WebSocket | undefined;
    const dropped = new Promise<void>((resolve) =>
      bridge.wss.once('connection', (ws: WebSocket) => {
        serverSide = ws;
        ws.once('close', () => resolve());
      }),
    );
    const raw = await openRawWebSocket(url);
    await raw.text((t) => t.includes('"snapshot"'));
    raw.socket.pause(); // never reads again
    let gone = false;
    void dropped.then(() => (gone = true));
    // Each answer is ~0.5 MB; the kernel's socket buffers take several MB before the hub's own queue grows.
    const request = (id: number): Buffer =>
      clientFrame({
        payload: JSON.stringify({ type: 'request', id, name: 'mentions:recent', payload: { limit: 1000 } }),
      });
    let peak = 0;
    for (let id = 1; !gone && id <= 1000 && peak <= QUEUE_BOUND; id++) {
      raw.write(request(id));
      await new Promise((resolve) => setImmediate(resolve));
      peak = Math.max(peak, serverSide?.bufferedAmount ?? 0);
    }
    expect(peak).toBeLessThanOrEqual(QUEUE_BOUND);
    await dropped;
    expect(bridge.wss.clients.size).toBe(0);
    raw.socket.destroy();
  });
});
