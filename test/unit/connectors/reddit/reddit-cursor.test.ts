import { describe, expect, it } from 'vitest';
import { advanceFeed, isUnseen, readRedditCursor } from '../../../../electron/core/connectors/reddit/reddit-cursor';

describe('Reddit feed cursor (the shared high-water mark plus the newest fullname)', () => {
  it('starts at the newest post, keeps every fullname at the newest instant and names the first post there', () => {
    const first = advanceFeed(undefined, [
      { name: 't3_b', at: 2000 },
      { name: 't3_c', at: 2000 },
      { name: 't3_a', at: 1000 },
    ]);
    expect(first).toEqual({ newest: 't3_b', newestAt: 2000, idsAtNewest: ['t3_b', 't3_c'] });
    const tie = advanceFeed(first, [{ name: 't3_d', at: 2000 }]);
    expect(tie).toEqual({ newest: 't3_b', newestAt: 2000, idsAtNewest: ['t3_b', 't3_c', 't3_d'] });
    const newer = advanceFeed(tie, [
      { name: 't3_f', at: 1500 },
      { name: 't3_e', at: 3000 },
    ]);
    expect(newer).toEqual({ newest: 't3_e', newestAt: 3000, idsAtNewest: ['t3_e'] });
    expect(advanceFeed(newer, [])).toBe(newer);
    expect(advanceFeed(undefined, [])).toBeUndefined();
  });

  it('treats posts at the mark as seen only by fullname, and older posts as seen', () => {
    const mark = { newest: 't3_b', newestAt: 2000, idsAtNewest: ['t3_b'] };
    expect(isUnseen(undefined, 't3_a', 0)).toBe(true);
    expect(isUnseen(mark, 't3_b', 2000)).toBe(false);
    expect(isUnseen(mark, 't3_c', 2000)).toBe(true);
    expect(isUnseen(mark, 't3_z', 1999)).toBe(false);
    expect(isUnseen(mark, 't3_z', 2001)).toBe(true);
  });

  it('reads a stored cursor and starts afresh from an unreadable one', () => {
    const stored = JSON.stringify({
      v: 1,
      feeds: { 'r/acme': { newest: 't3_b', newestAt: 2000, idsAtNewest: ['t3_b'] } },
    });
    expect(readRedditCursor(stored).feeds['r/acme']?.newest).toBe('t3_b');
    expect(readRedditCursor('{"v":1,"feeds":{"r/acme":{"newestAt":1}}}')).toEqual({ v: 1, feeds: {} });
    expect(readRedditCursor(null)).toEqual({ v: 1, feeds: {} });
  });
});
