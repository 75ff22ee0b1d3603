import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bootHub, type BootOptions } from '../../../electron/core';
import { ManualClock } from '../../../electron/core/runtime/clock';
import { silentLogger } from '../../../electron/core/runtime/logger';
import { startDesktopHost } from '../../../electron/main/desktop-host';
import { printToPdfRenderer, saveWallPng } from '../../../electron/main/desktop-print';
import { kioskUrl, planDisplays, startDisplayWalls } from '../../../electron/main/displays';
import {
  DEFAULT_PREFERENCES,
  memoryPreferences,
  openPreferences,
  preferencesStore,
} from '../../../electron/main/preferences';
import { electron, state, type StandInWindow } from './electron-stand-in';

const logger = silentLogger();
const PRIMARY = { id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 } };
const TV = { id: 7, bounds: { x: 1920, y: 0, width: 3840, height: 2160 } };
const SECURE = { contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false };

let dir = '';
afterAll(async () => {
  if (dir !== '') await rm(dir, { recursive: true, force: true });
});

const kioskWindows = (): StandInWindow[] => state.windows.filter((w) => w.options.kiosk === true && !w.destroyed);

describe('the display plan', () => {
  it('puts the executive display on every monitor but the primary unless the preferences say otherwise', () => {
    expect(planDisplays([PRIMARY, TV], 1, {})).toEqual([
      { displayId: 7, bounds: TV.bounds, scenes: ['overview', 'channels', 'topics', 'incidents'] },
    ]);
    const prefs = {
      '1': { kiosk: true, scenes: ['incidents' as const] },
      '7': { kiosk: false, scenes: ['overview' as const] },
    };
    expect(planDisplays([PRIMARY, TV], 1, prefs)).toEqual([
      { displayId: 1, bounds: PRIMARY.bounds, scenes: ['incidents'] },
    ]);
    expect(kioskUrl({ displayId: 7, bounds: TV.bounds, scenes: ['overview', 'incidents'] })).toBe(
      'app://earshot/index.html?wall=1&display=7&scenes=overview,incidents',
    );
  });
});

describe('kiosk windows per monitor', () => {
  it('opens one kiosk window per planned monitor, keeps the screen awake, follows display-added/removed', () => {
    state.displays = [PRIMARY, TV];
    const prefs = preferencesStore(memoryPreferences(), logger);
    const walls = startDisplayWalls({ electron, preload: '/app/preload.cjs', prefs, logger });
    walls.sync();
    expect(walls.open()).toEqual([7]);
    const [tv] = kioskWindows();
    expect(tv?.options).toMatchObject({ kiosk: true, fullscreen: true, ...TV.bounds, webPreferences: SECURE });
    expect(tv?.options.webPreferences.preload).toBe('/app/preload.cjs');
    expect(tv?.loaded).toBe('app://earshot/index.html?wall=1&display=7&scenes=overview,channels,topics,incidents');
    expect([...state.blockers.values()]).toEqual(['prevent-display-sleep']);

    state.displays = [PRIMARY];
    electron.screen.emit('display-removed', {}, TV);
    expect(walls.open()).toEqual([]);
    expect(tv?.destroyed).toBe(true);
    expect(state.blockers.size).toBe(0);

    state.displays = [PRIMARY, TV];
    electron.screen.emit('display-added', {}, TV);
    expect(walls.open()).toEqual([7]);
    expect(state.blockers.size).toBe(1);
    walls.closeAll();
    expect(kioskWindows()).toEqual([]);
    expect(state.blockers.size).toBe(0);
    electron.screen.emit('display-added', {}, TV);
    expect(kioskWindows()).toEqual([]);
  });
});

describe('preferences (electron-store)', () => {
  it('reads each key through its schema: a bad value falls back to its default, a good one is kept', () => {
    const backend = memoryPreferences({
      theme: 'neon',
      doNotDisturb: true,
      displays: { '7': { kiosk: true, scenes: [] } },
    });
    const prefs = preferencesStore(backend, logger);
    expect(prefs.read()).toEqual({ ...DEFAULT_PREFERENCES, doNotDisturb: true });
    prefs.update({ theme: 'light', windowBounds: { '1': { x: 10, y: 20, width: 1400, height: 900 } } });
    expect(backend.get('theme')).toBe('light');
    expect(prefs.read().windowBounds['1']).toEqual({ x: 10, y: 20, width: 1400, height: 900 });
    expect(() => prefs.update({ theme: 'neon' as 'light' })).toThrow();
  });

  it('keeps preferences in memory for the run when electron-store cannot load', async () => {
    const prefs = await openPreferences(logger, () => Promise.reject(new Error('Cannot find package')));
    prefs.update({ doNotDisturb: true });
    expect(prefs.read().doNotDisturb).toBe(true);
  });
});

describe('the desktop host with two monitors', () => {
  it('opens the wall and a kiosk executive display, applies and keeps preferences, prints PDFs with printToPDF', async () => {
    dir = await mkdtemp(join(tmpdir(), 'earshot-displays-'));
    state.userData = dir;
    state.windows.length = 0;
    state.displays = [PRIMARY, TV];
    const backend = memoryPreferences({
      theme: 'dark',
      windowBounds: { '1': { x: 40, y: 30, width: 1500, height: 950 } },
    });
    const host = await startDesktopHost(electron, {
      argv: [],
      env: {},
      paths: { preload: join(dir, 'preload.cjs'), renderer: join(dir, 'renderer') },
      bootHub: (options: BootOptions) => bootHub({ ...options, demo: true, clock: new ManualClock() }),
      openPreferences: async (log) => preferencesStore(backend, log),
    });
    expect(host.hub).not.toBeNull();
    expect(state.themeSource).toBe('dark');
    const [main] = state.windows;
    expect(main?.bounds).toEqual({ x: 40, y: 30, width: 1500, height: 950 });
    expect(kioskWindows().map((w) => w.loaded)).toEqual([expect.stringContaining('?wall=1&display=7')]);

    main?.setBounds({ x: 1950, y: 10 });
    main?.emit('moved');
    expect((backend.get('windowBounds') as Record<string, unknown>)['7']).toEqual({
      x: 1950,
      y: 10,
      width: 1500,
      height: 950,
    });
    const dnd = state.menus.at(-1)?.find((item) => item.label === 'Do not disturb');
    dnd?.click?.({ checked: true } as never, undefined as never, undefined as never);
    expect(backend.get('doNotDisturb')).toBe(true);

    const render = printToPdfRenderer(electron, logger);
    const before = state.windows.length;
    const pdf = await render('<!doctype html><h1>Post-mortem &amp; timeline</h1>');
    expect(pdf.ok && Buffer.from(pdf.value).toString()).toBe('%PDF-1.7 fake');
    const printer = state.windows[before];
    expect(printer?.options).toMatchObject({ show: false, webPreferences: { ...SECURE, javascript: false } });
    expect(printer?.options.webPreferences.preload).toBeUndefined();
    expect(state.printed.at(-1)).toBe(
      `data:text/html;charset=utf-8,${encodeURIComponent('<!doctype html><h1>Post-mortem &amp; timeline</h1>')}`,
    );
    expect(printer?.destroyed).toBe(true);

    state.savePath = join(dir, 'wall.png');
    expect(main && (await saveWallPng(electron, main, Date.UTC(2026, 0, 5), logger))).toBe(state.savePath);
    expect((await readFile(state.savePath)).toString()).toBe('\x89PNG fake');

    electron.app.quit();
    await host.stopped;
    expect(kioskWindows()).toEqual([]);
    expect(state.blockers.size).toBe(0);
  });
});
