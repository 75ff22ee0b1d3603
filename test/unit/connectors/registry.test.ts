import { describe, expect, it } from 'vitest';
import { CONNECTOR_FACTORIES, parseSourceConfig } from '../../../electron/core/connectors/registry';

describe('parseSourceConfig', () => {
  it('validates an entry with its type schema and applies defaults', () => {
    const r = parseSourceConfig({ id: 'x-main', type: 'x' });
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.value.factory.type).toBe('x');
      expect(r.value.config).toMatchObject({
        id: 'x-main',
        enabled: true,
        timeoutMs: 15_000,
        excludeRetweets: true,
        costPerReadUsd: 0.005,
        dailySpendCapUsd: 5,
      });
    }
  });

  it.each([
    [42, 'source entry must be an object'],
    [{ id: 'a' }, 'source "a": field "type" is missing'],
    [{ id: 'a', type: 'myspace' }, 'source "a": field "type": unknown source type "myspace"'],
    [{ id: 'r1', type: 'reddit' }, 'source "r1" (reddit): field "subreddits"'],
    [
      { id: 'ios', type: 'appstore', appId: 'acme' },
      'source "ios" (appstore): field "appId": the numeric App Store id',
    ],
    [
      { id: 'tp', type: 'trustpilot', businessUnitId: '507f191e810c19729de860ea', baseUrl: 'not a url' },
      'source "tp" (trustpilot): field "baseUrl"',
    ],
    [{ type: 'x', timeoutMs: 5 }, 'source "(no id)" (x): field "id"'],
  ])('names the source and the bad field: %j', (entry, message) => {
    const r = parseSourceConfig(entry);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('config-invalid');
      expect(r.error.message).toContain(message);
    }
  });

  it('lists each source type once', () => {
    const types = CONNECTOR_FACTORIES.map((f) => f.type);
    expect(new Set(types).size).toBe(types.length);
    expect(types).toEqual(expect.arrayContaining(['x', 'reddit', 'appstore', 'trustpilot']));
  });
});
