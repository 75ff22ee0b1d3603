import type { Incident } from '../../../shared/incident';
import type { Mention } from '../../../shared/mention';
import type { SeriesPoint } from '../../../shared/series';
import { minuteOf } from '../../../shared/series';
import type { DataTime } from '../connectors/connector';
import type { DetectionPort } from '../core-types';
import { createDataTimeFeed, finishAt } from '../incidents/replay-run';
import type { CommitResult, Store } from '../store/repository';
import { createMinutePoints } from './minute-points';
import { createKeyedMinutes, type KeyedDelta } from '../wall/keyed-minutes';

/** Reads how far a data-time source's committed cursor reaches (`Connector.dataTime`). */
export type DataTimeReader = (cursor: string | null) => DataTime | null;

/** What the aggregator is built from. */
export interface MinuteAggregatorDeps {
  /** Without `breakdownSeries` (a test's partial store) deltas carry no per-channel or per-topic counts. */
  readonly store: Pick<Store, 'volumeSeries'> & Partial<Pick<Store, 'breakdownSeries'>>;
  readonly detection?: DetectionPort;
  /** A source's data-time reader, or undefined for a live source (polled APIs, push, the simulator). */
  readonly dataTimeOf: (sourceId: string) => DataTimeReader | undefined;
  /** Whether any live source runs: then minutes also close on the hub clock. */
  readonly hasLive: boolean;
  /** Detection's grace for late posts, in minutes (its `latenessMinutes`). */
  readonly latenessMinutes: number;
}

/** The outcome of one commit: the store's, and the incidents detection changed on the way. */
export interface AggregatedCommit {
  readonly result: CommitResult;
  readonly changed: ReadonlyArray<Incident>;
}

/**
 * The one per-minute aggregator between commit and everything that reads minutes: the wall's series (points of
 * `series:update`, the snapshot's `series`, `series:volume`) and detection's per-minute counts. Commit feeds it
 * only what the store inserted (never a duplicate), once. Detection's minutes close on a watermark: live sources'
 * data is taken to have passed the hub clock (minus detection's lateness grace), so an outage alert is never held
 * back by a quiet source; a replayed file's data has passed exactly what its committed cursor released. A minute
 * closes once every source's data has passed it, and a replay's posts reach detection minute by minute in data
 * order (`createDataTimeFeed`), so replays and backtests raise the same incidents at any speed.
 */
export interface MinuteAggregator {
  /**
   * Stores one source's batch through `write` and counts what it inserted. Serialized with every read of the
   * store this aggregator makes, so a minute read back from the store is never counted again.
   */
  commit(
    sourceId: string,
    cursor: string | null,
    mentions: ReadonlyArray<Mention>,
    write: () => Promise<CommitResult>,
    now: number,
  ): Promise<AggregatedCommit>;
  /** The hub clock's turn: closes the minutes every source's data has passed; returns the incidents changed. */
  close(now: number): ReadonlyArray<Incident>;
  /**
   * Reads these minutes from the store again: another hub of the team stored posts into them (its own clients
   * counted them there). Serialized with commits, so the store's count is this hub's from then on.
   */
  refresh(minutes: ReadonlyArray<number>): Promise<void>;
  /** Wall points of these minutes, oldest first. */
  points(minutes: ReadonlyArray<number>): Promise<SeriesPoint[]>;
  /** The same minutes by channel and by topic (the display's deltas). */
  keyed(minutes: ReadonlyArray<number>): Promise<KeyedDelta>;
  /** Wall points of [from, to], zero-filled. */
  range(fromMinute: number, toMinute: number): Promise<SeriesPoint[]>;
  /** True when every source plays data on data time: detection's early path (timing-dependent) stays off. */
  readonly dataTimeOnly: boolean;
}

/** Creates the aggregator. */
export function createMinuteAggregator(deps: MinuteAggregatorDeps): MinuteAggregator {
  const wall = createMinutePoints(deps.store);
  const breakdown = deps.store.breakdownSeries;
  const keyed = createKeyedMinutes({
    breakdownSeries: async (from, to, by) => (breakdown ? breakdown.call(deps.store, from, to, by) : []),
  });
  const detection = deps.detection;
  const feed = detection ? createDataTimeFeed(detection) : null;
  /** Each data-time source's reach, from its last committed cursor. */
  const reach = new Map<string, DataTime>();
  let queue: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.then(task);
    queue = run.catch(() => undefined);
    return run;
  };

  /** The tick every source's data allows: the hub clock for live sources, each replay's reach; null: none yet. */
  const watermark = (now: number): number | null => {
    const limits = deps.hasLive ? [now] : [];
    for (const at of reach.values()) limits.push(at.finished ? finishAt(at.at, deps.latenessMinutes) : minuteOf(at.at));
    return limits.length === 0 ? null : Math.min(...limits);
  };
  const closeTo = (now: number): ReadonlyArray<Incident> => {
    const at = watermark(now);
    return feed === null || at === null ? [] : feed.tickTo(at);
  };

  const detect = (sourceId: string, cursor: string | null, inserted: ReadonlyArray<Mention>, now: number) => {
    const reader = deps.dataTimeOf(sourceId);
    if (reader === undefined || feed === null) {
      detection?.ingest(inserted);
      return [];
    }
    const changed = feed.feed([...inserted].sort((a, b) => a.createdAt - b.createdAt));
    const at = reader(cursor);
    if (at !== null) reach.set(sourceId, at);
    return [...changed, ...closeTo(now)];
  };

  return {
    dataTimeOnly: !deps.hasLive,
    commit: (sourceId, cursor, mentions, write, now) =>
      exclusive(async () => {
        const touched = mentions.map((m) => minuteOf(m.createdAt));
        await wall.seed(touched);
        await keyed.seed(touched);
        const result = await write();
        wall.add(result.inserted);
        keyed.add(result.inserted);
        return { result, changed: detect(sourceId, cursor, result.inserted, now) };
      }),
    close: closeTo,
    refresh: (minutes) => exclusive(() => wall.reload(minutes)),
    points: (minutes) => exclusive(() => wall.points(minutes)),
    keyed: (minutes) => exclusive(() => keyed.points(minutes)),
    range: (from, to) => exclusive(() => wall.range(from, to)),
  };
}
