import { describe, expect, it } from 'vitest';
import { parseHostArgs } from '../../../electron/main/host-args';

describe('parseHostArgs', () => {
  it('reads the serve flags in either form and ignores Electron and Chromium arguments', () => {
    const argv = [
      '/usr/lib/electron',
      '.',
      '--password-store=gnome-libsecret',
      '--config',
      '/etc/earshot.json',
      '--demo',
      '--speed=60',
    ];
    expect(parseHostArgs(argv)).toEqual({ configPath: '/etc/earshot.json', demo: true, speed: 60 });
    expect(parseHostArgs(['/opt/Earshot/earshot', '--config=/c.json'])).toEqual({ configPath: '/c.json' });
    expect(parseHostArgs(['/opt/Earshot/earshot'])).toEqual({});
  });

  it('falls back to EARSHOT_CONFIG, and the flag wins over it', () => {
    expect(parseHostArgs(['app'], { EARSHOT_CONFIG: '/env.json' })).toEqual({ configPath: '/env.json' });
    expect(parseHostArgs(['app', '--config', '/flag.json'], { EARSHOT_CONFIG: '/env.json' })).toEqual({
      configPath: '/flag.json',
    });
  });

  it('explains a bad speed or an empty config path', () => {
    expect(parseHostArgs(['app', '--speed', 'fast'])).toBe('--speed must be a positive number, got "fast".');
    expect(parseHostArgs(['app', '--speed=0'])).toMatch(/positive number/);
    expect(parseHostArgs(['app', '--speed'])).toMatch(/positive number/);
    expect(parseHostArgs(['app', '--config='])).toBe('--config needs a file path.');
  });
});
