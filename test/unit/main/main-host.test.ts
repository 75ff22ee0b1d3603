import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { memoryPreferences, preferencesStore } from '../../../electron/main/preferences';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { IPC_EVENT, IPC_INVOKE, type HubEvent } from '../../../shared/contract';
import type { Result } from '../../../shared/result';
import { IncidentSchema } from '../../../shared/incident';
import { bootHub, type BootOptions, type Hub } from '../../../electron/core';
import { ManualClock } from '../../../electron/core/runtime/clock';
import { startDesktopHost } from '../../../electron/main/desktop-host';
import { cancellable, electron, state } from './electron-stand-in';

/**
 * Electron itself cannot run here (no binary), so this hands startDesktopHost a recording stand-in for the
 * Electron APIs it uses: the host's wiring is under test, with a real hub booted underneath.
 */

/** Pass-through: the real bootHub, remembering the hub it booted so the test can emit on its event bus. */
const booted = {
  hub: null as null | Hub,
  stopped: false,
};
const demoBootHub = async (options: BootOptions): Promise<Hub> => {
  const hub = await bootHub({ ...options, demo: true, clock: new ManualClock() });
  booted.hub = hub;
  return {
    ...hub,
    stop: async () => {
      await hub.stop();
      booted.stopped = true;
    },
  };
};

let dataRoot = '';

afterAll(async () => {
  await rm(dataRoot, { recursive: true, force: true });
});

describe('startDesktopHost (electron/main/desktop-host.ts)', () => {
  it('boots the hub, opens a locked-down window, serves IPC to it, alerts on P1 and stops the hub on quit', async () => {
    dataRoot = await mkdtemp(join(tmpdir(), 'earshot-main-'));
    state.userData = dataRoot;
    const configPath = join(dataRoot, 'earshot.config.json');
    await writeFile(configPath, JSON.stringify({ sources: [{ id: 'masto', type: 'mastodon', enabled: true }] }));
    const host = await startDesktopHost(electron, {
      argv: [],
      env: { EARSHOT_CONFIG: configPath },
      paths: { preload: join(dataRoot, 'preload.cjs'), renderer: join(dataRoot, 'renderer') },
      // Preferences in memory: electron-store imports Electron itself, which has no binary here.
      openPreferences: async (log) => preferencesStore(memoryPreferences(), log),
      bootHub: demoBootHub,
    });
    expect(host.hub).not.toBeNull();
    expect(state.windows).toHaveLength(1);
    expect(state.handlers.has(IPC_INVOKE)).toBe(true);

    const window = state.windows[0];
    if (!window) throw new Error('no window');
    const openHandler = window.webContents.openHandler;
    if (!openHandler) throw new Error('no window-open handler');
    expect(window.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
    });
    expect(window.loaded).toBe('app://earshot/index.html');
    expect(state.protocolHandlers.has('app')).toBe(true);
    expect(state.session.headers).toBeTypeOf('function');

    const invoke = state.handlers.get(IPC_INVOKE) as (e: unknown, n: unknown, p: unknown) => Promise<Result<unknown>>;
    const sender = (url: string) => ({ senderFrame: { url, parent: null, isDestroyed: () => false } });
    expect((await invoke(sender(window.loaded), 'status:get', {})).ok).toBe(true);
    expect(await invoke(sender('https://evil.example/'), 'status:get', {})).toMatchObject({ ok: false });

    const navigation = cancellable();
    window.webContents.emit('will-navigate', navigation, 'https://evil.example/');
    expect(navigation.defaultPrevented).toBe(true);
    expect(openHandler({ url: 'https://x.com/a/status/1' })).toEqual({ action: 'deny' });
    expect(openHandler({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    // The configured Mastodon source reads the default instance, so its posts' links open too.
    expect(openHandler({ url: 'https://mastodon.social/@nimbus/1' })).toEqual({ action: 'deny' });
    // The stand-in's shell.openExternal records the link as it is called: no wait needed.
    expect(state.opened).toEqual(['https://x.com/a/status/1', 'https://mastodon.social/@nimbus/1']);

    const p1 = IncidentSchema.parse({
      id: 'inc-1',
      title: 'Login failures',
      severity: 'P1',
      state: 'open',
      watchlist: 'nimbus',
      topics: ['login'],
      channels: ['x'],
      openedAt: 0,
      updatedAt: 0,
      resolvedAt: null,
      evidence: {
        series: 'topic:login',
        baselinePerMinute: 1,
        observedPerMinute: 12,
        statistic: 's',
        startedAt: 0,
        risingTerms: [],
        firstPost: null,
        representativePosts: [],
        sourceMix: [],
        sentimentShift: { baselineNegativeShare: 0, observedNegativeShare: 1 },
        topics: [],
      },
    });
    const changed: HubEvent = { name: 'incidents:changed', payload: { incidents: [p1] } };
    booted.hub?.core.events.emit(changed);
    booted.hub?.core.events.emit(changed);
    expect(window.webContents.sent.filter(([, e]) => e === changed)).toEqual([
      [IPC_EVENT, changed],
      [IPC_EVENT, changed],
    ]);
    expect(state.notifications).toEqual([
      { title: 'P1: Login failures', body: '12/min vs 1.0 usual · x', urgency: 'critical', silent: false, shown: true },
    ]);

    // The local user is an admin: a new P2 shows too, without the chime.
    const p2 = IncidentSchema.parse({ ...p1, id: 'inc-2', severity: 'P2', title: 'Refund delays' });
    booted.hub?.core.events.emit({ name: 'incidents:changed', payload: { incidents: [p2] } });
    expect(state.notifications.at(-1)).toMatchObject({ title: 'P2: Refund delays', urgency: 'normal', silent: true });

    // Do not disturb, from the tray: a new P1 shows nothing (and is not replayed when it is turned off).
    const dnd = state.menus.at(-1)?.find((item) => item.label === 'Do not disturb');
    expect(dnd).toMatchObject({ type: 'checkbox', checked: false });
    dnd?.click?.({ checked: true } as never, undefined as never, undefined as never);
    const quietP1 = IncidentSchema.parse({ ...p1, id: 'inc-3', title: 'Card payments failing' });
    booted.hub?.core.events.emit({ name: 'incidents:changed', payload: { incidents: [quietP1] } });
    expect(state.notifications).toHaveLength(2);
    dnd?.click?.({ checked: false } as never, undefined as never, undefined as never);
    booted.hub?.core.events.emit({ name: 'incidents:changed', payload: { incidents: [quietP1] } });
    expect(state.notifications).toHaveLength(2);

    const closing = cancellable();
    window.emit('close', closing);
    expect(closing.defaultPrevented).toBe(true);

    electron.app.quit();
    await host.stopped;
    expect(state.quits).toBe(2);
    expect(booted.stopped).toBe(true);
  });
});
