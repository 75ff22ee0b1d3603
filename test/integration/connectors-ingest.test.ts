import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core-types';
import { createIngestHandler } from '../../electron/core/connectors/ingest/ingest-handler';
import { memoryVault } from '../../electron/core/runtime/credentials';
import { silentLogger } from '../../electron/core/runtime/logger';
import type { Store } from '../../electron/core/store/repository';
import { startHeadlessServer, type HeadlessServer } from '../../electron/headless/server';
import { bareCore } from '../helpers/core';

const TOKEN = 'ingest-secret-9f8e7d';
let server: HeadlessServer;
let core: Core;
let store: Store;
let staticDir: string;

beforeAll(async () => {
  staticDir = await mkdtemp(join(tmpdir(), 'earshot-ingest-'));
  await writeFile(join(staticDir, 'index.html'), '<!doctype html><title>wall</title>');
  ({ core, store } = await bareCore());
  const ingest = createIngestHandler({
    vault: memoryVault({ tickets: { token: TOKEN } }),
    knownSource: (id) => id === 'tickets',
    logger: silentLogger(),
    commit: async (sourceId, items) => {
      const result = await core.api.commit(sourceId, items, null);
      return { inserted: result.inserted.length, duplicates: result.duplicates };
    },
  });
  server = await startHeadlessServer({ core, host: '127.0.0.1', port: 0, staticDir, logger: silentLogger(), ingest });
});

afterAll(async () => {
  await server.close();
  await core.stop();
  await rm(staticDir, { recursive: true, force: true });
});

const post = (body: unknown, token: string | null = TOKEN, source = 'tickets'): Promise<Response> =>
  fetch(`${server.url}api/ingest/${source}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });

describe('ingest webhook over the headless server into the real SQLite store', () => {
  it('stores valid items, reports malformed ones by index and is idempotent by external id', async () => {
    const batch = {
      mentions: [
        {
          externalId: 'T-1',
          text: 'Customer cannot log in since 09:00',
          createdAt: '2026-01-05T09:01:00Z',
          author: 'jane@example.com',
          url: 'https://crm.example/T-1',
        },
        { externalId: 'T-2', text: 'Refund not received', createdAt: 1767604000000, metadata: { priority: 'p2' } },
        { externalId: 'T-3', createdAt: 1767604000000 },
      ],
    };
    const first = await post(batch);
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({
      accepted: 2,
      duplicates: 0,
      rejected: [{ index: 2, error: 'text: Invalid input: expected string, received undefined' }],
    });
    const again = await post(batch);
    expect(await again.json()).toMatchObject({ accepted: 0, duplicates: 2 });
    const stored = await store.recentMentions(10);
    expect(stored.map((m) => m.id).sort()).toEqual(['tickets:T-1', 'tickets:T-2']);
    expect(stored.find((m) => m.externalId === 'T-1')).toMatchObject({
      channel: 'ingest',
      author: { handle: 'jane@example.com' },
      url: 'https://crm.example/T-1',
    });
  });

  it('answers 401 with a Bearer challenge header, 404 for unknown sources, 400 for the wrong shape', async () => {
    const denied = await post({ externalId: 'x', text: 'y', createdAt: 1 }, 'wrong');
    expect(denied.status).toBe(401);
    expect(denied.headers.get('www-authenticate')).toBe('Bearer realm="earshot-ingest", error="invalid_token"');
    expect((await post({ externalId: 'x', text: 'y', createdAt: 1 }, null)).status).toBe(401);
    expect((await post({ externalId: 'x', text: 'y', createdAt: 1 }, TOKEN, 'other')).status).toBe(404);
    expect((await post([1, 2, 3])).status).toBe(400);
  });
});
