import type { CommandName, CommandRequest, CommandResponse, HubEvent } from '../../shared/contract';
import type { Result } from '../../shared/result';
import type { LinkState } from '../stores/connection-slice';

/** Where a transport reports what it receives. Events reaching `event` are already validated. */
export interface TransportSink {
  event(event: HubEvent): void;
  link(state: LinkState): void;
  /** An incoming value failed validation and was dropped. */
  invalid(reason: string): void;
}

/**
 * The one interface the wall talks to the hub through, whether over Electron IPC or WebSocket.
 * Commands resolve to validated `Result`s; they never throw.
 */
export interface Transport {
  readonly kind: 'ipc' | 'websocket';
  invoke<N extends CommandName>(name: N, request: CommandRequest<N>): Promise<Result<CommandResponse<N>>>;
  /** Connects and starts delivering to `sink`; a fresh `snapshot` event follows every (re)connect. */
  start(sink: TransportSink): void;
  stop(): void;
}
