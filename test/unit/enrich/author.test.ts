import { describe, expect, it } from 'vitest';
import { normaliseHandle, vipSet, weighAuthor } from '../../../electron/core/pipeline/enrich';

const none = vipSet([]);

describe('weighAuthor', () => {
  it('weighs an ordinary customer 1', () => {
    expect(weighAuthor({ handle: 'someone', followers: 150 }, {}, none)).toEqual({ authorWeight: 1, vip: false });
    expect(weighAuthor({ handle: 'someone' }, {}, none)).toEqual({ authorWeight: 1, vip: false });
  });

  it('grows with the log of followers', () => {
    const w = (followers: number): number => weighAuthor({ handle: 'a', followers }, {}, none).authorWeight;
    expect(w(10_000)).toBe(2);
    expect(w(80_000)).toBeCloseTo(2.9, 1);
    expect(w(1_000_000)).toBe(4);
    expect(w(1e12)).toBe(10);
  });

  it('uses karma when there are no followers, at half the slope', () => {
    expect(weighAuthor({ handle: 'redditor' }, { karma: 100_000 }, none).authorWeight).toBe(2);
  });

  it('boosts verified accounts', () => {
    expect(weighAuthor({ handle: 'a', followers: 10_000, verified: true }, {}, none).authorWeight).toBe(3);
  });

  it('flags VIPs case-insensitively, with or without @, and weighs them at least 5', () => {
    const vips = vipSet(['@BigCustomer', 'u/PowerUser', '  ']);
    expect(weighAuthor({ handle: 'bigcustomer' }, {}, vips)).toEqual({ authorWeight: 5, vip: true });
    expect(weighAuthor({ handle: '@BIGCUSTOMER', followers: 5_000_000 }, {}, vips).authorWeight).toBe(5);
    expect(weighAuthor({ handle: 'BigCustomer', followers: 5_000_000, verified: true }, {}, vips).authorWeight).toBe(
      7.05,
    );
    expect(weighAuthor({ handle: 'poweruser' }, {}, vips).vip).toBe(true);
    expect(weighAuthor({ handle: 'other' }, {}, vips).vip).toBe(false);
  });

  it('normalises handles', () => {
    expect(normaliseHandle(' @Foo_Bar ')).toBe('foo_bar');
    expect(normaliseHandle('u/Someone')).toBe('someone');
  });
});
