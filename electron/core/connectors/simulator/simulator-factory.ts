import { z } from 'zod';
import type { Connector, PollContext, PollOutcome } from '../connector';
import { SourceBaseSchema, type ConnectorDeps, type ConnectorFactory } from '../factory';
import type { Logger } from '../../runtime/logger';
import { generateRange, type SimulationOptions } from './generate';
import { SIMULATOR_SCENARIO } from './scenario';
import { isTimeZone } from './rhythm';
import { readJsonCursor } from '../http';
import { MINUTE_MS } from '../../../../shared/series';

/** Config of the built-in simulator source: a fictional fintech brand's mentions, no API key needed. */
export const SimulatorConfigSchema = SourceBaseSchema.extend({
  type: z.literal('simulator'),
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31)
    .default(42),
  brand: z.string().min(1).max(100).default('Nimbus Bank'),
  /** Mean posts per minute on weekday daytime (09:00–21:00 local); nights and weekends are quieter. */
  ratePerMinute: z.number().positive().max(600).default(8),
  scenario: z.enum(['default', 'quiet']).default('default'),
  /** The brand's local time offset from UTC, for the day/night rhythm (when no `timeZone` is given). */
  utcOffsetMinutes: z.number().int().min(-720).max(840).default(0),
  /** The brand's IANA time zone ("Europe/London"): its day, with DST, sets the rhythm. */
  timeZone: z.string().min(1).max(100).refine(isTimeZone, 'not a known IANA time zone').optional(),
  /**
   * Start in the brand's daytime: a simulator first started at night moves the brand's day on to 10:00 local, so
   * `serve --demo` looks alive at any hour. `false` keeps the real clock's day (nights are quiet).
   */
  daytimeStart: z.boolean().default(true),
  /** Attribute every post to this watchlist id (else the hub's watchlist matching decides). */
  watchlist: z.string().min(1).max(100).optional(),
});
/** A validated simulator source entry. */
export type SimulatorConfig = z.infer<typeof SimulatorConfigSchema>;

/** What the simulator persists as its cursor: its start (episodes are scheduled from it) and the last generated time. */
export const SimulatorCursorSchema = z
  .object({ v: z.literal(1), start: z.number().int(), last: z.number().int() })
  .strict();
/** The simulator's cursor, parsed. */
export type SimulatorCursor = z.infer<typeof SimulatorCursorSchema>;

/** Poll interval in hub time: one second, like a busy real-time source. */
export const SIMULATOR_POLL_INTERVAL_MS = 1_000;

/** Reads a persisted cursor; an unreadable one is treated as a first run (ids are deterministic, so the store dedupes). */
export function parseSimulatorCursor(cursor: string | null): SimulatorCursor | null {
  return readJsonCursor(cursor, SimulatorCursorSchema.nullable(), null);
}

/**
 * The poll window for hub time `now`:
 * - first run (no cursor): the simulator starts at `now` and back-fills `prehistoryMinutes` (180) of
 *   everyday posts at the start's level, so the wall has a chart at once and the detector (which scores
 *   a series only after 150 points) is warm when the outage starts 8 minutes later;
 * - later: everything after the cursor, but at most `maxCatchUpMinutes` (60) back; after a longer downtime
 *   the older simulated time is skipped, on purpose, to keep one poll small;
 * - a cursor ahead of `now` (a demo that ran on a sped-up clock, restarted at normal speed) starts afresh:
 *   otherwise the stream would stay silent until real time caught up with the demo's.
 */
export function simulatorWindow(
  cursor: SimulatorCursor | null,
  now: number,
): { start: number; from: number; to: number } {
  const scenario = SIMULATOR_SCENARIO;
  if (!cursor || cursor.last > now + MINUTE_MS)
    return { start: now, from: now - scenario.prehistoryMinutes * MINUTE_MS, to: now };
  const from = Math.max(cursor.last, now - scenario.maxCatchUpMinutes * MINUTE_MS);
  return { start: cursor.start, from, to: Math.max(from, now) };
}

/** The simulator as a `Connector`: each poll returns every post created in (cursor, now]. */
export function createSimulatorConnector(config: SimulatorConfig, logger: Logger): Connector {
  const options: SimulationOptions = {
    seed: config.seed,
    brand: config.brand,
    ratePerMinute: config.ratePerMinute,
    scenario: config.scenario,
    utcOffsetMinutes: config.utcOffsetMinutes,
    ...(config.timeZone === undefined ? {} : { timeZone: config.timeZone }),
    daytimeStart: config.daytimeStart,
  };
  const log = logger.child({ module: 'simulator', sourceId: config.id });
  return {
    id: config.id,
    kind: 'simulator',
    label: config.label ?? `Simulator (${config.brand})`,
    pollIntervalMs: config.pollIntervalMs ?? SIMULATOR_POLL_INTERVAL_MS,
    async poll(ctx: PollContext): Promise<PollOutcome> {
      const previous = parseSimulatorCursor(ctx.cursor);
      if (ctx.cursor !== null && previous === null) log.warn('unreadable simulator cursor; starting afresh');
      const window = simulatorWindow(previous, ctx.now);
      const generated = generateRange(options, window.start, window.from, window.to);
      const watchlist = config.watchlist;
      const items = watchlist ? generated.map((m) => ({ ...m, watchlist })) : generated;
      const cursor: SimulatorCursor = { v: 1, start: window.start, last: window.to };
      return { kind: 'ok', items, rejected: [], cursor: JSON.stringify(cursor) };
    },
  };
}

/** Registry entry for `type: "simulator"`. No credentials. */
export const simulatorFactory: ConnectorFactory<SimulatorConfig> = {
  type: 'simulator',
  configSchema: SimulatorConfigSchema,
  credentialFields: [],
  create: (config: SimulatorConfig, deps: ConnectorDeps) => createSimulatorConnector(config, deps.logger),
};
