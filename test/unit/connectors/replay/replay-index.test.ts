import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  buildReplayIndex,
  formatFromPath,
  readIndexedRows,
} from '../../../../electron/core/connectors/replay/replay-index';
import { mapRow } from '../../../../electron/core/connectors/replay/row-mapper';

const FIXTURES = join(__dirname, '../../../fixtures/replay');
/** Synthetic tweets in the airline export's exact layout (test/fixtures/airline/README.md). */
const AIRLINE = join(FIXTURES, '../airline/synthetic-tweets.csv');
const T9 = Date.UTC(2026, 0, 5, 9, 0, 0);

async function indexOf(path: string, format: 'csv' | 'jsonl') {
  const result = await buildReplayIndex(path, format, 'ingest');
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

describe('mapRow', () => {
  it('maps the common export columns', () => {
    const row = {
      tweet_id: '570306133677760513',
      name: 'cairdin',
      tweet_created: '2015-02-24 11:35:52 -0800',
      text: 'Hi &amp; bye',
    };
    const mapped = mapRow(row, 'x');
    expect(mapped).toEqual({
      ok: true,
      value: {
        externalId: '570306133677760513',
        channel: 'x',
        author: { handle: 'cairdin' },
        text: 'Hi & bye',
        createdAt: Date.UTC(2015, 1, 24, 19, 35, 52),
      },
    });
  });

  it('derives a stable id from content when there is none, and refuses rows without text or time', () => {
    const a = mapRow({ text: 'hello', timestamp: 1767603600 }, 'ingest');
    const b = mapRow({ text: 'hello', timestamp: 1767603600 }, 'ingest');
    expect(a.ok && b.ok && a.value.externalId === b.value.externalId).toBe(true);
    expect(mapRow({ timestamp: 1767603600 }, 'ingest').ok).toBe(false);
    expect(mapRow({ text: 'x' }, 'ingest').ok).toBe(false);
  });

  it('keeps a url and a watchlist when the row has them', () => {
    const mapped = mapRow(
      { text: 'hi', timestamp: 1767603600, url: 'https://example.com/p/1', watchlist: 'nimbus' },
      'ingest',
    );
    expect(mapped.ok && mapped.value).toMatchObject({ url: 'https://example.com/p/1', watchlist: 'nimbus' });
  });
});

describe('buildReplayIndex', () => {
  it('sorts an unsorted CSV by time and rejects bad rows with line numbers', async () => {
    const index = await indexOf(join(FIXTURES, 'sample.csv'), 'csv');
    expect(index.header).toEqual(['id', 'created_at', 'author', 'source', 'followers', 'text']);
    expect(index.total).toBe(4);
    expect(Array.from(index.times)).toEqual([T9, T9 + 60_000, T9 + 120_000, T9 + 180_000]);
    expect(index.rejectedCount).toBe(2);
    expect(index.rejected.map((r) => r.line)).toEqual([8, 9]);
    expect(index.rejected[0]?.reason).toMatch(/time/);

    const { items } = await readIndexedRows(index, 0, 4);
    expect(items.map((m) => m.externalId)).toEqual(['1', '2', '3', '4']);
    expect(items[0]).toMatchObject({
      channel: 'reddit',
      text: 'Multi-line post:\r\nline two, with a comma\r\nand "quotes"',
    });
    expect(items[1]).toMatchObject({ channel: 'appstore', text: 'Love the new savings pots & round-ups' });
    expect(items[2]?.author).toEqual({ handle: 'maria_k', followers: 1200 });
    expect(items[3]).toMatchObject({ channel: 'ingest', text: '<script>alert(1)</script> is literally in my chat' });
    expect((await readIndexedRows(index, 1, 3)).items.map((m) => m.externalId)).toEqual(['2', '3']);
  });

  it('reads JSONL, counting bad lines with their numbers', async () => {
    const index = await indexOf(join(FIXTURES, 'sample.jsonl'), 'jsonl');
    expect(index.total).toBe(4);
    expect(index.rejectedCount).toBe(3);
    expect(index.rejected.map((r) => r.line)).toEqual([4, 6, 7]);
    const { items } = await readIndexedRows(index, 0, index.total);
    expect(items.map((m) => m.externalId)).toEqual(['a5', 'a1', 'a3', 'a2']);
    expect(items[1]).toMatchObject({ channel: 'bluesky', author: { handle: 'ana.bsky.social', followers: 320 } });
    expect(items[2]).toMatchObject({ channel: 'ingest', author: { handle: 'unknown' } });
    expect(items[0]?.text).toBe('café ☕ emoji ok');
  });

  it('reports an unreadable file as an error value', async () => {
    const result = await buildReplayIndex(join(FIXTURES, 'missing.csv'), 'csv', 'ingest');
    expect(result.ok).toBe(false);
  });

  it('knows formats by extension', () => {
    expect(formatFromPath('a/b.CSV')).toBe('csv');
    expect(formatFromPath('x.ndjson')).toBe('jsonl');
    expect(formatFromPath('x.jsonl')).toBe('jsonl');
    expect(formatFromPath('x.txt')).toBeNull();
  });

  it('parses a file in the airline export layout: every row, times from its -0800 stamps, quoting intact', async () => {
    const index = await indexOf(AIRLINE, 'csv');
    expect(index.header).toContain('tweet_created');
    expect(index.total).toBe(149);
    expect(index.rejectedCount).toBe(0);
    expect(index.times[0]).toBe(Date.UTC(2015, 1, 22, 14, 9, 43));
    expect(index.times[index.total - 1]).toBe(Date.UTC(2015, 1, 22, 18, 52, 47));
    expect(Array.from(index.times).every((t, i, all) => i === 0 || (all[i - 1] ?? t) <= t)).toBe(true);
    const all = await readIndexedRows(index, 0, index.total);
    expect(all.items).toHaveLength(149);
    expect(all.rejected).toEqual([]);
    const first = all.items.find((m) => m.externalId === '569527305889021870');
    expect(first).toMatchObject({
      author: { handle: 'carryfox44' },
      text: '@SkylineAir my bag came out dented, again',
      createdAt: Date.UTC(2015, 1, 22, 18, 49, 48),
    });
    expect(all.items.find((m) => m.externalId === '569527300399082806')?.text).toBe(
      '@SkylineAir is the\n"quiet car" thing real, or\njust a rumour?',
    );
    expect(all.items.find((m) => m.externalId === '569527300476336316')?.text).toBe(
      '@PinecrestAir I <3 the new “hush” cabin, 10/10 ✈️',
    );
    // Three texts span lines; a multi-line negativereason_gold cell must not split its row.
    expect(all.items.filter((m) => m.text.includes('\n')).length).toBe(3);
    expect(new Set(all.items.map((m) => m.externalId)).size).toBe(149 - 2);
  });
});
