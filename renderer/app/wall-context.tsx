import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { WallState } from '../stores/wall-state';
import type { WallStore } from '../stores/wall-store';
import type { Transport } from '../transport/transport';

interface WallDeps {
  readonly store: WallStore;
  readonly transport: Transport;
}

const WallContext = createContext<WallDeps | null>(null);

/** Provides the store and the transport (for commands) to the views. */
export function WallProvider(props: {
  readonly store: WallStore;
  readonly transport: Transport;
  readonly children: ReactNode;
}) {
  return (
    <WallContext.Provider value={{ store: props.store, transport: props.transport }}>
      {props.children}
    </WallContext.Provider>
  );
}

function useDeps(): WallDeps {
  const deps = useContext(WallContext);
  if (deps === null) throw new Error('WallProvider is missing');
  return deps;
}

/** Reads a narrow slice of the store; wrap object-returning selectors in `useShallow`. */
export function useWall<T>(selector: (s: WallState) => T): T {
  return useStore(useDeps().store, selector);
}

/** The store itself, for event handlers that read state without subscribing. */
export const useWallStore = (): WallStore => useDeps().store;

/** The transport, for commands (settings, tests of sources). */
export const useTransport = (): Transport => useDeps().transport;
