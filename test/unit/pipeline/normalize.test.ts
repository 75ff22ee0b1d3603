import { describe, expect, it } from 'vitest';
import { cleanText, isWebUrl, MAX_TEXT_LENGTH, normalizeMention } from '../../../electron/core/pipeline/normalize';
import { rawMention } from '../../helpers/mentions';

const NOW = Date.UTC(2026, 0, 5, 9, 0, 0);
const ctx = { sourceId: 'x-main', receivedAt: NOW };

describe('normalizeMention', () => {
  it('builds a stable id from source and external id and keeps the source facts', () => {
    const m = normalizeMention(rawMention(7, NOW - 1000, { url: 'https://x.com/a/status/7' }), ctx);
    expect(m).toMatchObject({ id: 'x-main:ext-7', sourceId: 'x-main', externalId: 'ext-7', channel: 'x' });
    expect(m).toMatchObject({
      createdAt: NOW - 1000,
      receivedAt: NOW,
      url: 'https://x.com/a/status/7',
    });
  });

  it('keeps the watchlist a source claimed for the attribute step, and does not enrich', () => {
    expect(normalizeMention(rawMention(1, NOW, { watchlist: 'campaign' }), ctx).claimedWatchlist).toBe('campaign');
    const plain = normalizeMention(rawMention(1, NOW), ctx);
    expect(plain).not.toHaveProperty('claimedWatchlist');
    expect(plain).not.toHaveProperty('enrichment');
  });

  it('treats posts dated far in the future as received now', () => {
    expect(normalizeMention(rawMention(1, NOW + 3_600_000), ctx).createdAt).toBe(NOW);
    expect(normalizeMention(rawMention(1, NOW + 60_000), ctx).createdAt).toBe(NOW + 60_000);
  });

  it('removes bidi overrides and control characters from the author handle and name, and keeps them on one line', () => {
    const author = { handle: '\u202Emoc.knab\u202C\u0000 ', name: 'Ana\n\u2066Admin\u2069\u001B[31m' };
    expect(normalizeMention(rawMention(1, NOW, { author }), ctx).author).toMatchObject({
      handle: 'moc.knab',
      name: 'Ana Admin[31m',
    });
    expect(normalizeMention(rawMention(1, NOW, { author: { handle: '\u202E' } }), ctx).author.handle).toBe('anonymous');
  });

  it('drops links that are not http(s)', () => {
    expect(normalizeMention(rawMention(1, NOW, { url: 'javascript:alert(1)' }), ctx).url).toBeUndefined();
    expect(isWebUrl('https://reddit.com/r/x')).toBe(true);
    expect(isWebUrl('data:text/html,hi')).toBe(false);
    expect(isWebUrl('not a url')).toBe(false);
  });
});

describe('cleanText', () => {
  it('removes control and bidi-override characters, normalizes newlines, trims', () => {
    expect(cleanText('  hi\u0000 there\r\nnext\u202Egnp.exe  ')).toBe('hi there\nnextgnp.exe');
  });

  it('keeps markup as literal text (rendering as text is the wall’s job)', () => {
    expect(cleanText('<b>bold</b> & <script>x</script>')).toBe('<b>bold</b> & <script>x</script>');
  });

  it('caps very long posts with an ellipsis', () => {
    const out = cleanText('a'.repeat(MAX_TEXT_LENGTH + 50));
    expect(out).toHaveLength(MAX_TEXT_LENGTH);
    expect(out.endsWith('…')).toBe(true);
  });
});
