import { basename } from 'node:path';
import { z } from 'zod';
import { ChannelSchema } from '../../../../shared/mention';
import type { Result } from '../../../../shared/result';
import type { Connector, DataTime, PollContext, PollOutcome, RejectedItem } from '../connector';
import { SourceBaseSchema, type ConnectorDeps, type ConnectorFactory } from '../factory';
import type { Logger } from '../../runtime/logger';
import { buildReplayIndex, formatFromPath, readIndexedRows, type ReplayIndex } from './replay-index';
import { readJsonCursor } from '../http';

/** Config of a replayed export file (CSV or JSONL). */
export const ReplayConfigSchema = SourceBaseSchema.extend({
  type: z.literal('replay'),
  file: z.string().min(1).max(4096),
  /** Defaults to the file's extension. */
  format: z.enum(['csv', 'jsonl']).optional(),
  /** Channel for rows whose `source`/`channel` is not a known channel. */
  channel: ChannelSchema.default('ingest'),
  /** Most rows one poll releases (a sped-up clock can make many due at once). */
  maxBatch: z.number().int().min(1).max(50_000).default(2_000),
  /** Watchlist of every row that names none; without it such rows match the hub's watchlists, else go to "replay". */
  watchlist: z.string().min(1).max(200).optional(),
});

/** Where replayed rows that name no watchlist (and match none) go. */
export const REPLAY_WATCHLIST = 'replay';
/** A validated replay source entry. */
export type ReplayConfig = z.infer<typeof ReplayConfigSchema>;

/** The persisted cursor: rows released (in time order) of a file with `total` good rows. */
export const ReplayCursorSchema = z
  .object({ v: z.literal(1), released: z.number().int().nonnegative(), total: z.number().int().nonnegative() })
  .strict();

/** How far a replay has got. `committed` counts rows the runtime has stored (it lags `offered` by a poll). */
export interface ReplayProgress {
  readonly ready: boolean;
  readonly total: number;
  readonly offered: number;
  readonly committed: number;
  readonly rejected: number;
  /** Why the file could not be indexed, or null. */
  readonly failed: string | null;
  /** Rows an earlier run had already released (from the cursor the runner restored). */
  readonly resumedFrom: number;
  /** createdAt of the first and last rows, once indexed. */
  readonly firstAt: number | null;
  readonly lastAt: number | null;
}

/** A replay source: a `Connector` that also reports its progress. */
export interface ReplayConnector extends Connector {
  readonly kind: 'replay';
  /** Indexes the file (once; later calls share the result). */
  load(): Promise<Result<ReplayIndex>>;
  progress(): ReplayProgress;
}

/** Narrows a connector to a replay connector. */
export const isReplayConnector = (c: Connector): c is ReplayConnector =>
  c.kind === 'replay' && 'progress' in c && 'load' in c;

/** Number of times in the ascending `times` that are <= `now`. */
export function countDue(times: Float64Array, now: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((times[mid] ?? Infinity) <= now) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** How far the rows released by `cursor` reach in data time (see `Connector.dataTime`). */
function dataTimeOf(ix: ReplayIndex, cursor: string | null): DataTime {
  const released = committedFrom(cursor, ix.total);
  if (released < ix.total) return { at: ix.times[released] ?? 0, finished: false };
  return { at: ix.times[ix.total - 1] ?? 0, finished: true };
}

function committedFrom(cursor: string | null, total: number): number {
  const parsed = readJsonCursor(cursor, ReplayCursorSchema.nullable(), null);
  return parsed && parsed.total === total ? Math.min(parsed.released, total) : 0;
}

/**
 * Releases the file's rows whose createdAt <= hub now, oldest first (the file may be unsorted: an index
 * is sorted, not the rows). The cursor counts released rows, so a restart resumes where it stopped; a
 * cursor for a different file (other row count) starts over and the store drops the duplicates.
 * Refused rows are reported once, on the first poll, with their line numbers. `restore` (called by the
 * runner with the persisted cursor) lets `progress()` count rows stored by an earlier run.
 */
export function createReplayConnector(config: ReplayConfig, logger: Logger): ReplayConnector {
  const format = config.format ?? formatFromPath(config.file) ?? 'csv';
  const log = logger.child({ module: 'replay', sourceId: config.id });
  let loading: Promise<Result<ReplayIndex>> | null = null;
  let index: ReplayIndex | null = null;
  let offered = 0;
  let committed = 0;
  let reportedRejects = false;
  let restored: string | null = null;
  let failed: string | null = null;

  const load = (): Promise<Result<ReplayIndex>> => {
    loading ??= buildReplayIndex(config.file, format, config.channel).then((result) => {
      if (result.ok) {
        index = result.value;
        log.info({ rows: index.total, rejected: index.rejectedCount }, 'replay file indexed');
      } else failed = result.error.message;
      return result;
    });
    return loading;
  };

  const rejectsOnce = (ix: ReplayIndex): RejectedItem[] => {
    if (reportedRejects) return [];
    reportedRejects = true;
    return ix.rejected.map((r) => ({ reason: `line ${r.line}: ${r.reason}` }));
  };

  async function poll(ctx: PollContext): Promise<PollOutcome> {
    const loaded = await load();
    if (!loaded.ok) return { kind: 'config-error', message: loaded.error.message };
    const ix = loaded.value;
    committed = committedFrom(ctx.cursor, ix.total);
    const to = Math.min(countDue(ix.times, ctx.now), committed + config.maxBatch);
    const rows = await readIndexedRows(ix, committed, Math.max(committed, to));
    offered = Math.max(committed, to);
    const rejected = [...rejectsOnce(ix), ...rows.rejected.map((r) => ({ reason: `changed on re-read: ${r.reason}` }))];
    const cursor = JSON.stringify({ v: 1, released: offered, total: ix.total });
    return { kind: 'ok', items: rows.items, rejected, cursor };
  }

  return {
    id: config.id,
    kind: 'replay',
    label: config.label ?? `Replay ${basename(config.file)}`,
    pollIntervalMs: config.pollIntervalMs ?? 1_000,
    poll,
    load,
    attribution: config.watchlist ? { watchlist: config.watchlist } : { fallbackWatchlist: REPLAY_WATCHLIST },
    dataTime: (cursor) => (index === null ? null : dataTimeOf(index, cursor)),
    restore: (cursor) => {
      restored = cursor;
    },
    progress: () => ({
      ready: index !== null,
      failed,
      total: index?.total ?? 0,
      offered,
      committed: Math.max(committed, index ? committedFrom(restored, index.total) : 0),
      resumedFrom: index ? committedFrom(restored, index.total) : 0,
      rejected: index?.rejectedCount ?? 0,
      firstAt: index && index.total > 0 ? (index.times[0] ?? null) : null,
      lastAt: index && index.total > 0 ? (index.times[index.total - 1] ?? null) : null,
    }),
  };
}

/** Registry entry for `type: "replay"`. No credentials. */
export const replayFactory: ConnectorFactory<ReplayConfig> = {
  type: 'replay',
  configSchema: ReplayConfigSchema,
  credentialFields: [],
  create: (config: ReplayConfig, deps: ConnectorDeps) => createReplayConnector(config, deps.logger),
};
