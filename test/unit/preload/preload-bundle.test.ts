import { fileURLToPath } from 'node:url';
import { runInNewContext } from 'node:vm';
import { EventEmitter } from 'node:events';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { IPC_EVENT, IPC_INVOKE } from '../../../shared/contract';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

/** Bundles the preload as scripts/build-hub.mjs does: CommonJS, everything inlined but `electron`. */
async function bundlePreload(): Promise<string> {
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: ['electron/preload/preload.ts'],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: ['electron'],
    write: false,
    logLevel: 'silent',
  });
  const [file] = result.outputFiles;
  if (!file) throw new Error('esbuild produced no output');
  return file.text;
}

describe('the preload bundle', () => {
  it('requires nothing but electron, so it runs in a sandboxed renderer', async () => {
    const code = await bundlePreload();
    const required = [...code.matchAll(/\brequire\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((m) => m[1]);
    expect(new Set(required)).toEqual(new Set(['electron']));
  });

  it('exposes only the bridge as window.earshot, wired to the two contract channels', async () => {
    const code = await bundlePreload();
    const exposed: Array<[string, unknown]> = [];
    const ipcRenderer = Object.assign(new EventEmitter(), {
      invoke: async (channel: string, ...args: unknown[]) => ({ ok: true, value: [channel, ...args] }),
    });
    const electron = {
      contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.push([key, api]) },
      ipcRenderer,
    };
    const sandboxRequire = (name: string): unknown => {
      if (name === 'electron') return electron;
      throw new Error(`module not found: ${name}`);
    };
    const module = { exports: {} };
    runInNewContext(code, { require: sandboxRequire, module, exports: module.exports, queueMicrotask });
    expect(exposed.map(([key]) => key)).toEqual(['earshot']);
    const bridge = exposed[0]?.[1] as {
      invoke: (n: string, p: unknown) => Promise<unknown>;
      onEvent: (l: (e: unknown) => void) => () => void;
    };
    expect(Object.keys(bridge).sort()).toEqual(['connectTeamHub', 'invoke', 'onEvent']);
    expect(await bridge.invoke('status:get', {})).toEqual({ ok: true, value: [IPC_INVOKE, 'status:get', {}] });
    const events: unknown[] = [];
    const off = bridge.onEvent((e) => events.push(e));
    ipcRenderer.emit(IPC_EVENT, { sender: ipcRenderer }, { name: 'clock:tick', payload: { now: 1 } });
    off();
    expect(events).toEqual([{ name: 'clock:tick', payload: { now: 1 } }]);
    expect(ipcRenderer.listenerCount(IPC_EVENT)).toBe(0);
  });
});
