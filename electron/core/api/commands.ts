import {
  commandSchemas,
  isCommandName,
  type CommandName,
  type CommandRequest,
  type CommandResponse,
  type HubStatus,
  type Snapshot,
  type SourceView,
} from '../../../shared/contract';
import { appError, err, ok, errorMessage, type Result } from '../../../shared/result';
import { minuteOf } from '../../../shared/series';
import type { Incident } from '../../../shared/incident';
import { exportIncident } from '../incidents/evidence';
import type { Store } from '../store/repository';

/** Minutes of series a snapshot carries: the wall's default chart window. */
export const SNAPSHOT_MINUTES = 180;
/** Mentions a snapshot carries: the wall's feed is a ring buffer of about this size. */
export const SNAPSHOT_MENTIONS = 500;

/** What command handlers may use. */
export interface CommandContext {
  readonly store: Store;
  readonly now: () => number;
  status(): Promise<HubStatus>;
  incidents(): Promise<ReadonlyArray<Incident>>;
  sources(): ReadonlyArray<SourceView>;
  testSource(sourceId: string): Promise<{ ok: boolean; message: string }>;
  setCredentials(sourceId: string, values: Readonly<Record<string, string>>): Promise<Result<{ configured: boolean }>>;
}

type Handlers = {
  [N in CommandName]: (ctx: CommandContext, req: CommandRequest<N>) => Promise<Result<CommandResponse<N>>>;
};

/** Builds the snapshot a client gets on connect. */
export async function buildSnapshot(ctx: CommandContext): Promise<Snapshot> {
  const now = ctx.now();
  const to = minuteOf(now);
  const [status, mentions, series, incidents] = await Promise.all([
    ctx.status(),
    ctx.store.recentMentions(SNAPSHOT_MENTIONS),
    ctx.store.volumeSeries(to - (SNAPSHOT_MINUTES - 1) * 60_000, to),
    ctx.incidents(),
  ]);
  return { status, mentions, series, incidents: [...incidents], now };
}

const handlers: Handlers = {
  'status:get': async (ctx) => ok(await ctx.status()),
  'snapshot:get': async (ctx) => ok(await buildSnapshot(ctx)),
  'mentions:recent': async (ctx, req) => ok(await ctx.store.recentMentions(req.limit)),
  'series:volume': async (ctx, req) => {
    const to = minuteOf(ctx.now());
    return ok(await ctx.store.volumeSeries(to - (req.minutes - 1) * 60_000, to));
  },
  'incidents:list': async (ctx) => ok([...(await ctx.incidents())]),
  'sources:list': async (ctx) => ok([...ctx.sources()]),
  'incident:export': async (ctx, req) => {
    const incident = await ctx.store.getIncident(req.id);
    if (incident === null) return err(appError('not-found', `No incident "${req.id}".`));
    return ok({ filename: `earshot-${incident.id}.json`, content: exportIncident(incident) });
  },
  'source:test': async (ctx, req) => ok(await ctx.testSource(req.sourceId)),
  'source:credentials:set': async (ctx, req) => ctx.setCredentials(req.sourceId, req.values),
};

/** Runs a typed command (the request is still validated: hosts pass on what clients sent). */
export async function runTypedCommand<N extends CommandName>(
  ctx: CommandContext,
  name: N,
  request: CommandRequest<N>,
): Promise<Result<CommandResponse<N>>> {
  return (await runCommand(ctx, name, request)) as Result<CommandResponse<N>>;
}

const COSTS: { [N in CommandName]: (req: CommandRequest<N>) => number } = {
  'status:get': () => 1,
  'snapshot:get': () => 8,
  'mentions:recent': (req) => Math.ceil(req.limit / 100),
  'series:volume': (req) => Math.ceil(req.minutes / 360),
  'incidents:list': () => 2,
  'sources:list': () => 1,
  'incident:export': () => 2,
  'source:test': () => 10,
  'source:credentials:set': () => 5,
};

/**
 * The rough work of one command, in units of about 100 mentions read and serialized (~0.6 ms): what a host's
 * per-client rate limit counts. Unknown names and invalid payloads cost 1 (they are refused cheaply).
 */
export function commandCost(name: string, payload: unknown): number {
  if (!isCommandName(name)) return 1;
  const parsed = commandSchemas[name].request.safeParse(payload ?? {});
  if (!parsed.success) return 1;
  const cost = COSTS[name] as (req: unknown) => number;
  return Math.max(1, cost(parsed.data));
}

/** Runs a command by name: unknown names and invalid payloads are readable errors, never throws. */
export async function runCommand(ctx: CommandContext, name: string, payload: unknown): Promise<Result<unknown>> {
  if (!isCommandName(name)) return err(appError('unknown-command', `Unknown command "${name}".`));
  const parsed = commandSchemas[name].request.safeParse(payload ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
    return err(appError('invalid-request', `Invalid ${name} request${where}: ${issue?.message ?? 'bad payload'}.`));
  }
  const handler = handlers[name] as (ctx: CommandContext, req: unknown) => Promise<Result<unknown>>;
  try {
    return await handler(ctx, parsed.data);
  } catch (error) {
    return err(appError('internal', `${name} failed: ${errorMessage(error)}`));
  }
}
