import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { openSqliteStore, migrate } from '../../../electron/core/store/sqlite/sqlite-store';
import { SQLITE_MIGRATIONS } from '../../../electron/core/store/sqlite/migrations';
import type { Store } from '../../../electron/core/store/repository';
import { mention, NEUTRAL_ENRICHMENT } from '../../helpers/mentions';

const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);
const dirs: string[] = [];
const stores: Store[] = [];

async function open(file = ':memory:'): Promise<Store> {
  const store = await openSqliteStore(file);
  stores.push(store);
  return store;
}

afterEach(async () => {
  for (const s of stores.splice(0)) await s.close().catch(() => undefined);
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

describe('sqlite store', () => {
  it('migrates a fresh database to the latest version, once', () => {
    const db = new Database(':memory:');
    migrate(db);
    migrate(db);
    expect(db.pragma('user_version', { simple: true })).toBe(SQLITE_MIGRATIONS.length);
    db.close();
  });

  it('inserts idempotently by (source, external id) and saves the cursor in the same commit', async () => {
    const store = await open();
    const first = await store.commitBatch('src', [mention(1, T0), mention(2, T0 + 1)], 'c1');
    expect(first.inserted.map((m) => m.id)).toEqual(['src:ext-1', 'src:ext-2']);
    const again = await store.commitBatch('src', [mention(2, T0 + 1), mention(3, T0 + 2)], 'c2');
    expect(again.inserted.map((m) => m.id)).toEqual(['src:ext-3']);
    expect(again.duplicates).toBe(1);
    expect(await store.countMentions()).toBe(3);
    expect(await store.getCursor('src')).toBe('c2');
    expect(await store.getCursor('other')).toBeNull();
  });

  it('keeps the previous cursor when a batch carries none', async () => {
    const store = await open();
    await store.commitBatch('src', [mention(1, T0)], 'c1');
    await store.commitBatch('src', [mention(2, T0)], null);
    expect(await store.getCursor('src')).toBe('c1');
  });

  it('rolls back mentions and cursor together when the batch fails', async () => {
    const store = await open();
    const broken = { ...mention(2, T0), enrichment: { ...NEUTRAL_ENRICHMENT, sentiment: undefined } };
    await expect(store.commitBatch('src', [mention(1, T0), broken as never], 'c9')).rejects.toThrow();
    expect(await store.countMentions()).toBe(0);
    expect(await store.getCursor('src')).toBeNull();
  });

  it('reads newest-first, by time range and watchlist, and a zero-filled per-minute series', async () => {
    const store = await open();
    const neg = { ...NEUTRAL_ENRICHMENT, sentiment: { label: 'negative' as const, score: -0.8, confidence: 0.9 } };
    await store.commitBatch(
      'src',
      [
        mention(1, T0 + 5_000),
        mention(2, T0 + 10_000, { enrichment: neg }),
        mention(3, T0 + 125_000, { watchlist: 'other' }),
      ],
      null,
    );
    expect((await store.recentMentions(2)).map((m) => m.externalId)).toEqual(['ext-3', 'ext-2']);
    const window = await store.mentionsBetween({ from: T0, to: T0 + 60_000 });
    expect(window.map((m) => m.externalId)).toEqual(['ext-1', 'ext-2']);
    expect((await store.mentionsBetween({ from: T0, to: T0 + 200_000, watchlist: 'other' })).length).toBe(1);
    expect(await store.volumeSeries(T0, T0 + 120_000)).toEqual([
      { minute: T0, total: 2, negative: 1, positive: 0 },
      { minute: T0 + 60_000, total: 0, negative: 0, positive: 0 },
      { minute: T0 + 120_000, total: 1, negative: 0, positive: 0 },
    ]);
  });

  it('keeps everything across a close and reopen of the same file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'earshot-store-'));
    dirs.push(dir);
    const file = join(dir, 'nested', 'earshot.db');
    const first = await openSqliteStore(file);
    await first.commitBatch('src', [mention(1, T0), mention(2, T0)], 'c2');
    await first.setState('detection', { a: 1 });
    await first.close();
    const second = await open(file);
    expect(await second.countMentions()).toBe(2);
    expect(await second.getCursor('src')).toBe('c2');
    expect(await second.getState('detection')).toEqual({ a: 1 });
    expect((await second.commitBatch('src', [mention(2, T0)], 'c2')).inserted).toHaveLength(0);
  });

  it('prunes mentions older than the retention horizon', async () => {
    const store = await open();
    await store.commitBatch('src', [mention(1, T0), mention(2, T0 + 86_400_000)], null);
    expect(await store.prune(T0 + 1)).toBe(1);
    expect(await store.countMentions()).toBe(1);
  });
});

describe('SQLite store time', () => {
  it("stamps a cursor's updated_at with the injected hub clock, not the process's", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'earshot-store-clock-'));
    const file = join(dir, 'earshot.db');
    const at = Date.UTC(2015, 1, 17, 9, 0, 0);
    const timed = await openSqliteStore(file, { now: () => at });
    await timed.commitBatch('x-main', [mention(1, at)], 'cursor-1');
    await timed.close();
    const db = new Database(file, { readonly: true });
    expect(db.prepare('SELECT updated_at FROM cursors WHERE source_id = ?').pluck().get('x-main')).toBe(at);
    db.close();
    await rm(dir, { recursive: true, force: true });
  });
});
