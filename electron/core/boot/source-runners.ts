import type { SourceHealth } from '../../../shared/source-health';
import type { SourceBinding } from '../api/source-admin';
import type { SourceRunnerPort } from '../core-types';
import type { Committer } from '../pipeline/commit';
import type { EventBus } from '../runtime/event-bus';
import type { SourceHistory } from '../wall/source-history';
import type { CoreDeps } from './core-deps';
import { sourceHealthView } from './source-health-view';

/** The pollers this hub runs, and the health of every source as its walls show it. */
export interface SourceRunners {
  start(binding: SourceBinding): void;
  stop(id: string): Promise<void>;
  has(id: string): boolean;
  readonly size: number;
  /** Every source's health: this hub's pollers', and the other hubs' for the sources they poll. */
  health(): SourceHealth[];
  /** Other hubs' health of their sources (the fan-out's), shown from now on. */
  remote(sources: ReadonlyArray<SourceHealth>): void;
}

/**
 * Starts and stops this hub's pollers (each while the hub holds its source's lease). Each health change is
 * recorded in the source's history, published to the walls (`sources:health`) and told to the team's other hubs.
 */
export function createSourceRunners(
  deps: Pick<CoreDeps, 'sources' | 'createRunner' | 'clock' | 'logger' | 'store' | 'team'>,
  events: EventBus,
  history: SourceHistory,
  commit: Committer,
): SourceRunners {
  const runners = new Map<string, SourceRunnerPort>();
  const view = sourceHealthView(deps.sources.map((s) => s.connector.id));
  const health = (): SourceHealth[] => view.all([...runners.values()].map((r) => r.health()));
  const publish = (): void => events.emit({ name: 'sources:health', payload: { sources: health() } });
  return {
    start({ connector }) {
      const runner = deps.createRunner({
        connector,
        clock: deps.clock,
        logger: deps.logger.child({ module: 'source', sourceId: connector.id }),
        loadCursor: () => deps.store.getCursor(connector.id),
        commit: async (items, cursor) => void (await commit(connector.id, items, cursor)),
        onHealth: (now) => {
          history.observe(now, deps.clock.now());
          deps.team?.recordHealth(now);
          publish();
        },
      });
      runners.set(connector.id, runner);
      runner.start();
    },
    async stop(id) {
      await runners.get(id)?.stop();
      runners.delete(id);
      publish();
    },
    has: (id) => runners.has(id),
    get size() {
      return runners.size;
    },
    health,
    remote(sources) {
      view.remote(sources);
      publish();
    },
  };
}
