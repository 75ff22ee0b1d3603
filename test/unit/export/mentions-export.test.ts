import { afterEach, describe, expect, it } from 'vitest';
import { csvCell } from '../../../electron/core/export/csv';
import { CSV_COLUMNS, exportMentions, type SearchMentions } from '../../../electron/core/export/mentions-export';
import { openSqliteStore } from '../../../electron/core/store/sqlite/sqlite-store';
import type { Store } from '../../../electron/core/store/repository';
import type { Mention } from '../../../shared/mention';
import { mention, NEUTRAL_ENRICHMENT } from '../../helpers/mentions';

const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);
const negative = { ...NEUTRAL_ENRICHMENT, sentiment: { label: 'negative' as const, score: -0.7, confidence: 0.9 } };

/** A fake store search over a list (the sentiment filter only): pages of `limit`, the cursor an offset. */
const listSearch = (all: ReadonlyArray<Mention>, asked: number[] = []): SearchMentions => {
  return async (q) => {
    asked.push(q.limit);
    const start = q.cursor === undefined ? 0 : Number(q.cursor);
    const items = all
      .filter((m) => q.sentiment === undefined || m.enrichment.sentiment.label === q.sentiment)
      .slice(start, start + q.limit);
    const next = start + q.limit < all.length ? String(start + q.limit) : null;
    return { items, next };
  };
};

let store: Store | null = null;
afterEach(async () => {
  await store?.close();
  store = null;
});

describe('CSV cells', () => {
  it('quotes commas, quotes and line breaks, and defuses spreadsheet formulas in untrusted text', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"\nnow')).toBe('"say ""hi""\nnow"');
    expect(csvCell('=HYPERLINK("http://evil")')).toBe(`"'=HYPERLINK(""http://evil"")"`);
    expect(csvCell('-1')).toBe("'-1");
    expect(csvCell(-1)).toBe('-1');
    expect(csvCell(null)).toBe('');
  });
});

describe('mention export', () => {
  const all = Array.from({ length: 450 }, (_, i) =>
    mention(i, T0 + i * 1000, i % 3 === 0 ? { enrichment: negative, text: `refund, please "now" ${i}` } : {}),
  );

  it('pages through the search with the filter: CSV rows are exactly the matching mentions', async () => {
    const out = await exportMentions({
      search: listSearch(all),
      filter: { sentiment: 'negative' },
      format: 'csv',
      now: T0,
    });
    const lines = out.content.trimEnd().split('\r\n');
    expect(lines[0]).toBe(CSV_COLUMNS.join(','));
    expect(out.rows).toBe(150);
    expect(lines).toHaveLength(151);
    expect(out.truncated).toBe(false);
    expect(lines[1]).toContain(',negative,');
    expect(lines[1]).toContain('"refund, please ""now"" 0"');
    expect(out.filename).toMatch(/^earshot-mentions-\d{12}\.csv$/);
    expect(out.message).toBe('Exported 150 matching mentions.');
  });

  it('stops at the row cap and says so (never passing a cut export off as the whole)', async () => {
    const asked: number[] = [];
    const out = await exportMentions({
      search: listSearch(all, asked),
      filter: {},
      format: 'jsonl',
      maxRows: 250,
      now: T0,
    });
    const rows = out.content
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Mention);
    expect(rows).toHaveLength(250);
    expect(rows[249]?.id).toBe(all[249]?.id);
    expect(out.truncated).toBe(true);
    expect(out.message).toMatch(/first 250 matching mentions.*stops at 250 rows.*Narrow the filter/);
    expect(Math.max(...asked)).toBeLessThanOrEqual(200);
  });

  it('an exact fit is whole: no cut reported when the cap equals the matches', async () => {
    const out = await exportMentions({
      search: listSearch(all),
      filter: { sentiment: 'negative' },
      format: 'csv',
      maxRows: 150,
      now: T0,
    });
    expect(out.rows).toBe(150);
    expect(out.truncated).toBe(false);
  });

  it('exports page through the store’s indexed search without repeats or gaps', async () => {
    store = await openSqliteStore(':memory:');
    // Several in one millisecond, so paging must not repeat or skip rows at a page edge.
    const stored = Array.from({ length: 30 }, (_, i) =>
      mention(i, T0 + Math.floor(i / 4) * 1000, i % 2 === 0 ? { enrichment: negative, text: `cannot login ${i}` } : {}),
    );
    await store.commitBatch('src', stored, null);
    const indexed = store;
    const search: SearchMentions = (q) => indexed.searchMentions(q);
    const ids: string[] = [];
    let cursor: string | undefined;
    for (;;) {
      const page = await search({ sentiment: 'negative', text: 'cannot log', limit: 4, ...(cursor ? { cursor } : {}) });
      ids.push(...page.items.map((m) => m.id));
      if (page.next === null) break;
      cursor = page.next;
    }
    expect([...ids].sort()).toEqual(
      stored
        .filter((_, i) => i % 2 === 0)
        .map((m) => m.id)
        .sort(),
    );
    expect(new Set(ids).size).toBe(ids.length);
    const none = await search({ text: 'refund', limit: 10 });
    expect(none).toEqual({ items: [], next: null });
  });
});
