import type { LockBackend } from '../../../electron/core/team/lease/lease-manager';

/** One database's advisory locks as several hubs' backends see them: a lock is one hub's until it gives it back. */
export function lockServer() {
  const owners = new Map<string, string>();
  return {
    owners,
    backend(hub: string) {
      const listeners: Array<() => void> = [];
      let dead = false;
      const backend: LockBackend & { die(): void } = {
        shared: true,
        tryAcquire: async (name) => {
          if (dead) throw new Error('connection refused');
          if (!owners.has(name)) owners.set(name, hub);
          return owners.get(name) === hub;
        },
        release: async (name) => void (owners.get(name) === hub && owners.delete(name)),
        heartbeat: async () => undefined,
        peers: async () => [],
        ping: async () => 1,
        onLost: (l) => void listeners.push(l),
        close: async () => {
          for (const [name, owner] of owners) if (owner === hub) owners.delete(name);
        },
        /** The hub's session ended and it cannot reach the database again (its process was killed). */
        die() {
          dead = true;
          for (const [name, owner] of owners) if (owner === hub) owners.delete(name);
          for (const l of listeners) l();
        },
      };
      return backend;
    },
  };
}
