import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import { bootHub, type Hub } from '../../electron/core/boot/boot-hub';
import { ManualClock } from '../../electron/core/runtime/clock';
import { memoryVault } from '../../electron/core/runtime/credentials';
import { silentLogger } from '../../electron/core/runtime/logger';
import { APP_INDEX_URL } from '../../electron/main/app-protocol';
import { serveInvoke } from '../../electron/main/ipc';
import { IPC_INVOKE, type WireFromHub } from '../../shared/contract';
import type { Result } from '../../shared/result';
import { startTestHub, type TestHub } from '../helpers/headless-hub';
import { incident } from '../unit/workflow/fixtures';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** Sends one command over a real WebSocket and resolves with its result. */
async function overWebSocket(hub: TestHub, name: string, payload: unknown = {}): Promise<Result<unknown>> {
  const ws = new WebSocket(hub.wsUrl, { headers: hub.clientHeaders });
  try {
    return await new Promise<Result<unknown>>((resolve, reject) => {
      ws.on('open', () => ws.send(JSON.stringify({ type: 'request', id: 7, name, payload })));
      ws.on('message', (data) => {
        const frame = JSON.parse(String(data)) as WireFromHub;
        if (frame.type === 'response' && frame.id === 7) resolve(frame.result);
      });
      ws.on('error', reject);
    });
  } finally {
    ws.close();
  }
}

async function hubWithUser(user: unknown): Promise<Hub> {
  const dir = await mkdtemp(join(tmpdir(), 'earshot-sessions-'));
  const configPath = join(dir, 'config.json');
  await writeFile(configPath, JSON.stringify({ user, sla: { P2: { acknowledgeMinutes: 2 } } }));
  const hub = await bootHub({
    dataDir: dir,
    configPath,
    clock: new ManualClock(),
    vault: memoryVault(),
    logger: silentLogger(),
    env: {},
  });
  cleanups.push(async () => {
    await hub.stop();
    await rm(dir, { recursive: true, force: true });
  });
  return hub;
}

describe('who a session acts as', () => {
  it('a WebSocket connection acts as the local user from its own desk, audited as such', async () => {
    const hub = await startTestHub();
    cleanups.push(() => hub.close());
    const me = await overWebSocket(hub, 'session:whoami');
    expect(me).toEqual({ ok: true, value: { id: 'local', name: 'Local user', role: 'admin', desk: 'web 127.0.0.1' } });
    await hub.store.saveIncident(incident('inc_a'));
    expect((await overWebSocket(hub, 'incident:acknowledge', { id: 'inc_a' })).ok).toBe(true);
    const stored = await hub.store.getWorkflow('inc_a');
    expect(stored?.audit.at(-1)?.actor).toEqual({
      id: 'local',
      name: 'Local user',
      role: 'admin',
      desk: 'web 127.0.0.1',
    });
  });

  it('the desktop app acts as the configured user from "desktop"; a staff user may not escalate', async () => {
    const hub = await hubWithUser({ name: 'Dana', role: 'staff' });
    type Handler = (event: unknown, ...args: unknown[]) => Promise<Result<unknown>>;
    const handlers = new Map<string, Handler>();
    const ipcMain = { handle: (c: string, h: Handler) => handlers.set(c, h), removeHandler: () => true };
    serveInvoke(ipcMain as unknown as Parameters<typeof serveInvoke>[0], hub.core);
    const event = { senderFrame: { url: APP_INDEX_URL, parent: null, isDestroyed: () => false } };
    const invoke = (name: string, payload: unknown) => handlers.get(IPC_INVOKE)!(event, name, payload);
    expect(await invoke('session:whoami', {})).toEqual({
      ok: true,
      value: { id: 'local:Dana', name: 'Dana', role: 'staff', desk: 'desktop' },
    });
    expect(await invoke('incident:escalate', { id: 'inc_a' })).toEqual({
      ok: false,
      error: { code: 'forbidden', message: 'forbidden: incident:escalate needs the supervisor role; you are staff' },
    });
  });
});
