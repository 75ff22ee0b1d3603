import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appIndexUrl, checkSender, guardedInvoke, type Invoke } from '../../../electron/main/ipc-guard';
import { ok, type Result } from '../../../shared/result';

const index = join('/opt/Earshot app/resources/app.asar/dist/renderer', 'index.html');
const indexUrl = appIndexUrl(index);

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
  it('accepts the app index in the top-level frame, whatever its hash or query', () => {
    expect(indexUrl).toBe('file:///opt/Earshot%20app/resources/app.asar/dist/renderer/index.html');
    expect(checkSender({ url: indexUrl, isMainFrame: true }, indexUrl, 'linux').ok).toBe(true);
    expect(checkSender({ url: `${indexUrl}#/incidents`, isMainFrame: true }, indexUrl, 'linux').ok).toBe(true);
    expect(checkSender({ url: `${indexUrl}?scene=wall`, isMainFrame: true }, indexUrl, 'linux').ok).toBe(true);
  });

  it.each([
    ['https://evil.example/index.html', 'a web page'],
    ['file:///opt/Earshot%20app/resources/app.asar/dist/renderer/other.html', 'another local file'],
    ['file:///tmp/index.html', 'an index elsewhere'],
    ['file://remote-host/opt/Earshot%20app/resources/app.asar/dist/renderer/index.html', 'a UNC host'],
    ['devtools://devtools/bundled/index.html', 'devtools'],
    ['about:blank', 'a blank frame'],
    ['', 'no URL'],
  ])('refuses %s (%s)', (url) => {
    expect(errorCode(checkSender({ url, isMainFrame: true }, indexUrl, 'linux'))).toBe('forbidden-sender');
  });

  it('refuses subframes and destroyed frames', () => {
    expect(errorCode(checkSender({ url: indexUrl, isMainFrame: false }, indexUrl, 'linux'))).toBe('forbidden-sender');
    expect(errorCode(checkSender(null, indexUrl, 'linux'))).toBe('forbidden-sender');
  });

  it('compares Windows paths case-insensitively, and only there', () => {
    const win = 'file:///C:/Program%20Files/Earshot/resources/app.asar/dist/renderer/index.html';
    const lower = 'file:///c:/program%20files/earshot/resources/app.asar/dist/renderer/index.html';
    expect(checkSender({ url: lower, isMainFrame: true }, win, 'win32').ok).toBe(true);
    expect(checkSender({ url: lower, isMainFrame: true }, win, 'linux').ok).toBe(false);
  });
});

describe('guardedInvoke', () => {
  const app = { url: indexUrl, isMainFrame: true };

  it('passes contract commands from the app to the core, payload untouched', async () => {
    const core = recordingCore();
    const result = await guardedInvoke(core.invoke, app, indexUrl, 'mentions:recent', { limit: 5 });
    expect(result).toEqual({ ok: true, value: { echoed: 'mentions:recent' } });
    expect(core.calls).toEqual([['mentions:recent', { limit: 5 }]]);
  });

  it('answers a foreign sender with an error and never reaches the core', async () => {
    const core = recordingCore();
    const result = await guardedInvoke(
      core.invoke,
      { url: 'https://evil.example/', isMainFrame: true },
      indexUrl,
      'status:get',
      {},
    );
    expect(errorCode(result)).toBe('forbidden-sender');
    expect(core.calls).toEqual([]);
  });

  it('refuses names outside the contract, and non-string names', async () => {
    const core = recordingCore();
    expect(errorCode(await guardedInvoke(core.invoke, app, indexUrl, 'shell:exec', {}))).toBe('unknown-command');
    expect(errorCode(await guardedInvoke(core.invoke, app, indexUrl, 'toString', {}))).toBe('unknown-command');
    expect(errorCode(await guardedInvoke(core.invoke, app, indexUrl, { name: 'status:get' }, {}))).toBe(
      'unknown-command',
    );
    expect(core.calls).toEqual([]);
  });

  it('turns a core that throws into an internal error instead of a rejected IPC call', async () => {
    const throwing: Invoke = async () => {
      throw new Error('database is locked');
    };
    const result = await guardedInvoke(throwing, app, indexUrl, 'status:get', {});
    expect(result).toEqual({
      ok: false,
      error: { code: 'internal', message: 'status:get failed: database is locked' },
    });
  });
});
