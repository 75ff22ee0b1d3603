import type { Transport } from '../transport/transport';
import { DeltaBatcher, type FlushScheduler } from './delta-batch';
import type { WallStore } from './wall-store';

/** How often the wall re-reads the hub's status (stored count, source health). */
export const STATUS_REFRESH_MS = 5_000;

/**
 * Wires a transport to the store, outside React: a snapshot replaces state at once (dropping deltas it
 * supersedes); deltas are coalesced and applied once per scheduled flush; the hub's status is re-read every
 * few seconds. Returns the disconnect function.
 */
export function connectStore(
  transport: Transport,
  store: WallStore,
  schedule: FlushScheduler,
  statusEveryMs: number = STATUS_REFRESH_MS,
): () => void {
  const batcher = new DeltaBatcher(schedule, (batch) => store.getState().applyDeltas(batch));
  store.getState().setTransportKind(transport.kind);
  transport.start({
    event: (event) => {
      if (event.name === 'snapshot') {
        batcher.drop();
        store.getState().applySnapshot(event.payload);
      } else {
        batcher.add(event);
      }
    },
    link: (link) => store.getState().setLink(link),
    invalid: () => store.getState().countInvalidEvent(),
  });
  const refreshStatus = async (): Promise<void> => {
    if (store.getState().link.status !== 'connected') return;
    const status = await transport.invoke('status:get', {});
    if (status.ok) store.getState().applyStatus(status.value);
  };
  const timer = setInterval(() => void refreshStatus(), statusEveryMs);
  return () => {
    clearInterval(timer);
    transport.stop();
    batcher.drop();
  };
}
