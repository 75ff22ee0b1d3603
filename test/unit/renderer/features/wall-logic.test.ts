import { describe, expect, it } from 'vitest';
import { actionForKey, SHORTCUTS } from '../../../../renderer/app/shortcuts';
import { parsePersistedSettings } from '../../../../renderer/stores/settings-slice';
import { freshness, STALE_AFTER_MS } from '../../../../renderer/stores/sources-slice';
import { makeHealth } from '../fixtures';

const key = (k: string, over: Partial<Parameters<typeof actionForKey>[0]> = {}) =>
  actionForKey({ key: k, ctrlKey: false, metaKey: false, altKey: false, inTextField: false, ...over });

describe('keyboard shortcuts', () => {
  it('maps the documented keys', () => {
    expect(key('t')).toBe('toggle-theme');
    expect(key('s')).toBe('toggle-settings');
    expect(key('j')).toBe('next-mention');
    expect(key('k')).toBe('previous-mention');
    expect(key('?')).toBe('toggle-help');
    expect(key('Escape')).toBe('close');
    expect(key('x')).toBeNull();
    expect(new Set(SHORTCUTS.map((s) => s.key)).size).toBe(SHORTCUTS.length);
  });
  it('leaves keys to text fields and modifier combinations, except Escape', () => {
    expect(key('t', { inTextField: true })).toBeNull();
    expect(key('Escape', { inTextField: true })).toBe('close');
    expect(key('s', { ctrlKey: true })).toBeNull();
    expect(key('j', { metaKey: true })).toBeNull();
  });
});

describe('persisted settings', () => {
  it('reads valid settings and ignores anything malformed', () => {
    expect(parsePersistedSettings('{"theme":"light","largeType":true}')).toEqual({ theme: 'light', largeType: true });
    expect(parsePersistedSettings('{"theme":"purple"}')).toEqual({});
    expect(parsePersistedSettings('not json')).toEqual({});
    expect(parsePersistedSettings(null)).toEqual({});
  });
});

describe('source freshness', () => {
  const now = 1_800_000_000_000;
  it('reports data age and marks old or failing sources stale', () => {
    expect(freshness(makeHealth('a', { lastItemAt: now - 5000 }), now)).toEqual({ ageMs: 5000, stale: false });
    expect(freshness(makeHealth('a', { lastItemAt: now - STALE_AFTER_MS - 1 }), now).stale).toBe(true);
    expect(freshness(makeHealth('a', { lastItemAt: now, state: 'auth-error' }), now).stale).toBe(true);
    expect(freshness(makeHealth('a'), now)).toEqual({ ageMs: null, stale: false });
  });
});
