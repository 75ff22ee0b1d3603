import { mkdtemp, rm } from 'node:fs/promises';
import { memoryPreferences, preferencesStore, type PreferencesStore } from '../../../electron/main/preferences';
import type { Logger } from '../../../electron/core';

/** Preferences in memory: electron-store imports Electron itself, which has no binary here. */
const inMemory = async (log: Logger): Promise<PreferencesStore> => preferencesStore(memoryPreferences(), log);
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startDesktopHost } from '../../../electron/main/desktop-host';
import { electron, state } from './electron-stand-in';

let dataRoot = '';

afterAll(async () => {
  await rm(dataRoot, { recursive: true, force: true });
});

describe('startDesktopHost when the hub cannot start', () => {
  it('says why in an error box and exits with 1, opening no window', async () => {
    dataRoot = await mkdtemp(join(tmpdir(), 'earshot-main-fail-'));
    state.userData = dataRoot;
    const paths = { preload: join(dataRoot, 'preload.cjs'), renderer: join(dataRoot, 'renderer') };
    // The stand-in's app.exit throws (a real one ends the process), so the start rejects with it.
    await expect(
      startDesktopHost(electron, { argv: ['--speed', 'fast'], env: {}, paths, openPreferences: inMemory }),
    ).rejects.toThrow('app.exit(1)');
    expect(state.opened).toEqual(['error:Earshot could not start:--speed must be a positive number, got "fast".']);
    expect(state.windows).toEqual([]);
    expect(state.sandboxEnabled).toBe(true);
  });
});
