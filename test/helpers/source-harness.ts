import type { RawMention } from '../../shared/mention';
import type { SourceHealth } from '../../shared/source-health';
import type { Connector } from '../../electron/core/connectors/connector';
import type { Clock } from '../../electron/core/runtime/clock';
import { silentLogger } from '../../electron/core/runtime/logger';
import { createSourceRunner, type SourceRunner } from '../../electron/core/runtime/poller';

/** A connector under the real poller, committing into memory: what a connector's integration test drives. */
export interface SourceHarness {
  readonly runner: SourceRunner;
  /** Each committed batch, in order. */
  readonly committed: RawMention[][];
  /** Resolves with the health after the next poll settles. */
  polled(): Promise<SourceHealth>;
  /** The cursor as last committed. */
  cursor(): string | null;
}

/** Runs `connector` with the real runner on `clock`, jitter fixed at the midpoint so retry times are exact. */
export function harnessSource(connector: Connector, clock: Clock, initialCursor: string | null = null): SourceHarness {
  const committed: RawMention[][] = [];
  let cursor = initialCursor;
  let waiter: ((h: SourceHealth) => void) | null = null;
  const runner = createSourceRunner({
    connector,
    clock,
    logger: silentLogger(),
    random: () => 0.5,
    loadCursor: async () => cursor,
    commit: async (items, c) => {
      committed.push([...items]);
      if (c !== null) cursor = c;
    },
    onHealth: (h) => waiter?.(h),
  });
  return {
    runner,
    committed,
    polled: () => new Promise<SourceHealth>((resolve) => (waiter = resolve)),
    cursor: () => cursor,
  };
}
