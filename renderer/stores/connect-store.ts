import type { Transport } from '../transport/transport';
import { DeltaBatcher, type FlushScheduler } from './delta-batch';
import type { WallStore } from './wall-store';

/**
 * Wires a transport to the store, outside React: a snapshot replaces state at once (dropping deltas it
 * supersedes); deltas are coalesced and applied once per scheduled flush. The hub pushes its time and stored
 * count every second (`clock:tick`), so the wall neither polls nor estimates. Returns the disconnect function.
 */
export function connectStore(transport: Transport, store: WallStore, schedule: FlushScheduler): () => void {
  const batcher = new DeltaBatcher(schedule, (batch) => store.getState().applyDeltas(batch));
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
  return () => {
    transport.stop();
    batcher.drop();
  };
}
