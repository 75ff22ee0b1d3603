import { describe, expect, it } from 'vitest';
import { parseFeed } from 'feedsmith';
import { feedEntries } from '../../../../electron/core/connectors/rss/feed-entries';
import { advanceRssCursor, readRssCursor, SEEN_LIMIT } from '../../../../electron/core/connectors/rss/rss-cursor';

describe('feedEntries', () => {
  it('reads RSS 1.0 (RDF) items with dc:date and dc:creator', () => {
    const rdf = `<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="https://news.test/"><title>News</title><link>https://news.test/</link><description>d</description></channel>
<item rdf:about="https://news.test/a"><title>Acme outage</title><link>https://news.test/a</link><description>Acme &lt;b&gt;down&lt;/b&gt;</description><dc:date>2026-01-05T08:00:00Z</dc:date><dc:creator>Reporter</dc:creator></item>
</rdf:RDF>`;
    const { entries, rejected } = feedEntries(parseFeed(rdf));
    expect(rejected).toEqual([]);
    expect(entries).toEqual([
      {
        id: 'https://news.test/a',
        url: 'https://news.test/a',
        title: 'Acme outage',
        text: 'Acme outage\n\nAcme down',
        date: Date.parse('2026-01-05T08:00:00Z'),
        author: 'Reporter',
      },
    ]);
  });

  it('reads JSON Feed items (content_text preferred, content_html converted) and rejects items without content', () => {
    const json = {
      version: 'https://jsonfeed.org/version/1.1',
      title: 'Status',
      items: [
        {
          id: '1',
          url: 'https://s.test/1',
          content_html: '<p>Login <em>degraded</em></p>',
          date_published: '2026-01-05T08:00:00Z',
          authors: [{ name: 'Ops' }],
        },
        { id: '2', title: 'Resolved', content_text: 'All good', date_modified: '2026-01-05T09:00:00Z' },
        { id: '3' },
      ],
    };
    const { entries, rejected } = feedEntries(parseFeed(JSON.stringify(json)));
    expect(entries.map((e) => [e.id, e.text, e.author])).toEqual([
      ['1', 'Login degraded', 'Ops'],
      ['2', 'Resolved\n\nAll good', undefined],
    ]);
    expect(rejected).toHaveLength(1);
  });

  it('hashes ids longer than 200 characters so they stay stable external ids', () => {
    const link = `https://forum.test/t/${'x'.repeat(300)}`;
    const rss = `<rss version="2.0"><channel><title>t</title><link>https://forum.test</link><description>d</description><item><title>Long</title><link>${link}</link></item></channel></rss>`;
    const [entry] = feedEntries(parseFeed(rss)).entries;
    expect(entry?.id).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(entry?.url).toBe(link);
  });
});

describe('RSS cursor', () => {
  it('keeps at most SEEN_LIMIT ids, newest last, with validators and the newest date', () => {
    const ids = Array.from({ length: SEEN_LIMIT + 20 }, (_, i) => `id-${i}`);
    const cursor = advanceRssCursor(readRssCursor(null), ids, 1000, { etag: '"abc"' });
    expect(cursor.seen).toHaveLength(SEEN_LIMIT);
    expect(cursor.seen.at(-1)).toBe(`id-${SEEN_LIMIT + 19}`);
    expect(cursor.seen[0]).toBe('id-20');
    const next = advanceRssCursor(cursor, ['id-20', 'new'], 500, {});
    expect(next.seen.at(-1)).toBe('new');
    expect(next.seen.at(-2)).toBe('id-20');
    expect(next.newest).toBe(1000);
    expect(next.etag).toBeUndefined();
  });

  it('starts afresh from an unreadable cursor', () => {
    expect(readRssCursor('{not json')).toEqual({ v: 1, seen: [] });
    expect(readRssCursor('{"v":2}')).toEqual({ v: 1, seen: [] });
  });
});
