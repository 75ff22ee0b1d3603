import type { HubEvent } from './contract';
import type { Result } from './result';
import type { TeamHubReply } from './team-hub';

/**
 * What the Electron preload exposes as `window.earshot`: one typed call and one event stream, nothing else.
 * The renderer's IPC transport wraps it; its WebSocket transport speaks the same values over /ws.
 */
export interface EarshotBridge {
  invoke(name: string, payload: unknown): Promise<Result<unknown>>;
  /** Subscribes to hub events; returns the unsubscribe function. */
  onEvent(listener: (event: HubEvent) => void): () => void;
  /**
   * Settings → "Connect to a team hub" (desktop only): the main process verifies the hub and this token, keeps
   * the token in its vault and switches the app to that hub. The answer never holds the token. Absent in a
   * browser (and in an older preload): the renderer shows the form only when it is there.
   */
  connectTeamHub?(url: string, token: string): Promise<TeamHubReply>;
}

/** The global the preload defines. */
export const BRIDGE_GLOBAL = 'earshot';
