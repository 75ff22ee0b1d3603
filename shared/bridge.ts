import type { HubEvent } from './contract';
import type { Result } from './result';

/**
 * What the Electron preload exposes as `window.earshot`: one typed call and one event stream, nothing else.
 * The renderer's IPC transport wraps it; its WebSocket transport speaks the same values over /ws.
 */
export interface EarshotBridge {
  invoke(name: string, payload: unknown): Promise<Result<unknown>>;
  /** Subscribes to hub events; returns the unsubscribe function. */
  onEvent(listener: (event: HubEvent) => void): () => void;
}

/** The global the preload defines. */
export const BRIDGE_GLOBAL = 'earshot';
