import {
  commandRoles,
  commandSchemas,
  isCommandName,
  type CommandName,
  type CommandRequest,
  type CommandResponse,
  type HubEvent,
  type HubStatus,
  type Snapshot,
  type SourceView,
} from '../../../shared/contract';
import { appError, err, ok, errorMessage, type Result } from '../../../shared/result';
import { minuteOf, type SeriesPoint } from '../../../shared/series';
import type { Incident } from '../../../shared/incident';
import { roleAllows, type Actor } from '../../../shared/workflow';
import { exportIncident } from '../incidents/evidence';
import { mentionsExportCommand, postmortemCommand, type ExportContext } from './export-commands';
import type { Logger } from '../runtime/logger';
import type { Store } from '../store/repository';
import type { WorkflowService } from '../workflow/service';
import type { WorkflowCommand } from '../workflow/transitions';
import { markHandled, searchMentions } from './mention-commands';
import type { SourceHistory } from '../wall/source-history';
import type { UptimeLog } from '../wall/uptime-log';
import { wallKpis, wallSeries } from '../wall/wall-queries';

/** Minutes of series a snapshot carries: the wall's default chart window. */
export const SNAPSHOT_MINUTES = 180;
/** Mentions a snapshot carries: the wall's feed is a ring buffer of about this size. */
export const SNAPSHOT_MENTIONS = 500;

/** What command handlers may use. */
export interface CommandContext {
  readonly store: Store;
  readonly workflow: WorkflowService;
  readonly logger: Logger;
  readonly now: () => number;
  /** Sends an event to every client (the core's bus). */
  readonly emit: (event: HubEvent) => void;
  /** When the hub was up: the wall draws the rest as gaps. */
  readonly uptime: UptimeLog;
  /** When each source was down: the wall draws a channel's silence then as a gap. */
  readonly sourceHistory?: SourceHistory;
  status(): Promise<HubStatus>;
  /** The wall's per-minute points of [from, to] (minute starts), from the core's one per-minute aggregator. */
  series(fromMinute: number, toMinute: number): Promise<SeriesPoint[]>;
  incidents(): Promise<ReadonlyArray<Incident>>;
  sources(): ReadonlyArray<SourceView>;
  testSource(sourceId: string): Promise<{ ok: boolean; message: string }>;
  setCredentials(sourceId: string, values: Readonly<Record<string, string>>): Promise<Result<{ configured: boolean }>>;
  /** The post-mortem and mention exports' needs (search, PDF renderer). */
  readonly exports: ExportContext;
}

type Handlers = {
  [N in CommandName]: (
    ctx: CommandContext,
    req: CommandRequest<N>,
    actor: Actor,
  ) => Promise<Result<CommandResponse<N>>>;
};

/** The longest period one `incidents:measures` may cover (a year): bounds the work of one command. */
export const MAX_MEASURES_MS = 366 * 24 * 60 * 60_000;

/** Builds the snapshot a client gets on connect. */
export async function buildSnapshot(ctx: CommandContext): Promise<Snapshot> {
  const now = ctx.now();
  const to = minuteOf(now);
  const [status, mentions, series, incidents] = await Promise.all([
    ctx.status(),
    ctx.store.recentMentions(SNAPSHOT_MENTIONS),
    ctx.series(to - (SNAPSHOT_MINUTES - 1) * 60_000, to),
    ctx.incidents(),
  ]);
  const handled = await ctx.store.handledMarks(mentions.map((m) => m.id));
  return { status, mentions, series, incidents: [...incidents], now, handled };
}

const handlers: Handlers = {
  'status:get': async (ctx) => ok(await ctx.status()),
  'snapshot:get': async (ctx) => ok(await buildSnapshot(ctx)),
  'mentions:recent': async (ctx, req) => ok(await ctx.store.recentMentions(req.limit)),
  'series:volume': async (ctx, req) => {
    const to = minuteOf(ctx.now());
    return ok(await ctx.series(to - (req.minutes - 1) * 60_000, to));
  },
  'incidents:list': async (ctx) => ok([...(await ctx.incidents())]),
  'sources:list': async (ctx) => ok([...ctx.sources()]),
  'incident:export': async (ctx, req) => {
    const incident = await ctx.workflow.get(req.id);
    if (incident === null) return err(appError('not-found', `No incident "${req.id}".`));
    return ok({ filename: `earshot-${incident.id}.json`, content: exportIncident(incident) });
  },
  'source:test': async (ctx, req) => ok(await ctx.testSource(req.sourceId)),
  'source:credentials:set': async (ctx, req) => ctx.setCredentials(req.sourceId, req.values),
  'session:whoami': async (_ctx, _req, actor) => ok(actor),
  'incident:acknowledge': (ctx, req, actor) => act(ctx, req.id, { kind: 'acknowledge' }, actor),
  'incident:escalate': (ctx, req, actor) => act(ctx, req.id, { kind: 'escalate', note: req.note }, actor),
  'incident:resolve': (ctx, req, actor) =>
    act(ctx, req.id, { kind: 'resolve', falseAlarm: req.falseAlarm ?? false, note: req.note?.trim() ?? '' }, actor),
  'incident:reopen': (ctx, req, actor) => act(ctx, req.id, { kind: 'reopen', reason: req.reason }, actor),
  'incident:snooze': (ctx, req, actor) =>
    act(ctx, req.id, { kind: 'snooze', until: req.until, reason: req.reason }, actor),
  'incident:merge': (ctx, req, actor) => ctx.workflow.merge(req.id, req.into, actor),
  'incident:assign': (ctx, req, actor) => act(ctx, req.id, { kind: 'assign', owner: req.owner }, actor),
  'incident:note': (ctx, req, actor) => act(ctx, req.id, { kind: 'note', text: req.text }, actor),
  'incident:holding-reply': (ctx, req, actor) => act(ctx, req.id, { kind: 'holding-reply', text: req.text }, actor),
  'incident:flag-post': (ctx, req, actor) => act(ctx, req.id, { kind: 'flag-post', mentionId: req.mentionId }, actor),
  'incidents:measures': async (ctx, req) => {
    // Up to and including hub now (the period is half-open).
    const to = req.to ?? ctx.now() + 1;
    if (to <= req.from) return err(appError('invalid-request', 'incidents:measures needs from before to.'));
    if (to - req.from > MAX_MEASURES_MS)
      return err(appError('invalid-request', 'incidents:measures covers at most 366 days.'));
    return ok(await ctx.workflow.measures(req.from, to));
  },
  'mentions:search': (ctx, req) => searchMentions(ctx, req),
  'mention:handled': (ctx, req, actor) => markHandled(ctx, req, actor),
  'incident:postmortem': (ctx, req) => postmortemCommand(ctx.exports, req),
  'mentions:export': (ctx, req) => mentionsExportCommand(ctx.exports, req),
  'wall:series': async (ctx, req) =>
    ok(await wallSeries(ctx.store, { uptime: ctx.uptime, sources: ctx.sourceHistory }, ctx.now(), req.minutes)),
  'wall:kpis': async (ctx) => ok(await wallKpis(ctx.store, ctx.now())),
};

const act = (ctx: CommandContext, id: string, cmd: WorkflowCommand, actor: Actor): Promise<Result<Incident>> =>
  ctx.workflow.act(id, cmd, actor);

/**
 * The one authorization check every command passes before its handler: the actor's role must reach the
 * command's least role (`commandRoles`). A refusal is a readable error, and logged.
 */
export function authorize(ctx: CommandContext, name: CommandName, actor: Actor): Result<void> {
  const needed = commandRoles[name];
  if (roleAllows(actor.role, needed)) return ok(undefined);
  ctx.logger.warn({ command: name, actor: actor.id, role: actor.role, needed, desk: actor.desk }, 'command refused');
  return err(appError('forbidden', `forbidden: ${name} needs the ${needed} role; you are ${actor.role}`));
}

/** Runs a typed command (the request is still validated: hosts pass on what clients sent). */
export async function runTypedCommand<N extends CommandName>(
  ctx: CommandContext,
  name: N,
  request: CommandRequest<N>,
  actor: Actor,
): Promise<Result<CommandResponse<N>>> {
  return (await runCommand(ctx, name, request, actor)) as Result<CommandResponse<N>>;
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
  'session:whoami': () => 1,
  'incident:acknowledge': () => 2,
  'incident:escalate': () => 2,
  'incident:resolve': () => 2,
  'incident:reopen': () => 2,
  'incident:snooze': () => 2,
  'incident:merge': () => 4,
  'incident:assign': () => 2,
  'incident:note': () => 2,
  'incident:holding-reply': () => 2,
  'incident:flag-post': () => 2,
  // Without `to` the period ends at hub now; "so far today" (a day or less) is the common case.
  'incidents:measures': (req) =>
    4 + Math.ceil(Math.max(0, (req.to ?? req.from + 24 * 60 * 60_000) - req.from) / (7 * 24 * 60 * 60_000)),
  // Full text over all history reads more than one page: a word search costs like a snapshot.
  'mentions:search': (req) => Math.ceil(req.limit / 100) + (req.text !== undefined && req.text.trim() !== '' ? 8 : 1),
  'mention:handled': () => 2,
  // The PDF's Chromium runs outside the event loop, one at a time per hub (chromium-pdf.ts); here it costs the HTML
  // and its base64. At 40 it was refused right after a CSV export and a search, the board's everyday use.
  'incident:postmortem': (req) => (req.format === 'pdf' ? 8 : 4),
  // Within one burst (50) even after a search: a 10,000-row export costs 14, the largest (20,000) 24.
  'mentions:export': (req) => 4 + Math.ceil((req.maxRows ?? 10_000) / 1000),
  // Three reads of the window (all, by channel, by topic; topics parse each post's JSON).
  'wall:series': (req) => 2 + Math.ceil(req.minutes / 120),
  // Eleven one-hour windows (now, four past weeks, six past days).
  'wall:kpis': () => 4,
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

/**
 * Runs a command by name for `actor`: unknown names, refused roles and invalid payloads are readable errors
 * (authorization comes first, so a refused caller learns nothing of the payload rules); never throws.
 */
export async function runCommand(
  ctx: CommandContext,
  name: string,
  payload: unknown,
  actor: Actor,
): Promise<Result<unknown>> {
  if (!isCommandName(name)) return err(appError('unknown-command', `Unknown command "${name}".`));
  const allowed = authorize(ctx, name, actor);
  if (!allowed.ok) return allowed;
  const parsed = commandSchemas[name].request.safeParse(payload ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
    return err(appError('invalid-request', `Invalid ${name} request${where}: ${issue?.message ?? 'bad payload'}.`));
  }
  const handler = handlers[name] as (ctx: CommandContext, req: unknown, actor: Actor) => Promise<Result<unknown>>;
  try {
    return await handler(ctx, parsed.data, actor);
  } catch (error) {
    return err(appError('internal', `${name} failed: ${errorMessage(error)}`));
  }
}
