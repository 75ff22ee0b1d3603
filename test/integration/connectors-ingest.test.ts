import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootHub } from '../../electron/core/boot/boot-hub';
import { ManualClock } from '../../electron/core/runtime/clock';
import { silentLogger } from '../../electron/core/runtime/logger';
import type { Store } from '../../electron/core/store/repository';
import { startTestHub, TEST_INGEST_TOKEN, type TestHub } from '../helpers/headless-hub';

const TOKEN = TEST_INGEST_TOKEN;
let hub: TestHub;
let store: Store;

beforeAll(async () => {
  hub = await startTestHub({
    tickets: { channel: 'ingest', allowedChannels: [] },
    relay: { channel: 'rss', allowedChannels: ['reddit'] },
  });
  store = hub.store;
});

afterAll(async () => {
  await hub.close();
});

const post = (body: unknown, token: string | null = TOKEN, source = 'tickets'): Promise<Response> =>
  fetch(`${hub.url}api/ingest/${source}`, {
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
      reattributed: 0,
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

  it('answers 401 with a Bearer challenge header, for unknown sources too, and 400 for the wrong shape', async () => {
    const denied = await post({ externalId: 'x', text: 'y', createdAt: 1 }, 'wrong');
    expect(denied.status).toBe(401);
    expect(denied.headers.get('www-authenticate')).toBe('Bearer realm="earshot-ingest", error="invalid_token"');
    expect((await post({ externalId: 'x', text: 'y', createdAt: 1 }, null)).status).toBe(401);
    expect((await post({ externalId: 'x', text: 'y', createdAt: 1 }, TOKEN, 'other')).status).toBe(401);
    expect((await post([1, 2, 3])).status).toBe(400);
  });

  it('stores an item claiming "reddit" under the source\'s own channel: no faked cross-channel corroboration', async () => {
    const at = Date.UTC(2026, 0, 5, 9, 30);
    const claims = Array.from({ length: 20 }, (_, i) => ({
      externalId: `R-${i}`,
      text: 'login error 503 again',
      createdAt: at,
      channel: 'reddit',
    }));
    const res = await post({ mentions: claims });
    expect(await res.json()).toEqual({ accepted: 20, duplicates: 0, reattributed: 20, rejected: [] });
    const stored = (await store.recentMentions(100)).filter((m) => m.externalId.startsWith('R-'));
    expect(new Set(stored.map((m) => m.channel))).toEqual(new Set(['ingest']));
  });

  it("keeps a claim on the source's allow-list, else uses its configured channel", async () => {
    const at = Date.UTC(2026, 0, 5, 9, 40);
    const res = await post(
      {
        mentions: [
          { externalId: 'A-1', text: 'relayed', createdAt: at, channel: 'reddit' },
          { externalId: 'A-2', text: 'relayed', createdAt: at, channel: 'x' },
          { externalId: 'A-3', text: 'relayed', createdAt: at },
        ],
      },
      TOKEN,
      'relay',
    );
    expect(await res.json()).toMatchObject({ accepted: 3, reattributed: 1 });
    const byId = new Map((await store.recentMentions(100)).map((m) => [m.externalId, m.channel]));
    expect([byId.get('A-1'), byId.get('A-2'), byId.get('A-3')]).toEqual(['reddit', 'rss', 'rss']);
  });
});

describe('ingest channel policy from the config file', () => {
  it('boots each ingest source with its channel and allow-list, and refuses an unknown channel', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'earshot-ingest-policy-'));
    try {
      const configPath = join(dataDir, 'earshot.json');
      const source = { id: 'crm', type: 'ingest', channel: 'rss', allowedChannels: ['x'] };
      await writeFile(configPath, JSON.stringify({ sources: [source] }));
      const env = { EARSHOT_CRM_TOKEN: 'crm-token' };
      const hub = await bootHub({ dataDir, configPath, env, clock: new ManualClock(), logger: silentLogger() });
      try {
        const mentions = [
          { externalId: 'c1', text: 'a', createdAt: 1, channel: 'reddit' },
          { externalId: 'c2', text: 'b', createdAt: 1, channel: 'x' },
        ];
        const res = await hub.ingest({ sourceId: 'crm', authorization: 'Bearer crm-token', body: { mentions } });
        expect(res.body).toMatchObject({ accepted: 2, reattributed: 1 });
        const stored = await hub.core.api.invoke('mentions:recent', { limit: 10 });
        const channels = stored.ok ? (stored.value as Array<{ externalId: string; channel: string }>) : [];
        expect(Object.fromEntries(channels.map((m) => [m.externalId, m.channel]))).toEqual({ c1: 'rss', c2: 'x' });
      } finally {
        await hub.stop();
      }
      await writeFile(configPath, JSON.stringify({ sources: [{ ...source, allowedChannels: ['myspace'] }] }));
      await expect(bootHub({ dataDir, configPath, env, logger: silentLogger() })).rejects.toThrow(/allowedChannels/);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
