import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import type { WireFromHub } from '../../shared/contract';
import type { IngestChannelPolicy } from '../../electron/core/connectors/ingest/ingest-factory';
import { createIngestHandler } from '../../electron/core/connectors/ingest/ingest-handler';
import type { Core } from '../../electron/core/core-types';
import type { ManualClock } from '../../electron/core/runtime/clock';
import { memoryVault } from '../../electron/core/runtime/credentials';
import { silentLogger } from '../../electron/core/runtime/logger';
import type { Store } from '../../electron/core/store/repository';
import { startHeadlessServer, type HeadlessServer } from '../../electron/headless/server';
import type { WsBridgeOptions } from '../../electron/headless/ws-bridge';
import { createUserDirectory, type UserDirectory } from '../../electron/core/users';
import { bareCore } from './core';

/** The bearer token of every ingest source a test hub configures. */
export const TEST_INGEST_TOKEN = 'ingest-secret-9f8e7d6c5b4a';

/** A real headless server over a real core and SQLite store, with ingest sources wired as `earshot serve` does. */
export interface TestHub {
  readonly server: HeadlessServer;
  readonly core: Core;
  readonly store: Store;
  readonly clock: ManualClock;
  /** `http://127.0.0.1:PORT/` */
  readonly url: string;
  /** `ws://127.0.0.1:PORT/ws` */
  readonly wsUrl: string;
  /** Headers a control-plane client (WebSocket, /api/*) sends: where a session or bearer token goes. */
  readonly clientHeaders: Readonly<Record<string, string>>;
  /** The hub's people (password sign-in and personal tokens), at a cheap scrypt cost for tests. */
  readonly users: UserDirectory;
  close(): Promise<void>;
}

/** The test hub's control-plane token (clients send it as `Authorization: Bearer`). */
export const TEST_ACCESS_TOKEN = 'test-access-token-0123456789abcdef0123456789';

/** Starts a test hub; `ingest` maps ingest source ids to their channel policy (default: `tickets`, channel ingest). */
export async function startTestHub(
  ingest: Readonly<Record<string, IngestChannelPolicy>> = { tickets: { channel: 'ingest', allowedChannels: [] } },
  options: { readonly ws?: WsBridgeOptions } = {},
): Promise<TestHub> {
  const staticDir = await mkdtemp(join(tmpdir(), 'earshot-test-hub-'));
  await writeFile(join(staticDir, 'index.html'), '<!doctype html><title>wall</title>');
  const { core, store, clock } = await bareCore();
  const policies = new Map(Object.entries(ingest));
  const handler = createIngestHandler({
    vault: memoryVault(Object.fromEntries([...policies.keys()].map((id) => [id, { token: TEST_INGEST_TOKEN }]))),
    sourcePolicy: (id) => policies.get(id),
    logger: silentLogger(),
    commit: async (sourceId, items) => {
      const result = await core.api.commit(sourceId, items, null);
      return { inserted: result.inserted.length, duplicates: result.duplicates };
    },
  });
  const users = createUserDirectory({ store, cost: { log2N: 10, r: 8, p: 1 } });
  const server = await startHeadlessServer({
    users,
    ...(options.ws ? { ws: options.ws } : {}),
    core,
    host: '127.0.0.1',
    port: 0,
    staticDir,
    logger: silentLogger(),
    accessToken: TEST_ACCESS_TOKEN,
    ingest: handler,
  });
  return {
    server,
    core,
    store,
    clock,
    url: server.url,
    wsUrl: `${server.url.replace('http', 'ws')}ws`,
    clientHeaders: { authorization: `Bearer ${TEST_ACCESS_TOKEN}` },
    users,
    close: async () => {
      await server.close();
      await core.stop();
      await rm(staticDir, { recursive: true, force: true });
    },
  };
}

/** Connects a real `ws` client, sends one command and resolves with whether its answer was ok. */
export async function commandSucceeds(
  wsUrl: string,
  headers: Readonly<Record<string, string>>,
  name = 'status:get',
  payload: unknown = {},
): Promise<boolean> {
  const ws = new WebSocket(wsUrl, { headers });
  try {
    return await new Promise<boolean>((resolve, reject) => {
      ws.on('open', () => ws.send(JSON.stringify({ type: 'request', id: 1, name, payload })));
      ws.on('message', (data) => {
        const frame = JSON.parse(String(data)) as WireFromHub;
        if (frame.type === 'response' && frame.id === 1) resolve(frame.result.ok);
      });
      ws.on('error', reject);
      ws.on('close', (code) => reject(new Error(`closed (${code}) before answering`)));
    });
  } finally {
    ws.close();
  }
}
