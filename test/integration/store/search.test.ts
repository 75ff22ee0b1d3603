import { describe, expect, it } from 'vitest';
import type { Store } from '../../../electron/core/store/repository';
import type { Enrichment, Mention } from '../../../shared/mention';
import type { MentionSearch } from '../../../shared/search';
import { mention, NEUTRAL_ENRICHMENT } from '../../helpers/mentions';
import { DIALECTS, storeHarness } from './harness';

// The same searches, answered by SQLite's FTS5 index and PostgreSQL's tsvector (floor's SQLite tests, both dialects).

const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);
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

describe.each(DIALECTS)('searchMentions on the %s store', (dialect) => {
  const h = storeHarness(dialect);

  it('matches every word, the last as a prefix, case- and accent-blind, in text or author', async () => {
    const store = await h.open();
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
    const store = await h.open();
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
    const store = await h.open();
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
    const store = await h.open();
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
    const store = await h.open();
    await store.commitBatch(
      'src',
      [mention(1, T0, { text: 'old outage' }), mention(2, T0 + 5000, { text: 'new outage' })],
      null,
    );
    expect(await store.prune(T0 + 1000)).toBe(1);
    expect(ids((await store.searchMentions({ text: 'outage', limit: 10 })).items)).toEqual(['ext-2']);
    expect(ids((await store.searchMentions({ text: 'old', limit: 10 })).items)).toEqual([]);
  });

  it('finds words however the text writes them: host names, e-mail addresses, hyphens, digits, other scripts', async () => {
    const store = await h.open();
    await store.commitBatch(
      'src',
      [
        mention(1, T0, { text: 'status.nimbus-bank.com says all good, mail help@nimbus.com' }),
        mention(2, T0 + 1, { text: 'Fehler 503 beim Überweisen — ÜBERWEISUNG kaputt' }),
        mention(3, T0 + 2, { text: 'アプリが落ちる 日本語' }),
        mention(4, T0 + 3, { text: "it's a no-go, 3.5 stars" }),
      ],
      null,
    );
    const find = async (text: string): Promise<string[]> =>
      ids((await store.searchMentions({ text, limit: 50 })).items);
    expect(await find('nimbus')).toEqual(['ext-1']);
    expect(await find('status nimbus bank')).toEqual(['ext-1']);
    expect(await find('help@nimbus.com')).toEqual(['ext-1']);
    expect(await find('uberweis')).toEqual(['ext-2']);
    expect(await find('503')).toEqual(['ext-2']);
    expect(await find('日本語')).toEqual(['ext-3']);
    expect(await find('no go')).toEqual(['ext-4']);
    expect(await find("it's")).toEqual(['ext-4']);
    expect(await find("'; DROP TABLE mentions; --")).toEqual([]);
    expect(await store.countMentions()).toBe(4);
  });
});
