import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { commandSucceeds, startTestHub, type TestHub } from '../helpers/headless-hub';
import { clientFrame, openRawWebSocket } from '../helpers/raw-websocket';

/** Fault 13.2.1: one malformed WebSocket frame used to throw an unhandled 'error' and end the hub. */

let hub: TestHub;
const uncaught: unknown[] = [];
const onUncaught = (error: unknown): void => void uncaught.push(error);

beforeAll(async () => {
  process.on('uncaughtException', onUncaught);
  hub = await startTestHub();
});

beforeEach(() => {
  uncaught.length = 0;
});

afterAll(async () => {
  process.off('uncaughtException', onUncaught);
  await hub.close();
});

const goodClientWorks = (): Promise<boolean> => commandSucceeds(hub.wsUrl, hub.clientHeaders);

const OVERSIZE = 300 * 1024;

const malformed: ReadonlyArray<{ name: string; bytes: () => Buffer; code: number }> = [
  {
    name: 'a frame over the size limit',
    bytes: () => clientFrame({ payload: Buffer.alloc(OVERSIZE, 0x61) }),
    code: 1009,
  },
  {
    name: 'a text frame of invalid UTF-8',
    bytes: () => clientFrame({ payload: Buffer.from([0xff, 0xfe, 0xfd]) }),
    code: 1007,
  },
  { name: 'an unmasked client frame', bytes: () => clientFrame({ payload: '{}', mask: false }), code: 1002 },
  { name: 'a reserved opcode (0x3)', bytes: () => clientFrame({ opcode: 0x3, payload: 'x' }), code: 1002 },
  { name: 'RSV1 set without an extension', bytes: () => clientFrame({ payload: '{}', rsv1: true }), code: 1002 },
];

describe('one bad WebSocket frame closes that client only', () => {
  for (const { name, bytes, code } of malformed) {
    it(`${name}: the client is closed with ${code}, the hub keeps serving`, async () => {
      const raw = await openRawWebSocket(hub.wsUrl, hub.clientHeaders);
      await raw.text((t) => t.includes('"snapshot"'));
      raw.write(bytes());
      expect(await raw.closeCode).toBe(code);
      await raw.ended;
      expect(await goodClientWorks()).toBe(true);
      expect(uncaught).toEqual([]);
    });
  }

  it('a plain ws client sending 300 KiB is closed with 1009; the hub keeps serving', async () => {
    const ws = new WebSocket(hub.wsUrl, { headers: hub.clientHeaders });
    const closed = new Promise<number>((resolve) => ws.on('close', (c) => resolve(c)));
    ws.on('error', () => undefined);
    ws.on('open', () => ws.send('x'.repeat(OVERSIZE)));
    expect(await closed).toBe(1009);
    expect(await goodClientWorks()).toBe(true);
    const status = await fetch(`${hub.url}api/status`, { headers: hub.clientHeaders });
    expect(status.status).toBe(200);
    expect(uncaught).toEqual([]);
  });
});
