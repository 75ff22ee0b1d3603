import { describe, expect, it } from 'vitest';
import { parseSourceConfig } from '../../../../electron/core/connectors/registry';

/** The config examples of docs/sources-b.md, parsed by the registry exactly as the hub loads them. */
const EXAMPLES: ReadonlyArray<Record<string, unknown>> = [
  {
    id: 'mastodon-social',
    type: 'mastodon',
    instanceUrl: 'https://mastodon.social',
    tags: ['acme', 'acmeoutage'],
    local: false,
    maxPagesPerTag: 5,
    pollIntervalMs: 60000,
  },
  {
    id: 'bluesky',
    type: 'bluesky',
    service: 'https://bsky.social',
    maxPagesPerQuery: 3,
    overlapMs: 120000,
    fetchFollowers: true,
    pollIntervalMs: 60000,
  },
  {
    id: 'acme-community',
    type: 'rss',
    url: 'https://community.acme.com/latest.rss',
    matchWatchlists: true,
    maxAgeHours: 72,
    pollIntervalMs: 300000,
  },
  {
    id: 'play-acme',
    type: 'googleplay',
    enabled: true,
    appId: 'com.acme.mobile',
    lang: 'en',
    country: 'us',
    watchlist: 'acme',
    maxPages: 3,
    pollIntervalMs: 600000,
  },
  { id: 'tickets', type: 'ingest' },
];

describe('source config examples (docs/sources-b.md)', () => {
  it.each(EXAMPLES.map((e) => [e.type, e] as const))('%s parses through the registry', (_type, entry) => {
    const parsed = parseSourceConfig(entry);
    expect(parsed.ok ? parsed.value.config.id : parsed.error.message).toBe(entry.id);
  });

  it('names the field in errors', () => {
    const bad = parseSourceConfig({ id: 'p', type: 'googleplay', appId: 'not a package' });
    expect(bad.ok ? '' : bad.error.message).toContain('field "appId"');
    const tag = parseSourceConfig({ id: 'm', type: 'mastodon', tags: ['#Acme', 'no spaces'] });
    expect(tag.ok ? '' : tag.error.message).toContain('field "tags.1"');
    const url = parseSourceConfig({ id: 'r', type: 'rss', url: 'ftp://x.test/feed' });
    expect(url.ok).toBe(false);
  });

  it('normalises Mastodon tags and keeps Google Play off unless enabled', () => {
    const m = parseSourceConfig({ id: 'm', type: 'mastodon', tags: ['#Acme'] });
    expect(m.ok && (m.value.config as unknown as { tags: string[] }).tags).toEqual(['acme']);
    const g = parseSourceConfig({ id: 'g', type: 'googleplay', appId: 'com.acme.app' });
    expect(g.ok && g.value.config.enabled).toBe(false);
  });
});
