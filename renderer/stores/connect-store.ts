import type { Transport } from '../transport/transport';
import { DeltaBatcher, type FlushScheduler } from './delta-batch';
import { anchorHubClock, estimateHubTime, observeHubTime, type HubClock } from './hub-clock';
import type { WallStore } from './wall-store';

/** How often the wall re-reads the hub's status (stored count, source health). */
export const STATUS_REFRESH_MS = 5_000;

/** How often the wall's hub-time estimate advances between hub events. */
export const CLOCK_ADVANCE_MS = 1_000;

/** Timing knobs, injectable for tests. */
export interface ConnectOptions {
  readonly statusEveryMs?: number;
  readonly clockEveryMs?: number;
  readonly localNow?: () => number;
}

/**
 * Wires a transport to the store, outside React: a snapshot replaces state at once (dropping deltas it
 * supersedes); deltas are coalesced and applied once per scheduled flush; the hub's status is re-read every
 * few seconds, and hub time is estimated between hub events. Returns the disconnect function.
 */
export function connectStore(
  transport: Transport,
  store: WallStore,
  schedule: FlushScheduler,
  options: ConnectOptions = {},
): () => void {
  const batcher = new DeltaBatcher(schedule, (batch) => store.getState().applyDeltas(batch));
  const localNow = options.localNow ?? (() => Date.now());
  let clock: HubClock | null = null;
  const observe = (hubNow: number, reanchor: boolean): void => {
    clock = clock === null || reanchor ? anchorHubClock(hubNow, localNow()) : observeHubTime(clock, hubNow, localNow());
  };
  transport.start({
    event: (event) => {
      if (event.name === 'clock:tick') observe(event.payload.now, false);
      if (event.name === 'snapshot') {
        observe(event.payload.now, clock === null);
        batcher.drop();
        store.getState().applySnapshot(event.payload);
      } else {
        batcher.add(event);
      }
    },
    link: (link) => store.getState().setLink(link),
    invalid: () => store.getState().countInvalidEvent(),
  });
  const stopTimers = startTimers(transport, store, options, () =>
    clock === null ? null : estimateHubTime(clock, localNow()),
  );
  return () => {
    stopTimers();
    transport.stop();
    batcher.drop();
  };
}

/** Re-reads the hub status every few seconds and advances the hub-time estimate every second. */
function startTimers(
  transport: Transport,
  store: WallStore,
  options: ConnectOptions,
  estimateNow: () => number | null,
): () => void {
  const refreshStatus = async (): Promise<void> => {
    if (store.getState().link.status !== 'connected') return;
    const status = await transport.invoke('status:get', {});
    if (status.ok) store.getState().applyStatus(status.value);
  };
  const statusTimer = setInterval(() => void refreshStatus(), options.statusEveryMs ?? STATUS_REFRESH_MS);
  const clockTimer = setInterval(() => {
    const now = estimateNow();
    if (now !== null) store.getState().advanceClock(now);
  }, options.clockEveryMs ?? CLOCK_ADVANCE_MS);
  return () => {
    clearInterval(statusTimer);
    clearInterval(clockTimer);
  };
}
