import { describe, expect, it } from 'vitest';
import { emptyRingBuffer, expire, pushAll, type RingBufferPolicy } from '../../../../renderer/stores/ring-buffer';

interface Item {
  readonly id: string;
  readonly t: number;
  /** When it arrived; defaults to `t`. */
  readonly at: number;
}
const policy: RingBufferPolicy<Item> = {
  maxCount: 3,
  maxAgeMs: 1000,
  keyOf: (i) => i.id,
  orderOf: (i) => i.t,
  ageOf: (i) => i.at,
};
const item = (id: string, t: number, at = t): Item => ({ id, t, at });

describe('ring buffer', () => {
  it('keeps newest first and caps by count', () => {
    const b = pushAll(emptyRingBuffer<Item>(), [item('a', 1), item('c', 3), item('b', 2)], policy, 10);
    expect(b.items.map((i) => i.id)).toEqual(['c', 'b', 'a']);
    const c = pushAll(b, [item('d', 4)], policy, 10);
    expect(c.items.map((i) => i.id)).toEqual(['d', 'c', 'b']);
    expect([...c.keys].sort()).toEqual(['b', 'c', 'd']);
  });

  it('ignores duplicates by key, within and across batches', () => {
    const b = pushAll(emptyRingBuffer<Item>(), [item('a', 1), item('a', 2)], policy, 10);
    expect(b.items).toEqual([item('a', 1)]);
    const same = pushAll(b, [item('a', 5)], policy, 10);
    expect(same).toBe(b);
  });

  it('drops items older than the age cap', () => {
    const b = pushAll(emptyRingBuffer<Item>(), [item('old', 0), item('new', 1500)], policy, 1600);
    expect(b.items.map((i) => i.id)).toEqual(['new']);
    expect(b.keys.has('old')).toBe(false);
  });

  it('expire returns the same buffer when nothing expired, a new one otherwise', () => {
    const b = pushAll(emptyRingBuffer<Item>(), [item('a', 100), item('b', 900)], policy, 1000);
    expect(expire(b, policy, 1000)).toBe(b);
    const after = expire(b, policy, 1500);
    expect(after).not.toBe(b);
    expect(after.items.map((i) => i.id)).toEqual(['b']);
  });

  it('merges late items into place by order time and ages them by arrival time', () => {
    const b = pushAll(emptyRingBuffer<Item>(), [item('a', 100), item('c', 300)], policy, 300);
    const late = pushAll(b, [item('b', 200, 900), item('d', 400)], policy, 900);
    expect(late.items.map((i) => i.id)).toEqual(['d', 'c', 'b']);
    const aged = expire(late, policy, 1350);
    expect(aged.items.map((i) => i.id)).toEqual(['d', 'b']);
  });

  it('never mutates the previous buffer', () => {
    const b = pushAll(emptyRingBuffer<Item>(), [item('a', 1)], policy, 10);
    const itemsBefore = b.items;
    const keysBefore = b.keys;
    const c = pushAll(b, [item('b', 2)], policy, 10);
    expect(b.items).toBe(itemsBefore);
    expect(b.items).toHaveLength(1);
    expect(keysBefore.has('b')).toBe(false);
    expect(c.keys).not.toBe(keysBefore);
  });
});
