import type { Transport } from '../transport/transport';
import { DeltaBatcher, type FlushScheduler } from './delta-batch';
import type { WallStore } from './wall-store';

/**
 * Wires a transport to the store, outside React: a snapshot replaces state at once (dropping deltas it
 * supersedes); deltas are coalesced and applied once per scheduled flush. The hub pushes its time and stored
 * count every second (`clock:tick`), so the wall neither polls nor estimates. After every snapshot (each
 * (re)connect) it asks the hub who this connection is (`session:whoami`), so views offer only what the role may
 * do. Returns the disconnect function.
 */
export function connectStore(transport: Transport, store: WallStore, schedule: FlushScheduler): () => void {
  const batcher = new DeltaBatcher(schedule, (batch) => store.getState().applyDeltas(batch));
  let stopped = false;
  const whoami = async (): Promise<void> => {
    const result = await transport.invoke('session:whoami', {});
    if (stopped) return;
    if (result.ok) store.getState().setActor(result.value);
    else store.getState().setActor(store.getState().actor, result.error.message);
  };
  transport.start({
    event: (event) => {
      if (event.name === 'snapshot') {
        batcher.drop();
        store.getState().applySnapshot(event.payload);
        void whoami();
      } else {
        batcher.add(event);
      }
    },
    link: (link) => store.getState().setLink(link),
    invalid: () => store.getState().countInvalidEvent(),
  });
  return () => {
    stopped = true;
    transport.stop();
    batcher.drop();
  };
}
