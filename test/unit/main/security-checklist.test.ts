import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { memoryPreferences, preferencesStore } from '../../../electron/main/preferences';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { IPC_EVENT, IPC_INVOKE } from '../../../shared/contract';
import type { Result } from '../../../shared/result';
import { bootHub } from '../../../electron/core';
import { ManualClock } from '../../../electron/core/runtime/clock';
import { startDesktopHost } from '../../../electron/main/desktop-host';
import { CONTENT_SECURITY_POLICY } from '../../../electron/main/security';
import { cancellable, electron, ipcRenderer, state, type StandInWindow } from './electron-stand-in';

/**
 * Electron's security checklist (electronjs.org/docs/latest/tutorial/security), one test per item, against the
 * real host (startDesktopHost, handed the recording Electron stand-in, and the preload) with a real hub
 * underneath. SECURITY.md maps each item to its enforcement and to the test here.
 *
 * The host takes its Electron APIs as an argument; only the preload (item 20) imports `electron` at runtime
 * (`contextBridge`, `ipcRenderer`, as a sandboxed preload must), so the module is still mocked, for the preload.
 */
vi.mock('electron', async () => (await import('./electron-stand-in')).electronModule());

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const require = createRequire(import.meta.url);

let dataRoot = '';
let window: StandInWindow;
let prefs: Record<string, unknown>;

type Invoke = (event: unknown, name: unknown, payload: unknown) => Promise<Result<unknown>>;
const invoke = (url: string, name: string, isMainFrame = true): Promise<Result<unknown>> => {
  const handler = state.handlers.get(IPC_INVOKE) as Invoke;
  const senderFrame = { url, parent: isMainFrame ? null : {}, isDestroyed: () => false };
  return handler({ senderFrame }, name, {});
};
const openHandler = (url: string): { action: string } => {
  const handler = window.webContents.openHandler;
  if (!handler) throw new Error('no window-open handler');
  return handler({ url });
};
/** Emits a navigation event on the window's contents; returns whether the host cancelled it. */
const cancelled = (event: string, url: string): boolean => {
  const navigation = cancellable();
  window.webContents.emit(event, navigation, url);
  return navigation.defaultPrevented;
};
const fetchApp = (url: string): Promise<Response> => {
  const handler = state.protocolHandlers.get('app');
  if (!handler) throw new Error('app: is not handled');
  return handler(new Request(url));
};
/** Every source the CSP allows, across all directives. */
const cspSources = (policy: string): string[] => policy.split(';').flatMap((part) => part.trim().split(/\s+/).slice(1));

beforeAll(async () => {
  dataRoot = await mkdtemp(join(tmpdir(), 'earshot-checklist-'));
  state.userData = dataRoot;
  const configPath = join(dataRoot, 'earshot.config.json');
  await writeFile(configPath, JSON.stringify({ sources: [{ id: 'masto', type: 'mastodon', enabled: true }] }));
  await startDesktopHost(electron, {
    argv: [],
    env: { EARSHOT_CONFIG: configPath },
    paths: { preload: join(dataRoot, 'preload.cjs'), renderer: join(dataRoot, 'renderer') },
    // Preferences in memory: electron-store imports Electron itself, which has no binary here.
    openPreferences: async (log) => preferencesStore(memoryPreferences(), log),
    bootHub: (options) => bootHub({ ...options, demo: true, clock: new ManualClock() }),
  });
  expect(state.windows).toHaveLength(1);
  expect(state.handlers.has(IPC_INVOKE)).toBe(true);
  const first = state.windows[0];
  if (!first) throw new Error('no window');
  window = first;
  prefs = window.options.webPreferences;
});

afterAll(async () => {
  await rm(dataRoot, { recursive: true, force: true });
});

describe("Electron's security checklist", () => {
  it('1. Only load secure content: the app page over the secure app: scheme, and a CSP that allows no http(s), ws or other host', () => {
    expect(window.loaded).toBe('app://earshot/index.html');
    expect(state.privilegedSchemes[0]?.schemes).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
    for (const source of cspSources(CONTENT_SECURITY_POLICY)) {
      expect(["'self'", "'none'", "'unsafe-inline'", 'data:']).toContain(source);
    }
  });

  it('2. Do not enable Node.js integration for remote content (nor for the app itself)', () => {
    expect(prefs).toMatchObject({
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
    });
  });

  it('3. Enable context isolation', () => {
    expect(prefs.contextIsolation).toBe(true);
  });

  it('4. Enable process sandboxing: for every renderer, and this window explicitly', () => {
    expect(state.sandboxEnabled).toBe(true);
    expect(prefs.sandbox).toBe(true);
  });

  it('5. Handle session permission requests: everything is denied but writing to the clipboard', () => {
    const { request, check } = state.session;
    if (!request || !check) throw new Error('no permission handlers');
    const answers = new Map<string, boolean>();
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read', 'hid']) {
      request(window.webContents, permission, (granted) => answers.set(permission, granted));
      expect(check(window.webContents, permission)).toBe(false);
    }
    expect([...answers.values()]).toEqual([false, false, false, false, false, false]);
    request(window.webContents, 'clipboard-sanitized-write', (granted) => answers.set('clipboard', granted));
    expect(answers.get('clipboard')).toBe(true);
  });

  it('6. Do not disable webSecurity', () => {
    expect(prefs.webSecurity).toBe(true);
  });

  it("7. Define a Content-Security-Policy: on every app: response, replacing any other, with script-src 'self'", async () => {
    const page = await fetchApp('app://earshot/index.html');
    const refused = await fetchApp('app://earshot/..%2f..%2fpackage.json');
    for (const response of [page, refused]) {
      expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    }
    expect(CONTENT_SECURITY_POLICY).toMatch(/(^|; )script-src 'self'(;|$)/);
    expect(CONTENT_SECURITY_POLICY).toMatch(/(^|; )default-src 'self'(;|$)/);
    const rewrite = state.session.headers;
    if (!rewrite) throw new Error('no header hook');
    let headers: unknown;
    rewrite({ responseHeaders: { 'Content-Security-Policy': ['default-src *'] } }, (answer) => (headers = answer));
    expect(headers).toEqual({ responseHeaders: { 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });

  it('8. Do not enable allowRunningInsecureContent', () => {
    expect(prefs.allowRunningInsecureContent).toBe(false);
  });

  it('9. Do not enable experimental features', () => {
    expect(prefs.experimentalFeatures).toBe(false);
  });

  it('10. Do not use enableBlinkFeatures', () => {
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
  });

  it('11. <webview>: Do not use allowpopups (no webviews at all; an attach is refused and loses allowpopups)', () => {
    expect(prefs.webviewTag).toBe(false);
    const event = cancellable();
    const params: Record<string, string> = { src: 'https://evil.example/', allowpopups: 'true' };
    window.webContents.emit('will-attach-webview', event, {}, params);
    expect(event.defaultPrevented).toBe(true);
    expect(params).not.toHaveProperty('allowpopups');
  });

  it('12. <webview>: Verify options and params (will-attach-webview strips the preload and Node, then refuses)', () => {
    const event = cancellable();
    const webPreferences: Record<string, unknown> = {
      preload: '/tmp/evil.js',
      nodeIntegration: true,
      contextIsolation: false,
      sandbox: false,
      webSecurity: false,
    };
    window.webContents.emit('will-attach-webview', event, webPreferences, { src: 'app://earshot/index.html' });
    expect(event.defaultPrevented).toBe(true);
    expect(webPreferences).toEqual({
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      contextIsolation: true,
      sandbox: true,
      webSecurity: true,
    });
  });

  it('13. Disable or limit navigation: only to the app page; redirects never; links never in the window', () => {
    expect(cancelled('will-navigate', 'app://earshot/index.html?scene=wall')).toBe(false);
    for (const url of [
      'https://evil.example/',
      'https://x.com/nimbus/status/1',
      'file:///etc/passwd',
      'app://earshot/other.html',
      'app://evil/index.html',
      'javascript:alert(1)',
    ]) {
      expect(cancelled('will-navigate', url)).toBe(true);
    }
    expect(cancelled('will-redirect', 'app://earshot/index.html')).toBe(true);
    expect(prefs.navigateOnDragDrop).toBe(false);
  });

  it('14. Disable or limit creation of new windows: every window.open is denied', () => {
    for (const url of [
      'https://x.com/a/status/1',
      'https://evil.example/',
      'app://earshot/index.html',
      'about:blank',
    ]) {
      expect(openHandler(url)).toEqual({ action: 'deny' });
    }
    expect(state.windows).toHaveLength(1);
  });

  it('15. Do not use shell.openExternal with untrusted content: only allow-listed https links reach it', async () => {
    const before = state.opened.length;
    for (const url of [
      'javascript:alert(1)',
      'file:///etc/passwd',
      'smb://evil.example/share',
      'ms-msdt:/id PCWDiagnostic',
      'http://x.com/a',
      'https://x.com.evil.example/',
      'https://user:pw@x.com/',
      'https://evil.example/',
    ]) {
      openHandler(url);
      cancelled('will-navigate', url);
    }
    openHandler('https://x.com/nimbus/status/1');
    cancelled('will-navigate', 'https://mastodon.social/@nimbus/1');
    // The stand-in's shell.openExternal records the link as it is called: no wait needed.
    expect(state.opened.slice(before)).toEqual(['https://x.com/nimbus/status/1', 'https://mastodon.social/@nimbus/1']);
  });

  it('16. Use a current version of Electron: the installed one is the locked one, at least the supported major in SECURITY.md', async () => {
    const installed = (require('electron/package.json') as { version: string }).version;
    const lock = JSON.parse(await readFile(join(ROOT, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { version?: string }>;
    };
    expect(lock.packages['node_modules/electron']?.version).toBe(installed);
    const security = await readFile(join(ROOT, 'SECURITY.md'), 'utf8');
    const supported = /Supported Electron major: (\d+)/.exec(security)?.[1];
    expect(supported).toBeDefined();
    expect(Number(installed.split('.')[0])).toBeGreaterThanOrEqual(Number(supported));
  });

  it('17. Validate the sender of all IPC messages: only the app page in the top-level frame reaches the hub', async () => {
    expect((await invoke('app://earshot/index.html#/wall', 'status:get')).ok).toBe(true);
    for (const [url, isMainFrame] of [
      ['https://evil.example/', true],
      ['file:///opt/Earshot/resources/app.asar/dist/renderer/index.html', true],
      ['app://earshot/other.html', true],
      ['app://earshot/index.html', false],
    ] as const) {
      expect(await invoke(url, 'status:get', isMainFrame)).toMatchObject({
        ok: false,
        error: { code: 'forbidden-sender' },
      });
    }
  });

  it('18. Avoid usage of the file:// protocol: the window loads app://, which serves only the built renderer', async () => {
    expect(window.loaded).not.toMatch(/^(file:|loadFile:)/);
    expect(state.privilegedSchemes).toHaveLength(1);
    expect(state.privilegedSchemes[0]?.beforeReady).toBe(true);
    const page = await fetchApp('app://earshot/index.html');
    expect(page.status === 200 || page.status === 404).toBe(true);
    expect((await fetchApp('app://earshot/..%2f..%2f..%2fpackage.json')).status).toBe(403);
    expect((await fetchApp('app://earshot/assets/index.js.map')).status).toBe(404);
  });

  it('19. Check which fuses you can change: packaging flips them (electron-builder.yml electronFuses)', async () => {
    const { getConfig } = require('app-builder-lib/out/util/config/config') as {
      getConfig(dir: string, path: string, options: null): Promise<{ electronFuses?: Record<string, boolean> }>;
    };
    const config = await getConfig(ROOT, 'electron-builder.yml', null);
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('20. Do not expose Electron APIs to untrusted web content: the preload exposes three frozen functions, no IPC', async () => {
    await import('../../../electron/preload/preload');
    expect(state.exposed.map(([key]) => key)).toEqual(['earshot']);
    const bridge = state.exposed[0]?.[1] as {
      invoke(name: string, payload: unknown): Promise<Result<unknown>>;
      onEvent(listener: (event: unknown) => void): () => void;
    };
    expect(Object.isFrozen(bridge)).toBe(true);
    expect(Object.keys(bridge).sort()).toEqual(['connectTeamHub', 'invoke', 'onEvent']);
    expect(await bridge.invoke('shell:openExternal', 'file:///etc/passwd')).toMatchObject({
      ok: false,
      error: { code: 'unknown-command' },
    });
    const received: unknown[][] = [];
    const off = bridge.onEvent((...args) => received.push(args));
    ipcRenderer.emit(IPC_EVENT, { sender: ipcRenderer }, { name: 'clock:tick', payload: { now: 1 } });
    ipcRenderer.emit(IPC_EVENT, { sender: ipcRenderer }, { name: 'not-an-event', payload: {} });
    off();
    expect(received).toEqual([[{ name: 'clock:tick', payload: { now: 1 } }]]);
  });
});
