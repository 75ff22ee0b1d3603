import { describe, expect, it } from 'vitest';
import type { RawMention } from '../../../../shared/mention';
import { memoryVault } from '../../../../electron/core/runtime/credentials';
import { silentLogger } from '../../../../electron/core/runtime/logger';
import {
  createIngestHandler,
  tokensMatch,
  type IngestHandler,
} from '../../../../electron/core/connectors/ingest/ingest-handler';
import type { IngestChannelPolicy } from '../../../../electron/core/connectors/ingest/ingest-factory';

const TOKEN = 'tok_3f9a8c1d2e.abc-XYZ';
const POLICIES = new Map<string, IngestChannelPolicy>([
  ['crm', { channel: 'ingest', allowedChannels: [] }],
  ['bare', { channel: 'ingest', allowedChannels: [] }],
  ['relay', { channel: 'rss', allowedChannels: ['x', 'reddit'] }],
]);

function setup(): { handle: IngestHandler; stored: Map<string, RawMention>; failCommit: { on: boolean } } {
  const stored = new Map<string, RawMention>();
  const failCommit = { on: false };
  const handle = createIngestHandler({
    vault: memoryVault({ crm: { token: TOKEN }, bare: {}, relay: { token: TOKEN } }),
    sourcePolicy: (id) => POLICIES.get(id),
    logger: silentLogger(),
    commit: async (sourceId, items) => {
      if (failCommit.on) throw new Error('disk full');
      let inserted = 0;
      for (const item of items) {
        const key = `${sourceId}:${item.externalId}`;
        if (stored.has(key)) continue;
        stored.set(key, item);
        inserted++;
      }
      return { inserted, duplicates: items.length - inserted };
    },
  });
  return { handle, stored, failCommit };
}

const auth = `Bearer ${TOKEN}`;
const item = (id: string, extra: Record<string, unknown> = {}) => ({
  externalId: id,
  text: `ticket ${id}: cannot log in`,
  createdAt: '2026-01-05T09:00:00Z',
  ...extra,
});

describe('ingest webhook', () => {
  it('accepts a batch, maps items to raw mentions and reports malformed items by index', async () => {
    const { handle, stored } = setup();
    const body = {
      mentions: [
        item('a1', { author: 'jane', url: 'https://crm.example/t/1', metadata: { priority: 'high', score: 3 } }),
        { externalId: '', text: 'x', createdAt: 1 },
        item('a2', { createdAt: 1767603600000, author: { handle: 'bob', followers: 80_000 }, channel: 'x' }),
        item('a3', { createdAt: 'yesterday' }),
        'not an object',
      ],
    };
    const res = await handle({ sourceId: 'crm', authorization: auth, body });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ accepted: 2, duplicates: 0, reattributed: 1 });
    const rejected = 'rejected' in res.body ? res.body.rejected : [];
    expect(rejected?.map((r) => r.index)).toEqual([1, 3, 4]);
    expect(rejected?.[0]?.error).toContain('externalId');
    expect(stored.get('crm:a1')).toEqual({
      externalId: 'a1',
      channel: 'ingest',
      text: 'ticket a1: cannot log in',
      createdAt: Date.parse('2026-01-05T09:00:00Z'),
      author: { handle: 'jane' },
      url: 'https://crm.example/t/1',
      metadata: { priority: 'high', score: 3 },
    });
    expect(stored.get('crm:a2')).toMatchObject({
      channel: 'ingest',
      createdAt: 1767603600000,
      author: { handle: 'bob', followers: 80_000 },
    });
  });

  it('accepts a single object and is idempotent by external id', async () => {
    const { handle, stored } = setup();
    const first = await handle({ sourceId: 'crm', authorization: auth, body: item('s1') });
    const again = await handle({ sourceId: 'crm', authorization: auth, body: { mentions: [item('s1'), item('s2')] } });
    expect(first).toEqual({ status: 200, body: { accepted: 1, duplicates: 0, reattributed: 0, rejected: [] } });
    expect(again.body).toEqual({ accepted: 1, duplicates: 1, reattributed: 0, rejected: [] });
    expect(stored.get('crm:s1')?.author).toEqual({ handle: 'anonymous' });
    expect(stored.size).toBe(2);
  });

  it('refuses missing, wrong and unconfigured tokens with Bearer challenges', async () => {
    const { handle, stored } = setup();
    const missing = await handle({ sourceId: 'crm', authorization: undefined, body: item('x') });
    const wrong = await handle({ sourceId: 'crm', authorization: 'Bearer nope', body: item('x') });
    const basic = await handle({ sourceId: 'crm', authorization: 'Basic dXNlcjpwYXNz', body: item('x') });
    const unconfigured = await handle({ sourceId: 'bare', authorization: 'Bearer anything', body: item('x') });
    for (const res of [missing, wrong, basic, unconfigured]) {
      expect(res.status).toBe(401);
      expect(res.headers?.['WWW-Authenticate']).toMatch(/^Bearer realm="earshot-ingest"/);
    }
    expect(wrong.headers?.['WWW-Authenticate']).toContain('invalid_token');
    expect(stored.size).toBe(0);
  });

  it('answers an unknown source exactly as a wrong token, so source ids cannot be probed', async () => {
    const { handle } = setup();
    const unknown = await handle({ sourceId: 'nope', authorization: auth, body: item('x') });
    const wrong = await handle({ sourceId: 'crm', authorization: 'Bearer nope', body: item('x') });
    const notIngest = await handle({ sourceId: 'x-main', authorization: auth, body: item('x') });
    expect(unknown.status).toBe(401);
    expect(unknown).toEqual(wrong);
    expect(notIngest).toEqual(wrong);
    expect(await handle.authorize({ sourceId: 'nope', authorization: auth })).toEqual(wrong);
    expect(await handle.authorize({ sourceId: 'crm', authorization: auth })).toBeNull();
    const missingOnUnknown = await handle({ sourceId: 'nope', authorization: undefined, body: item('x') });
    const missingOnKnown = await handle({ sourceId: 'crm', authorization: undefined, body: item('x') });
    expect(missingOnUnknown).toEqual(missingOnKnown);
  });

  it("stores items under the source's channel unless their claim is on its allow-list", async () => {
    const { handle, stored } = setup();
    const claims = ['x', 'reddit', 'appstore', undefined].map((channel, i) =>
      item(`c${i}`, channel === undefined ? {} : { channel }),
    );
    const res = await handle({ sourceId: 'relay', authorization: auth, body: { mentions: claims } });
    expect(res.body).toEqual({ accepted: 4, duplicates: 0, reattributed: 1, rejected: [] });
    expect(['c0', 'c1', 'c2', 'c3'].map((id) => stored.get(`relay:${id}`)?.channel)).toEqual([
      'x',
      'reddit',
      'rss',
      'rss',
    ]);
  });

  it('answers 400 for bodies of the wrong shape, 413 past 1000 items, 422 when all items fail', async () => {
    const { handle } = setup();
    for (const body of [null, 'text', 42, [item('a')], { mentions: 'nope' }]) {
      expect((await handle({ sourceId: 'crm', authorization: auth, body })).status).toBe(400);
    }
    const many = { mentions: Array.from({ length: 1001 }, (_, i) => item(`m${i}`)) };
    expect((await handle({ sourceId: 'crm', authorization: auth, body: many })).status).toBe(413);
    const bad = await handle({ sourceId: 'crm', authorization: auth, body: { mentions: [{}, { text: 'x' }] } });
    expect(bad.status).toBe(422);
    expect('rejected' in bad.body ? bad.body.rejected?.length : 0).toBe(2);
  });

  it('accepts exactly 1000 items and an empty list', async () => {
    const { handle } = setup();
    const full = { mentions: Array.from({ length: 1000 }, (_, i) => item(`m${i}`)) };
    expect((await handle({ sourceId: 'crm', authorization: auth, body: full })).body).toMatchObject({ accepted: 1000 });
    expect((await handle({ sourceId: 'crm', authorization: auth, body: { mentions: [] } })).body).toEqual({
      accepted: 0,
      duplicates: 0,
      reattributed: 0,
      rejected: [],
    });
  });

  it('answers 503 when the store fails, without throwing', async () => {
    const { handle, failCommit } = setup();
    failCommit.on = true;
    expect((await handle({ sourceId: 'crm', authorization: auth, body: item('z') })).status).toBe(503);
  });

  it('compares tokens of different lengths safely', () => {
    expect(tokensMatch('abc', 'abc')).toBe(true);
    expect(tokensMatch('abc', 'abcd')).toBe(false);
    expect(tokensMatch('', '')).toBe(false);
  });
});
