import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { IPC_INVOKE } from '../../../shared/contract';
import { TEAM_HUB_CHANNEL, type TeamHubReply } from '../../../shared/team-hub';
import { bootHub, createLogger, type BootOptions, type Hub } from '../../../electron/core';
import { ManualClock } from '../../../electron/core/runtime/clock';
import { startDesktopHost } from '../../../electron/main/desktop-host';
import { memoryPreferences, preferencesStore, type PreferencesBackend } from '../../../electron/main/preferences';
import { TEAM_HUB_PARTITION } from '../../../electron/main/team-window';
import { startTestHub, type TestHub } from '../../helpers/headless-hub';
import { cancellable, electron, state, type StandInWindow } from './electron-stand-in';

/**
 * Settings → "Connect to a team hub", through the real desktop host on the recording Electron stand-in, against
 * a real hub on loopback: what is saved where, the switch, the navigation lock and where the token goes.
 */

let remote: TestHub;
let token = '';
let dataRoot = '';
let prefsBackend: PreferencesBackend;
let logs = '';
const booted = { running: 0, stops: 0 };

const demoBootHub = async (options: BootOptions): Promise<Hub> => {
  const hub = await bootHub({ ...options, demo: true, clock: new ManualClock() });
  booted.running += 1;
  return {
    ...hub,
    stop: async () => {
      await hub.stop();
      booted.running -= 1;
      booted.stops += 1;
    },
  };
};

const logger = () =>
  createLogger(
    'debug',
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        logs += chunk.toString();
        done();
      },
    }),
  );

const startHost = () => {
  state.userData = dataRoot;
  return startDesktopHost(electron, {
    argv: [],
    env: {},
    paths: { preload: join(dataRoot, 'preload.cjs'), renderer: join(dataRoot, 'renderer') },
    openPreferences: async (log) => preferencesStore(prefsBackend, log),
    bootHub: demoBootHub,
    logger: logger(),
    fetch,
  });
};
/** The team hub's vault file, in the stand-in's userData folder. */
const vaultFile = async () =>
  JSON.parse(await readFile(join(electron.app.getPath('userData'), 'team-hub.json'), 'utf8')) as {
    sources: Record<string, Record<string, string>>;
  };

type Handler = (event: unknown, ...args: unknown[]) => Promise<unknown>;
const handler = (channel: string): Handler => {
  const h = state.handlers.get(channel);
  if (!h) throw new Error(`no handler on ${channel}`);
  return h as unknown as Handler;
};
const from = (url: string) => ({ senderFrame: { url, parent: null, isDestroyed: () => false } });
const APP_PAGE = 'app://earshot/index.html';
const connect = (url: string, secret: string, sender = APP_PAGE) =>
  handler(TEAM_HUB_CHANNEL)(from(sender), { action: 'connect', url, token: secret }) as Promise<TeamHubReply>;
const lastWindow = (): StandInWindow => {
  const w = state.windows.at(-1);
  if (!w) throw new Error('no window');
  return w;
};
const hubOriginOf = (): string => new URL(remote.url).origin;

beforeAll(async () => {
  remote = await startTestHub();
  await remote.users.addUser({ name: 'desk-4', role: 'supervisor' });
  const created = await remote.users.createToken('desk-4', 'desktop');
  if (!created.ok) throw new Error(created.error.message);
  token = created.value.secret;
});
afterAll(async () => {
  await remote.close();
  await rm(dataRoot, { recursive: true, force: true });
});
beforeEach(async () => {
  if (dataRoot) await rm(dataRoot, { recursive: true, force: true });
  dataRoot = await mkdtemp(join(tmpdir(), 'earshot-team-mode-'));
  state.userData = dataRoot;
  state.windows.length = 0;
  state.handlers.clear();
  state.partitions.clear();
  state.menus.length = 0;
  electron.app.removeAllListeners();
  prefsBackend = memoryPreferences();
  logs = '';
});

describe('Settings → "Connect to a team hub"', () => {
  it('refuses what it cannot verify and changes nothing: not https, refused token, unreachable, another page', async () => {
    const host = await startHost();
    expect(host.hub).not.toBeNull();
    expect(await connect('http://hub.example.com', token)).toMatchObject({ ok: false, error: { code: 'not-https' } });
    const refused = await connect(remote.url, `eat_${'z'.repeat(43)}`);
    expect(refused).toMatchObject({ ok: false, error: { code: 'refused' } });
    expect(await connect('http://127.0.0.1:1', token)).toMatchObject({ ok: false, error: { code: 'unreachable' } });
    expect(await connect(remote.url, token, 'https://evil.example/')).toMatchObject({
      ok: false,
      error: { code: 'forbidden-sender' },
    });
    expect(await handler(TEAM_HUB_CHANNEL)(from(APP_PAGE), { action: 'connect', url: remote.url })).toMatchObject({
      ok: false,
      error: { code: 'invalid-request' },
    });
    expect(prefsBackend.get('teamHub')).toBeUndefined();
    expect(state.windows).toHaveLength(1);
    expect(booted.running).toBe(1);
    electron.app.quit();
    await host.stopped;
  });

  it('saves the token in the vault and only the origin in the preferences, stops the own hub, opens the team hub', async () => {
    const stopsBefore = booted.stops;
    await startHost();
    const own = lastWindow();
    const reply = await connect(`${remote.url}`, token);
    expect(reply).toEqual({ ok: true, value: { origin: hubOriginOf(), user: { name: 'desk-4', role: 'supervisor' } } });

    // Saved: the origin in the preferences, the token encrypted in the vault file (the stand-in's
    // "encryption" is the identity, so the file holds its base64), nowhere else.
    expect(prefsBackend.get('teamHub')).toEqual({ origin: hubOriginOf() });
    const vault = await vaultFile();
    expect(vault.sources['team-hub']?.token).toBe(Buffer.from(token).toString('base64'));

    // Switched: the own hub stopped (its IPC gone), its window closed; the team hub's page in a new window.
    expect(booted.stops).toBe(stopsBefore + 1);
    expect(booted.running).toBe(0);
    expect(state.handlers.has(IPC_INVOKE)).toBe(false);
    expect(own.destroyed).toBe(true);
    const team = lastWindow();
    expect(team.loaded).toBe(`${hubOriginOf()}/`);
    expect(team.options.webPreferences).toMatchObject({
      partition: TEAM_HUB_PARTITION,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    });
    expect(team.options.webPreferences.preload).toBeUndefined();
    expect(state.menus.at(-1)?.map((item) => item.label)).toContain('Use this computer’s own hub');

    // The token goes to the hub's origin (pages, API, WebSocket) in the network layer, nowhere else.
    const hooks = state.partitions.get(TEAM_HUB_PARTITION);
    expect(hooks?.headers).toBeTypeOf('function');
    const send = hooks?.send;
    if (!send) throw new Error('no token hook');
    expect(send.urls).toEqual([`${hubOriginOf()}/*`, `${hubOriginOf().replace('http', 'ws')}/*`]);
    const headersFor = (url: string, requestHeaders: Record<string, string> = {}) => {
      let sent: Record<string, string> | undefined;
      send.hook({ url, requestHeaders }, (response) => (sent = response.requestHeaders));
      return sent;
    };
    expect(headersFor(`${hubOriginOf()}/api/session`)).toEqual({ Authorization: `Bearer ${token}` });
    expect(headersFor(`${hubOriginOf().replace('http', 'ws')}/ws`)).toEqual({ Authorization: `Bearer ${token}` });
    expect(headersFor('https://evil.example/', { authorization: 'Bearer planted' })).toEqual({});

    // Navigation stays on the hub's origin.
    const stay = cancellable();
    team.webContents.emit('will-navigate', stay, `${hubOriginOf()}/?view=board`);
    expect(stay.defaultPrevented).toBe(false);
    for (const url of ['https://evil.example/', APP_PAGE, `${hubOriginOf().replace('127.0.0.1', 'localhost')}/`]) {
      const away = cancellable();
      team.webContents.emit('will-navigate', away, url);
      expect(away.defaultPrevented).toBe(true);
    }

    // The token never reaches a page: not in what any window was sent or loaded, not in the reply, not in a log.
    for (const w of state.windows) {
      expect(JSON.stringify(w.webContents.sent)).not.toContain(token);
      expect(w.loaded).not.toContain(token);
    }
    expect(JSON.stringify(reply)).not.toContain(token);
    expect(logs).toContain('showing a team hub');
    expect(logs).not.toContain(token);
    expect(JSON.stringify(prefsBackend.get('teamHub'))).not.toContain('eat_');

    // The token signs in on the real hub, as the window's requests would carry it.
    const session = await fetch(`${hubOriginOf()}/api/session`, {
      headers: headersFor(`${hubOriginOf()}/api/session`),
    });
    expect(await session.json()).toMatchObject({ authenticated: true, user: { name: 'desk-4' } });
  });

  it('starts on the saved team hub without booting its own, and goes back to its own hub from the tray', async () => {
    await startHost();
    expect((await connect(remote.url, token)).ok).toBe(true);
    electron.app.quit();
    state.windows.length = 0;
    state.handlers.clear();
    state.partitions.clear();
    electron.app.removeAllListeners();
    const running = booted.running;

    const host = await startHost();
    expect(host.hub).toBeNull();
    expect(booted.running).toBe(running);
    expect(state.windows.map((w) => w.loaded)).toEqual([`${hubOriginOf()}/`]);
    expect(state.partitions.get(TEAM_HUB_PARTITION)?.send).toBeDefined();

    const back = state.menus.at(-1)?.find((item) => item.label === 'Use this computer’s own hub');
    back?.click?.({} as never, undefined as never, undefined as never);
    await until(() => lastWindow().loaded === APP_PAGE);
    expect(booted.running).toBe(running + 1);
    expect(prefsBackend.get('teamHub')).toBeNull();
    const vault = await vaultFile();
    expect(vault.sources['team-hub']).toEqual({});
    expect(state.partitions.get(TEAM_HUB_PARTITION)?.send).toBeUndefined();
    expect(state.windows[0]?.destroyed).toBe(true);
    expect(state.handlers.has(IPC_INVOKE)).toBe(true);
    electron.app.quit();
    await host.stopped;
    expect(booted.running).toBe(running);
  });
});

/** Waits turn by turn (no timer) until `check` holds: the switch back boots a hub over a few turns. */
async function until(check: () => boolean): Promise<void> {
  for (let turn = 0; turn < 100_000; turn += 1) {
    if (check()) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  throw new Error('never happened');
}
