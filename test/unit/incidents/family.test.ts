import { describe, expect, it } from 'vitest';
import {
  FamilyKeySchema,
  familiesOfPost,
  familyKey,
  familyOrder,
  parseFamilyKey,
  seriesLabel,
  valueOf,
} from '../../../electron/core/incidents/family';

describe('series families', () => {
  it('round-trips every family through its key, in the persisted format', () => {
    expect(familyKey({ kind: 'volume' })).toBe('volume');
    expect(familyKey({ kind: 'negative' })).toBe('negative');
    expect(familyKey({ kind: 'topic', topic: 'login' })).toBe('topic:login');
    for (const key of ['volume', 'negative', 'topic:login']) {
      const family = parseFamilyKey(key);
      expect(family && familyKey(family)).toBe(key);
    }
    expect(parseFamilyKey('total')).toBeNull();
    expect(FamilyKeySchema.safeParse('sideways').success).toBe(false);
  });

  it('keeps the card series label, the order and the counts of each family', () => {
    expect(['volume', 'negative', 'topic:login'].map(seriesLabel)).toEqual(['total', 'negative', 'topic:login']);
    expect(['volume', 'negative', 'topic:x'].map(familyOrder)).toEqual([2, 1, 0]);
    const counts = { total: 9, negative: 4, positive: 1, topics: { login: 3 } };
    expect(['volume', 'negative', 'topic:login', 'topic:refund'].map((k) => valueOf(counts, k))).toEqual([9, 4, 3, 0]);
    expect(familiesOfPost('positive', ['login'])).toEqual(['volume']);
    expect(familiesOfPost('negative', ['login'])).toEqual(['volume', 'negative', 'topic:login']);
  });
});
