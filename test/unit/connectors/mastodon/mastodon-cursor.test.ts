import { describe, expect, it } from 'vitest';
import {
  compareIds,
  readMastodonCursor,
  writeMastodonCursor,
} from '../../../../electron/core/connectors/mastodon/mastodon-cursor';

describe('Mastodon cursor', () => {
  it('orders snowflake ids numerically and keeps only followed tags', () => {
    expect(compareIds('99', '100')).toBeLessThan(0);
    expect(compareIds('113000000000000002', '113000000000000001')).toBeGreaterThan(0);
    const raw = writeMastodonCursor({ acme: '5', old: '9' }, ['acme', 'new']);
    expect(readMastodonCursor(raw)).toEqual({ acme: '5' });
    expect(readMastodonCursor('garbage')).toEqual({});
  });
});
