import type { LockBackend } from './lease-manager';

/**
 * The lock backend of a lone hub (the embedded SQLite store): one process owns the data dir, so every lease is
 * granted at once and never lost; behaviour is exactly that of a hub without leases. It has no peers; the
 * database answers when `probe` (a tiny read of the store) does.
 */
export function localLocks(probe: () => Promise<unknown>, now: () => number = () => performance.now()): LockBackend {
  return {
    shared: false,
    tryAcquire: async () => true,
    release: async () => undefined,
    heartbeat: async () => undefined,
    peers: async () => [],
    async ping() {
      const started = now();
      try {
        await probe();
        return Math.round((now() - started) * 10) / 10;
      } catch {
        return null;
      }
    },
    onLost: () => undefined,
    close: async () => undefined,
  };
}
