import { describe, expect, it } from 'vitest';
import { defaultDataDir, parseConfig } from '../../../electron/core/config';

describe('hub config', () => {
  it('needs nothing: every field has a default', () => {
    const parsed = parseConfig({});
    expect(parsed.ok && parsed.value).toMatchObject({
      retentionDays: 90,
      server: { host: '127.0.0.1', port: 4870 },
      brand: 'Nimbus Bank',
      demo: false,
      speed: 1,
      sources: [],
    });
  });

  it('names the field that is wrong', () => {
    const parsed = parseConfig({ server: { port: 'eighty' } }, 'earshot.json');
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error.message).toMatch(/^earshot\.json: server\.port: /);
    const unknown = parseConfig({ retention: 3 });
    expect(!unknown.ok && unknown.error.message).toMatch(/retention/);
  });

  it('takes server.publicHosts as host names, host:port or https:// origins, never paths', () => {
    const parsed = parseConfig({
      server: { publicHosts: ['wall.lan', '192.168.1.20:4870', 'https://wall.example.com', '[fd00::1]:4870'] },
    });
    expect(parsed.ok && parsed.value.server.publicHosts).toHaveLength(4);
    for (const bad of ['wall.lan/path', 'http://a@b', '*.lan', ''])
      expect(parseConfig({ server: { publicHosts: [bad] } }).ok, bad).toBe(false);
  });

  it('accepts a brand taxonomy override', () => {
    const parsed = parseConfig({
      taxonomy: { topics: [{ id: 'luggage', label: 'Lost luggage', terms: ['lost bag'] }] },
    });
    expect(parsed.ok).toBe(true);
  });

  it('puts data in the per-user app data folder of each OS', () => {
    expect(defaultDataDir({}, 'linux', '/home/ana')).toBe('/home/ana/.local/share/earshot');
    expect(defaultDataDir({ XDG_DATA_HOME: '/data' }, 'linux', '/home/ana')).toBe('/data/earshot');
    expect(defaultDataDir({}, 'darwin', '/Users/ana')).toBe('/Users/ana/Library/Application Support/Earshot');
    expect(defaultDataDir({ APPDATA: 'C:\\Users\\ana\\AppData\\Roaming' }, 'win32', 'C:\\Users\\ana')).toContain(
      'Earshot',
    );
  });
});
