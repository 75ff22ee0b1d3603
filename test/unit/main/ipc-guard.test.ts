import { describe, expect, it } from 'vitest';
import { APP_INDEX_URL } from '../../../electron/main/app-protocol';
import { checkSender, guardedInvoke, type Invoke } from '../../../electron/main/ipc-guard';
import { ok, type Result } from '../../../shared/result';

const indexUrl = APP_INDEX_URL;

/** A core stand-in that records what reached it: the guard, not the core, is under test here. */
function recordingCore(): { invoke: Invoke; calls: Array<[string, unknown]> } {
  const calls: Array<[string, unknown]> = [];
  return {
    calls,
    invoke: async (name, payload) => {
      calls.push([name, payload]);
      return ok({ echoed: name });
    },
  };
}

const errorCode = (result: Result<unknown>): string | null => (result.ok ? null : result.error.code);

describe('checkSender', () => {
  it('accepts the app page in the top-level frame, whatever its hash or query', () => {
    expect(indexUrl).toBe('app://earshot/index.html');
    expect(checkSender({ url: indexUrl, isMainFrame: true }).ok).toBe(true);
    expect(checkSender({ url: `${indexUrl}#/incidents`, isMainFrame: true }).ok).toBe(true);
    expect(checkSender({ url: `${indexUrl}?scene=wall`, isMainFrame: true }).ok).toBe(true);
    expect(checkSender({ url: 'APP://EARSHOT/index.html', isMainFrame: true }).ok).toBe(true);
  });

  it.each([
    ['https://evil.example/index.html', 'a web page'],
    ['file:///opt/Earshot/resources/app.asar/dist/renderer/index.html', 'the renderer over file://'],
    ['app://earshot/other.html', 'another app page'],
    ['app://earshot/', 'the app root, not its page'],
    ['app://earshot/assets/index.html', 'an index elsewhere'],
    ['app://evil/index.html', 'another app host'],
    ['app://earshot:8080/index.html', 'a port'],
    ['app://user@earshot/index.html', 'credentials'],
    ['http://earshot/index.html', 'another scheme'],
    ['devtools://devtools/bundled/index.html', 'devtools'],
    ['about:blank', 'a blank frame'],
    ['', 'no URL'],
  ])('refuses %s (%s)', (url) => {
    expect(errorCode(checkSender({ url, isMainFrame: true }))).toBe('forbidden-sender');
  });

  it('refuses subframes and destroyed frames', () => {
    expect(errorCode(checkSender({ url: indexUrl, isMainFrame: false }))).toBe('forbidden-sender');
    expect(errorCode(checkSender(null))).toBe('forbidden-sender');
  });
});

describe('guardedInvoke', () => {
  const app = { url: indexUrl, isMainFrame: true };

  it('passes contract commands from the app to the core, payload untouched', async () => {
    const core = recordingCore();
    const result = await guardedInvoke(core.invoke, app, 'mentions:recent', { limit: 5 });
    expect(result).toEqual({ ok: true, value: { echoed: 'mentions:recent' } });
    expect(core.calls).toEqual([['mentions:recent', { limit: 5 }]]);
  });

  it('answers a foreign sender with an error and never reaches the core', async () => {
    const core = recordingCore();
    const result = await guardedInvoke(
      core.invoke,
      { url: 'https://evil.example/', isMainFrame: true },
      'status:get',
      {},
    );
    expect(errorCode(result)).toBe('forbidden-sender');
    expect(core.calls).toEqual([]);
  });

  it('refuses names outside the contract, and non-string names', async () => {
    const core = recordingCore();
    expect(errorCode(await guardedInvoke(core.invoke, app, 'shell:exec', {}))).toBe('unknown-command');
    expect(errorCode(await guardedInvoke(core.invoke, app, 'toString', {}))).toBe('unknown-command');
    expect(errorCode(await guardedInvoke(core.invoke, app, { name: 'status:get' }, {}))).toBe('unknown-command');
    expect(core.calls).toEqual([]);
  });

  it('turns a core that throws into an internal error instead of a rejected IPC call', async () => {
    const throwing: Invoke = async () => {
      throw new Error('database is locked');
    };
    const result = await guardedInvoke(throwing, app, 'status:get', {});
    expect(result).toEqual({
      ok: false,
      error: { code: 'internal', message: 'status:get failed: database is locked' },
    });
  });
});
