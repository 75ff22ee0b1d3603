import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { commandSucceeds } from '../helpers/headless-hub';
import { clientFrame, openRawWebSocket } from '../helpers/raw-websocket';
import { startHub, type HubProcess } from './hub-process';

/**
 * Faults 13.2.1 and 13.2.5 against the built `earshot serve`: a malformed frame used to end the process
 * (unhandled 'error'), and an oversize ingest body got a connection reset instead of its 413.
 */

let hub: HubProcess;
let wsUrl: string;
let headers: Record<string, string>;

beforeAll(async () => {
  hub = await startHub({ speed: 60 });
  wsUrl = `${hub.baseUrl.replace('http', 'ws')}ws`;
  // The control plane wants the hub's access token (node clients send it as a bearer token).
  headers = { authorization: `Bearer ${hub.token}` };
});

afterAll(async () => {
  await hub.stop();
});

/** The process is up and both planes answer: HTTP status and a WebSocket command. */
async function hubServes(): Promise<void> {
  expect((await fetch(`${hub.baseUrl}api/status`)).status).toBe(200);
  expect(await commandSucceeds(wsUrl, headers)).toBe(true);
}

const frames: ReadonlyArray<readonly [string, () => Buffer, number]> = [
  ['300 KiB (over the size limit)', () => clientFrame({ payload: Buffer.alloc(300 * 1024, 0x61) }), 1009],
  ['invalid UTF-8 text', () => clientFrame({ payload: Buffer.from([0xc3, 0x28]) }), 1007],
  ['unmasked', () => clientFrame({ payload: '{}', mask: false }), 1002],
  ['opcode 0x3', () => clientFrame({ opcode: 0x3, payload: 'x' }), 1002],
  ['RSV1 without an extension', () => clientFrame({ payload: '{}', rsv1: true }), 1002],
];

describe('earshot serve survives hostile clients', () => {
  it('closes each malformed frame with its code and keeps serving everyone else', async () => {
    for (const [name, bytes, code] of frames) {
      const raw = await openRawWebSocket(wsUrl, headers);
      await raw.text((t) => t.includes('"snapshot"'));
      raw.write(bytes());
      expect({ name, code: await raw.closeCode }).toEqual({ name, code });
      await raw.ended;
      await hubServes();
    }
  });

  it('closes a plain ws client that sends 300 KiB with 1009, and keeps serving', async () => {
    const ws = new WebSocket(wsUrl, { headers });
    const closed = new Promise<number>((resolve) => ws.on('close', (c) => resolve(c)));
    ws.on('error', () => undefined);
    ws.on('open', () => ws.send('x'.repeat(300 * 1024)));
    expect(await closed).toBe(1009);
    await hubServes();
  });

  it('answers a 2 MiB ingest body with a 413 JSON error, not a reset', async () => {
    const res = await fetch(`${hub.baseUrl}api/ingest/e2e`, {
      method: 'POST',
      headers: { authorization: `Bearer ${hub.ingestToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ mentions: [{ externalId: 'big', text: 'x'.repeat(2 * 1024 * 1024), createdAt: 1 }] }),
    });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ error: 'too-large' });
    await hubServes();
  });
});
