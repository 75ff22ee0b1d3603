import type { CommandName, CommandRequest, CommandResponse } from '../../shared/contract';
import type { EarshotBridge } from '../../shared/bridge';
import { appError, err, type Result } from '../../shared/result';
import type { Transport, TransportSink } from './transport';
import { checkWireResult, validateEvent } from './validate';

/** The contract over Electron IPC through the preload's `window.earshot` bridge. */
export class IpcTransport implements Transport {
  readonly kind = 'ipc' as const;
  private unsubscribe: (() => void) | null = null;

  constructor(private readonly bridge: EarshotBridge) {}

  start(sink: TransportSink): void {
    this.unsubscribe = this.bridge.onEvent((raw: unknown) => {
      const event = validateEvent(raw);
      if (event.ok) sink.event(event.value);
      else sink.invalid(event.error.message);
    });
    sink.link({ status: 'connected', attempt: 0, lastError: null });
    void this.fetchSnapshot(sink);
  }

  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
  }

  async invoke<N extends CommandName>(name: N, request: CommandRequest<N>): Promise<Result<CommandResponse<N>>> {
    try {
      return checkWireResult(name, await this.bridge.invoke(name, request));
    } catch (e) {
      return err(appError('ipc-failed', e instanceof Error ? e.message : 'The hub did not answer.'));
    }
  }

  /** IPC has no connect moment, so the wall asks for its snapshot once on start. */
  private async fetchSnapshot(sink: TransportSink): Promise<void> {
    const snap = await this.invoke('snapshot:get', {});
    if (snap.ok) sink.event({ name: 'snapshot', payload: snap.value });
    else sink.link({ status: 'offline', attempt: 1, lastError: snap.error.message });
  }
}
