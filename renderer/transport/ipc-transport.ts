import type { CommandName, CommandRequest, CommandResponse } from '../../shared/contract';
import type { EarshotBridge } from '../../shared/bridge';
import { appError, err, errorMessage, type Result } from '../../shared/result';
import type { Transport, TransportSink } from './transport';
import { EdgeQueue, type EdgeSlicing } from './edge-queue';
import { checkWireResult } from './validate';

/** The contract over Electron IPC through the preload's `window.earshot` bridge. */
export class IpcTransport implements Transport {
  readonly kind = 'ipc' as const;
  private unsubscribe: (() => void) | null = null;

  private edge: EdgeQueue | null = null;

  constructor(
    private readonly bridge: EarshotBridge,
    private readonly slicing?: EdgeSlicing,
  ) {}

  start(sink: TransportSink): void {
    const edge = new EdgeQueue(sink, this.slicing);
    this.edge = edge;
    this.unsubscribe = this.bridge.onEvent((raw: unknown) => edge.push(raw));
    sink.link({ status: 'connected', attempt: 0, lastError: null });
    void this.fetchSnapshot(sink);
  }

  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.edge?.clear();
  }

  async invoke<N extends CommandName>(name: N, request: CommandRequest<N>): Promise<Result<CommandResponse<N>>> {
    try {
      return checkWireResult(name, await this.bridge.invoke(name, request));
    } catch (e) {
      return err(appError('ipc-failed', errorMessage(e, 'The hub did not answer.')));
    }
  }

  /** IPC has no connect moment, so the wall asks for its snapshot once on start. */
  private async fetchSnapshot(sink: TransportSink): Promise<void> {
    let result: Result<unknown>;
    try {
      result = await this.bridge.invoke('snapshot:get', {});
    } catch (e) {
      result = err(appError('ipc-failed', errorMessage(e, 'The hub did not answer.')));
    }
    // The snapshot goes through the same sliced edge validation as pushed events.
    if (result.ok) this.edge?.push({ name: 'snapshot', payload: result.value });
    else sink.link({ status: 'offline', attempt: 1, lastError: result.error.message });
  }
}
