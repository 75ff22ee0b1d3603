import { cleanup, render, type RenderResult } from '@testing-library/react';
import type { ReactElement } from 'react';
import { afterEach } from 'vitest';
import type { Snapshot } from '../../../../shared/contract';
import { WallProvider } from '../../../../renderer/app/wall-context';
import { connectStore } from '../../../../renderer/stores/connect-store';
import type { FlushScheduler } from '../../../../renderer/stores/delta-batch';
import { createWallStore, type WallStore } from '../../../../renderer/stores/wall-store';
import {
  WebSocketTransport,
  type SocketFactory,
  type WebSocketTransportOptions,
} from '../../../../renderer/transport/websocket-transport';
import { makeSnapshot } from '../fixtures';
import { FakeHub, openNodeSocket } from '../transport/fake-hub';

/** Hub time of every test snapshot. */
export const T0 = 1_800_000_000_000;

/** Flushes deltas on the next macrotask (the browser waits ~250 ms and a frame). */
const soon: FlushScheduler = (flush) => {
  const timer = setTimeout(flush, 0);
  return () => clearTimeout(timer);
};

/** What one mounted wall is fed by and what it can be driven through. */
export interface WallOptions {
  /** What the hub sends on every (re)connect; an empty snapshot at T0 by default. */
  readonly snapshot?: () => Snapshot;
  /** The hub's answer to a command (the wire result), or undefined to stay silent. */
  readonly answer?: (name: string, payload: unknown) => unknown;
  /** Transport options beyond the URL, e.g. a long backoff to hold a lost connection. */
  readonly transport?: Partial<Omit<WebSocketTransportOptions, 'url' | 'open'>>;
  /** Wraps how sockets are opened (the `ws` client by default), e.g. to hold a reconnect. */
  readonly open?: (real: SocketFactory) => SocketFactory;
}

/** A mounted view, its store and the loopback hub behind it. */
export interface MountedWall extends RenderResult {
  readonly hub: FakeHub;
  readonly store: WallStore;
  readonly transport: WebSocketTransport;
}

let teardown: Array<() => Promise<void> | void> = [];

afterEach(async () => {
  const steps = teardown.reverse();
  teardown = [];
  for (const step of steps) await step();
});

/**
 * Mounts `ui` inside the real provider, with a fresh real store (so nothing leaks between tests), fed by the
 * real WebSocket transport and connectStore from a loopback hub that speaks the /ws wire format. Returns as
 * soon as it is rendered: the snapshot arrives over the socket, so wait for what it shows with findBy*.
 */
export async function mountWall(ui: ReactElement, options: WallOptions = {}): Promise<MountedWall> {
  const hub = new FakeHub(options.snapshot ?? (() => makeSnapshot(T0)), options.answer ?? (() => undefined));
  const url = await hub.listen();
  teardown.push(() => hub.close());
  const store = createWallStore({ now: T0, settings: { theme: 'dark', largeType: false } });
  const open = options.open?.(openNodeSocket) ?? openNodeSocket;
  const transport = new WebSocketTransport({ url, open, ...options.transport });
  const view = render(
    <WallProvider store={store} transport={transport}>
      {ui}
    </WallProvider>,
  );
  teardown.push(cleanup);
  teardown.push(connectStore(transport, store, soon));
  return { ...view, hub, store, transport };
}
