import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import type { EventName, EventPayload, WireFromHub } from '../../../shared/contract';
import { bootHub, type Hub } from '../../../electron/core/boot/boot-hub';
import type { FanoutTuning } from '../../../electron/core/team/fanout/team-fanout';
import { ManualClock } from '../../../electron/core/runtime/clock';
import { silentLogger } from '../../../electron/core/runtime/logger';
import { startHeadlessServer, type HeadlessServer } from '../../../electron/headless/server';

/** Hub time of the team tests: Tuesday 6 January 2026, 10:00 UTC. */
export const T0 = Date.UTC(2026, 0, 6, 10, 0, 0);
/** The ingest source every team hub configures, and its bearer token. */
export const INGEST_SOURCE = 'tickets';
export const INGEST_TOKEN = 'team-ingest-0123456789abcdef';
const ACCESS_TOKEN = 'team-access-token-0123456789abcdef012345';

/** One hub of a team test: booted as `earshot serve` boots it (DATABASE_URL), behind a real headless server. */
export interface TeamHub {
  readonly hub: Hub;
  readonly server: HeadlessServer;
  readonly wsUrl: string;
  close(): Promise<void>;
}

/** Boots a hub on the team database `url`, with an ingest source and the fan-out tuned by `fanout`. */
export async function startTeamHub(url: string, fanout: FanoutTuning = {}): Promise<TeamHub> {
  const dir = await mkdtemp(join(tmpdir(), 'earshot-fanout-'));
  const configPath = join(dir, 'earshot.json');
  await writeFile(configPath, JSON.stringify({ sources: [{ id: INGEST_SOURCE, type: 'ingest' }] }));
  await writeFile(join(dir, 'index.html'), '<!doctype html><title>wall</title>');
  const hub = await bootHub({
    dataDir: dir,
    configPath,
    env: { DATABASE_URL: url, EARSHOT_TICKETS_TOKEN: INGEST_TOKEN },
    clock: new ManualClock(T0),
    logger: silentLogger(),
    fanout,
  });
  const server = await startHeadlessServer({
    core: hub.core,
    host: '127.0.0.1',
    port: 0,
    staticDir: dir,
    logger: silentLogger(),
    ingest: hub.ingest,
    accessToken: ACCESS_TOKEN,
    users: hub.users,
  });
  return {
    hub,
    server,
    wsUrl: `${server.url.replace('http', 'ws')}ws`,
    close: async () => {
      await server.close();
      await hub.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Posts mentions to a hub's ingest webhook; resolves with its answer. */
export async function ingest(hub: TeamHub, mentions: ReadonlyArray<unknown>): Promise<unknown> {
  const answer = await fetch(new URL(`api/ingest/${INGEST_SOURCE}`, hub.server.url), {
    method: 'POST',
    headers: { authorization: `Bearer ${INGEST_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ mentions }),
  });
  return answer.json();
}

/** A WebSocket client of one hub: every event it received, commands, and waiting for an event. */
export interface TeamClient {
  /** The events received so far, in order. */
  readonly events: ReadonlyArray<{ readonly name: EventName; readonly payload: unknown }>;
  call(name: string, payload: unknown): Promise<{ ok: boolean; value?: unknown }>;
  /** Resolves with the first event `name` (received or yet to come) whose payload `match` accepts. */
  next<N extends EventName>(name: N, match: (payload: EventPayload<N>) => boolean): Promise<EventPayload<N>>;
  close(): void;
}

/** Connects a client to `hub` as the holder of `token` (a personal token). */
export async function connectClient(hub: TeamHub, token: string): Promise<TeamClient> {
  const ws = new WebSocket(hub.wsUrl, { headers: { authorization: `Bearer ${token}` } });
  const events: Array<{ name: EventName; payload: unknown }> = [];
  const waiters = new Set<() => void>();
  const answers = new Map<number, (result: { ok: boolean; value?: unknown }) => void>();
  ws.on('message', (data) => {
    const frame = JSON.parse(String(data)) as WireFromHub;
    if (frame.type === 'response') answers.get(frame.id)?.(frame.result);
    else events.push(frame.event);
    for (const wake of waiters) wake();
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  let id = 0;
  return {
    events,
    call: (name, payload) =>
      new Promise((resolve) => {
        id += 1;
        answers.set(id, resolve);
        ws.send(JSON.stringify({ type: 'request', id, name, payload }));
      }),
    next: (name, match) =>
      new Promise((resolve) => {
        const look = (): void => {
          const found = events.find((e) => e.name === name && match(e.payload as EventPayload<typeof name>));
          if (!found) return;
          waiters.delete(look);
          resolve(found.payload as EventPayload<typeof name>);
        };
        waiters.add(look);
        look();
      }),
    close: () => ws.close(),
  };
}
