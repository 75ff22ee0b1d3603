import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { openSqliteStore } from '../../../electron/core/store/sqlite/sqlite-store';
import { SQLITE_MIGRATIONS } from '../../../electron/core/store/sqlite/migrations';
import { decodeCursor, encodeCursor, searchWords } from '../../../electron/core/store/search-keys';
import { ftsQuery } from '../../../electron/core/store/sqlite/sqlite-search';
import type { Store } from '../../../electron/core/store/repository';
import type { Enrichment, Mention } from '../../../shared/mention';
import type { MentionSearch } from '../../../shared/search';
import { mention, NEUTRAL_ENRICHMENT } from '../../helpers/mentions';

const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);
const stores: Store[] = [];
const dirs: string[] = [];

async function open(file = ':memory:'): Promise<Store> {
  const store = await openSqliteStore(file);
  stores.push(store);
  return store;
}

afterEach(async () => {
  for (const s of stores.splice(0)) await s.close().catch(() => undefined);
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

const enriched = (over: Partial<Enrichment>): Enrichment => ({ ...NEUTRAL_ENRICHMENT, ...over });
const ids = (items: ReadonlyArray<Mention>): string[] => items.map((m) => m.externalId);

/** Reads every page of a search, following `next`. */
async function allPages(store: Store, query: MentionSearch): Promise<string[]> {
  const out: string[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < 100; i++) {
    const page = await store.searchMentions({ ...query, ...(cursor ? { cursor } : {}) });
    out.push(...ids(page.items));
    if (page.next === null) return out;
    cursor = page.next;
  }
  throw new Error('search never ended');
}

describe('search words and FTS5 query', () => {
  it('keeps only letters and digits, lower-cased: no operator or quote reaches FTS5', () => {
    expect(searchWords('Can\'t LOG in OR "refund" NEAR(x*) -job')).toEqual([
      'can',
      't',
      'log',
      'in',
      'or',
      'refund',
      'near',
      'x',
      'job',
    ]);
    expect(searchWords('  !!! ')).toEqual([]);
    expect(searchWords(undefined)).toEqual([]);
    expect(ftsQuery(['app', 'dow'])).toBe('"app" "dow"*');
  });

  it('round-trips a cursor and refuses a forged, damaged or other-sort one', () => {
    const c = encodeCursor({ sort: 'weight', createdAt: T0, key: 7, weight: 2.5 });
    expect(decodeCursor(c, 'weight')).toEqual({
      ok: true,
      value: { sort: 'weight', createdAt: T0, key: 7, weight: 2.5 },
    });
    expect(decodeCursor(c, 'time').ok).toBe(false);
    expect(decodeCursor('not-a-cursor', 'time').ok).toBe(false);
    expect(decodeCursor(Buffer.from('{"s":"time","t":1,"k":-1}').toString('base64url'), 'time').ok).toBe(false);
  });
});

describe('sqlite searchMentions', () => {
  it('matches every word, the last as a prefix, case- and accent-blind, in text or author', async () => {
    const store = await open();
    await store.commitBatch(
      'src',
      [
        mention(1, T0, { text: 'The app is DOWN again, cannot log in' }),
        mention(2, T0 + 1, { text: 'app downloads are slow' }),
        mention(3, T0 + 2, { text: 'Café closed, the app works' }),
        mention(4, T0 + 3, { text: 'nothing here', author: { handle: '@angry_pilot', name: 'Ann Pilot' } }),
      ],
      null,
    );
    const find = async (text: string): Promise<string[]> =>
      ids((await store.searchMentions({ text, limit: 50 })).items);
    expect(await find('app down')).toEqual(['ext-2', 'ext-1']);
    expect(await find('app down again')).toEqual(['ext-1']);
    expect(await find('cafe')).toEqual(['ext-3']);
    expect(await find('@angry_pilot')).toEqual(['ext-4']);
    expect(await find('ann')).toEqual(['ext-4']);
    expect(await find('"app" OR nothing')).toEqual([]);
    expect(await find('app NEAR(')).toEqual([]);
    expect(await find('!!!')).toEqual(['ext-4', 'ext-3', 'ext-2', 'ext-1']);
  });

  it('filters by channel, source, watchlist, sentiment, topic, language, VIP, author weight and time', async () => {
    const store = await open();
    const neg = { label: 'negative' as const, score: -0.7, confidence: 0.8 };
    await store.commitBatch(
      'src',
      [
        mention(1, T0, { channel: 'reddit', enrichment: enriched({ sentiment: neg }) }),
        mention(2, T0 + 1, { watchlist: 'other', enrichment: enriched({ language: 'es' }) }),
        mention(3, T0 + 2, { enrichment: enriched({ topics: [{ topic: 'login', terms: ['log in'] }], vip: true }) }),
        mention(4, T0 + 3, {
          enrichment: enriched({ topics: [{ topic: 'app-crash', terms: ['crash'] }], authorWeight: 4 }),
        }),
      ],
      null,
    );
    await store.commitBatch(
      'other-src',
      [{ ...mention(5, T0 + 4), id: 'other-src:ext-5', sourceId: 'other-src' }],
      null,
    );
    const find = async (q: Omit<MentionSearch, 'limit'>): Promise<string[]> =>
      ids((await store.searchMentions({ ...q, limit: 50 })).items);
    expect(await find({ channels: ['reddit'] })).toEqual(['ext-1']);
    expect(await find({ channels: ['reddit', 'x'] })).toHaveLength(5);
    expect(await find({ sourceIds: ['other-src'] })).toEqual(['ext-5']);
    expect(await find({ watchlist: 'other' })).toEqual(['ext-2']);
    expect(await find({ sentiment: 'negative' })).toEqual(['ext-1']);
    expect(await find({ topic: 'login' })).toEqual(['ext-3']);
    expect(await find({ topic: 'log' })).toEqual([]);
    expect(await find({ topic: 'crash' })).toEqual([]);
    expect(await find({ language: 'es' })).toEqual(['ext-2']);
    expect(await find({ vipOnly: true })).toEqual(['ext-3']);
    expect(await find({ minAuthorWeight: 2 })).toEqual(['ext-4']);
    expect(await find({ from: T0 + 1, to: T0 + 3 })).toEqual(['ext-3', 'ext-2']);
    expect(await find({ text: 'post', channels: ['x'], from: T0 + 3 })).toEqual(['ext-5', 'ext-4']);
  });

  it('pages newest first with a cursor that neither repeats nor skips while newer posts arrive', async () => {
    const store = await open();
    // Ties on createdAt too: the insertion sequence breaks them.
    const history = Array.from({ length: 25 }, (_, i) => mention(i, T0 + Math.floor(i / 3) * 1000));
    await store.commitBatch('src', history, null);
    const first = await store.searchMentions({ limit: 10 });
    expect(first.items).toHaveLength(10);
    await store.commitBatch('src', [mention(100, T0 + 60_000), mention(101, T0 + 61_000)], null);
    const seen = ids(first.items);
    let cursor = first.next;
    while (cursor !== null) {
      const page = await store.searchMentions({ limit: 10, cursor });
      seen.push(...ids(page.items));
      cursor = page.next;
    }
    const expected = [...history].reverse().map((m) => m.externalId);
    expect(seen).toEqual(expected);
    expect(await allPages(store, { limit: 7 })).toEqual(['ext-101', 'ext-100', ...expected]);
  });

  it('sorts by author weight (newest first among equals) and pages that order too, with full text', async () => {
    const store = await open();
    const weights = [1, 5, 1, 3, 5, 1, 0.5];
    await store.commitBatch(
      'src',
      weights.map((w, i) => mention(i, T0 + i * 1000, { enrichment: enriched({ authorWeight: w }) })),
      null,
    );
    expect(await allPages(store, { sort: 'weight', limit: 2 })).toEqual([
      'ext-4',
      'ext-1',
      'ext-3',
      'ext-5',
      'ext-2',
      'ext-0',
      'ext-6',
    ]);
    expect(await allPages(store, { sort: 'weight', text: 'post', limit: 3 })).toHaveLength(7);
    const page = await store.searchMentions({ sort: 'weight', limit: 2 });
    await expect(store.searchMentions({ limit: 2, cursor: page.next ?? '' })).rejects.toThrow(/cursor/);
    await expect(store.searchMentions({ limit: 2, cursor: 'garbage' })).rejects.toThrow(/cursor/);
  });

  it('forgets pruned mentions in the full-text index', async () => {
    const store = await open();
    await store.commitBatch(
      'src',
      [mention(1, T0, { text: 'old outage' }), mention(2, T0 + 5000, { text: 'new outage' })],
      null,
    );
    expect(await store.prune(T0 + 1000)).toBe(1);
    expect(ids((await store.searchMentions({ text: 'outage', limit: 10 })).items)).toEqual(['ext-2']);
    expect(ids((await store.searchMentions({ text: 'old', limit: 10 })).items)).toEqual([]);
  });

  it('indexes the history of a database made before search existed when it migrates', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'earshot-search-'));
    dirs.push(dir);
    const file = join(dir, 'earshot.db');
    const old = new Database(file);
    ([1, 2, 3] as const).forEach((id) => old.exec(SQLITE_MIGRATIONS[id]));
    old.pragma('user_version = 3');
    const insert = old.prepare(
      `INSERT INTO mentions (id, source_id, external_id, channel, watchlist, created_at, received_at, sentiment, body)
       VALUES (@id, @sourceId, @externalId, @channel, @watchlist, @createdAt, @receivedAt, @sentiment, @body)`,
    );
    const login = enriched({
      topics: [{ topic: 'login', terms: ['log in'] }],
      language: 'de',
      vip: true,
      authorWeight: 3,
    });
    const rows = [
      mention(1, T0, { text: 'cannot log in since noon', enrichment: login }),
      mention(2, T0 + 1, { text: 'fine' }),
    ];
    for (const m of rows) insert.run({ ...m, sentiment: 'neutral', body: JSON.stringify(m) });
    old.close();

    const store = await open(file);
    const hit = await store.searchMentions({ text: 'log in', limit: 10 });
    expect(ids(hit.items)).toEqual(['ext-1']);
    expect(hit.items[0]).toEqual(rows[0]);
    const find = async (q: Omit<MentionSearch, 'limit'>): Promise<string[]> =>
      ids((await store.searchMentions({ ...q, limit: 10 })).items);
    expect(await find({ topic: 'login', language: 'de', vipOnly: true, minAuthorWeight: 3 })).toEqual(['ext-1']);
    expect(await find({ language: 'en' })).toEqual(['ext-2']);
    // New posts after the migration are indexed by the triggers, and the old ones stay.
    await store.commitBatch('src', [mention(3, T0 + 2, { text: 'log in broken' })], null);
    expect(await find({ text: 'log' })).toEqual(['ext-3', 'ext-1']);
    expect(await store.countMentions()).toBe(3);
  });
});
