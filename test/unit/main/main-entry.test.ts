import { describe, expect, it, vi } from 'vitest';

/**
 * electron/main/main.ts is the bundle's entry: it only hands the `electron` module to startDesktopHost (whose
 * own tests drive it with a stand-in). Importing it runs it, so `electron` is replaced here by a marker and
 * the host by a recorder: the test checks what the entry passes on, not Electron.
 */
const marker = vi.hoisted(() => ({ app: { name: 'the electron module' } }));
const started = vi.hoisted(() => [] as unknown[][]);
vi.mock('electron', () => marker);
vi.mock('../../../electron/main/desktop-host', () => ({
  startDesktopHost: (...args: unknown[]) => {
    started.push(args);
    return Promise.resolve({ hub: null, stopped: Promise.resolve() });
  },
}));

describe('electron/main/main.ts', () => {
  it('starts the desktop host once, with the electron module and the default options', async () => {
    await import('../../../electron/main/main');
    expect(started).toHaveLength(1);
    expect(started[0]).toHaveLength(1);
    expect((started[0]?.[0] as typeof marker).app).toBe(marker.app);
  });
});
