import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { createBridge, type IpcRendererLike } from '../../../electron/preload/bridge';
import { commandSchemas, IPC_EVENT, IPC_INVOKE, type HubEvent } from '../../../shared/contract';
import { TEAM_HUB_CHANNEL } from '../../../shared/team-hub';

/** An ipcRenderer-like object: a real EventEmitter for events, and a recorded invoke answered by `answer`. */
function fakeIpc(answer: (channel: string, args: unknown[]) => Promise<unknown>) {
  const emitter = new EventEmitter();
  const invoked: Array<[string, unknown[]]> = [];
  const ipc: IpcRendererLike = {
    invoke: (channel, ...args) => {
      invoked.push([channel, args]);
      return answer(channel, args);
    },
    on: (channel, listener) => emitter.on(channel, listener),
    removeListener: (channel, listener) => emitter.removeListener(channel, listener),
  };
  const ipcEvent = { sender: ipc, ports: [] };
  return {
    ipc,
    emitter,
    invoked,
    send: (channel: string, payload: unknown) => emitter.emit(channel, ipcEvent, payload),
  };
}

const tick: HubEvent = { name: 'clock:tick', payload: { now: 1_767_603_600_000, mentions: 0 } };

describe('createBridge', () => {
  it('exposes exactly invoke, onEvent and connectTeamHub, frozen', () => {
    const bridge = createBridge(fakeIpc(async () => ({ ok: true, value: null })).ipc);
    expect(Object.keys(bridge).sort()).toEqual(['connectTeamHub', 'invoke', 'onEvent']);
    expect(Object.isFrozen(bridge)).toBe(true);
  });

  it('asks the main process to connect to a team hub on its own channel, and passes its answer back', async () => {
    const fake = fakeIpc(async () => ({ ok: false, error: { code: 'refused', message: 'refused this token' } }));
    const bridge = createBridge(fake.ipc);
    const token = `eat_${'t'.repeat(43)}`;
    expect(await bridge.connectTeamHub?.('https://hub.example', token)).toEqual({
      ok: false,
      error: { code: 'refused', message: 'refused this token' },
    });
    expect(fake.invoked).toEqual([[TEAM_HUB_CHANNEL, [{ action: 'connect', url: 'https://hub.example', token }]]]);
    const broken = createBridge(fakeIpc(async () => 'not a result').ipc);
    expect(await broken.connectTeamHub?.('https://hub.example', token)).toMatchObject({
      ok: false,
      error: { code: 'bad-response' },
    });
  });

  it('forwards every contract command on the invoke channel, and returns the hub result', async () => {
    const fake = fakeIpc(async (_channel, args) => ({ ok: true, value: args[0] }));
    const bridge = createBridge(fake.ipc);
    for (const name of Object.keys(commandSchemas)) {
      expect(await bridge.invoke(name, {})).toEqual({ ok: true, value: name });
    }
    expect(await bridge.invoke('mentions:recent', { limit: 3 })).toEqual({ ok: true, value: 'mentions:recent' });
    expect(fake.invoked.at(-1)).toEqual([IPC_INVOKE, ['mentions:recent', { limit: 3 }]]);
    expect(new Set(fake.invoked.map(([channel]) => channel))).toEqual(new Set([IPC_INVOKE]));
  });

  it('never sends names outside the contract to the main process', async () => {
    const fake = fakeIpc(async () => ({ ok: true, value: 'should not happen' }));
    const bridge = createBridge(fake.ipc);
    for (const name of ['earshot:event', 'shell:openExternal', 'constructor', '__proto__', 'hasOwnProperty', '']) {
      const result = await bridge.invoke(name, {});
      expect(result).toMatchObject({ ok: false, error: { code: 'unknown-command' } });
    }
    expect(await bridge.invoke(42 as unknown as string, {})).toMatchObject({ ok: false });
    expect(fake.invoked).toEqual([]);
  });

  it('turns a failed or malformed IPC answer into a Result error', async () => {
    const rejecting = createBridge(fakeIpc(async () => Promise.reject(new Error('No handler registered'))).ipc);
    expect(await rejecting.invoke('status:get', {})).toEqual({
      ok: false,
      error: { code: 'ipc-failed', message: 'No handler registered' },
    });
    const odd = createBridge(fakeIpc(async () => 'surprise').ipc);
    expect(await odd.invoke('status:get', {})).toMatchObject({ ok: false, error: { code: 'bad-response' } });
  });

  it('delivers hub events from the event channel only, without the IPC event object', () => {
    const fake = fakeIpc(async () => null);
    const bridge = createBridge(fake.ipc);
    const received: unknown[][] = [];
    bridge.onEvent((...args: unknown[]) => received.push(args));
    fake.send(IPC_EVENT, tick);
    fake.send('some:other-channel', tick);
    fake.send(IPC_EVENT, { name: 'not:an-event', payload: {} });
    fake.send(IPC_EVENT, 'garbage');
    expect(received).toEqual([[tick]]);
    expect(fake.emitter.eventNames()).toEqual([IPC_EVENT]);
  });

  it('unsubscribes exactly the listener it added', () => {
    const fake = fakeIpc(async () => null);
    const bridge = createBridge(fake.ipc);
    const a: HubEvent[] = [];
    const b: HubEvent[] = [];
    const offA = bridge.onEvent((e) => a.push(e));
    bridge.onEvent((e) => b.push(e));
    fake.send(IPC_EVENT, tick);
    offA();
    fake.send(IPC_EVENT, tick);
    expect([a.length, b.length]).toEqual([1, 2]);
    expect(fake.emitter.listenerCount(IPC_EVENT)).toBe(1);
  });

  it('keeps delivering to other listeners when one throws, and rethrows the error asynchronously', async () => {
    const fake = fakeIpc(async () => null);
    const bridge = createBridge(fake.ipc);
    const got: HubEvent[] = [];
    bridge.onEvent(() => {
      throw new Error('listener bug');
    });
    bridge.onEvent((e) => got.push(e));
    const uncaught = new Promise<unknown>((resolve) => process.once('uncaughtException', resolve));
    fake.send(IPC_EVENT, tick);
    expect(got).toEqual([tick]);
    expect(await uncaught).toMatchObject({ message: 'listener bug' });
  });
});
