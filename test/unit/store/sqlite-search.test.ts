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
  // Search itself (words, filters, cursors, weight order, pruning) runs on both stores: test/integration/store/search.test.ts.
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
