import { describe, expect, it } from 'vitest';
import { safeExternalUrl } from '../../../../renderer/features/feed/external-link';
import { channelBadge, sentimentBadge } from '../../../../renderer/features/feed/mention-view';
import { formatCount, formatDuration, formatRelative } from '../../../../renderer/features/feed/relative-time';
import { CHANNELS } from '../../../../shared/mention';

describe('relative time against hub time', () => {
  const now = 1_800_000_000_000;
  it('formats seconds, minutes, hours and days', () => {
    expect(formatRelative(now - 3_000, now)).toBe('just now');
    expect(formatRelative(now - 45_000, now)).toBe('45s ago');
    expect(formatRelative(now - 3 * 60_000, now)).toBe('3m ago');
    expect(formatRelative(now - 125 * 60_000, now)).toBe('2h 5m ago');
    expect(formatRelative(now - 2 * 3_600_000, now)).toBe('2h ago');
    expect(formatRelative(now - 76 * 3_600_000, now)).toBe('3d 4h ago');
  });
  it('treats future times (clock skew, sped-up hub) as just now', () => {
    expect(formatRelative(now + 60_000, now)).toBe('just now');
    expect(formatDuration(-5)).toBe('0s');
  });
  it('shortens follower counts', () => {
    expect(formatCount(950)).toBe('950');
    expect(formatCount(1234)).toBe('1.2k');
    expect(formatCount(80_000)).toBe('80k');
    expect(formatCount(1_250_000)).toBe('1.3M');
    expect(formatCount(2_000_000)).toBe('2M');
  });
});

describe('external links', () => {
  it('allows only absolute http(s) URLs without credentials', () => {
    expect(safeExternalUrl('https://x.com/a/status/1')).toBe('https://x.com/a/status/1');
    expect(safeExternalUrl('http://example.com')).toBe('http://example.com/');
    expect(safeExternalUrl('javascript:alert(1)')).toBeNull();
    expect(safeExternalUrl('JaVaScRiPt:alert(1)')).toBeNull();
    expect(safeExternalUrl('data:text/html,<b>x</b>')).toBeNull();
    expect(safeExternalUrl('file:///etc/passwd')).toBeNull();
    expect(safeExternalUrl('/relative')).toBeNull();
    expect(safeExternalUrl('https://user:pw@evil.example/')).toBeNull();
    expect(safeExternalUrl(undefined)).toBeNull();
  });
});

describe('mention badges', () => {
  it('reads unsure below 0.5 confidence', () => {
    expect(sentimentBadge({ label: 'negative', score: -0.8, confidence: 0.9 })).toBe('negative');
    expect(sentimentBadge({ label: 'positive', score: 0.1, confidence: 0.49 })).toBe('unsure');
    expect(sentimentBadge({ label: 'neutral', score: 0, confidence: 0.5 })).toBe('neutral');
  });
  it('has a distinct short badge for every channel', () => {
    const shorts = CHANNELS.map((c) => channelBadge(c).short);
    expect(new Set(shorts).size).toBe(CHANNELS.length);
  });
});
