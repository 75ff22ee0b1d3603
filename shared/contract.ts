import { z } from 'zod';
import { MentionSchema } from './mention';
import { SeriesPointSchema } from './series';
import { SourceHealthSchema, SourceKindSchema } from './source-health';
import { IncidentSchema } from './incident';
import { ActorSchema, MeasuresSchema, WorkflowRequests, type Role } from './workflow';
import type { Result } from './result';
import { MentionSearchSchema } from './search';
import { HandledMarkSchema, MarkHandledSchema, MentionResultsSchema } from './handled';
import { ExportFileSchema, MentionExportRequestSchema, MentionExportSchema, PostmortemRequestSchema } from './export';
import { KeyedPointSchema, MAX_WALL_MINUTES, WallKpisSchema, WallSeriesSchema } from './wall';

/**
 * The one client <-> hub contract. Both transports (Electron IPC and WebSocket) carry exactly these
 * commands and events; the renderer does not know which one it talks to.
 */

export const HubStatusSchema = z.object({
  version: z.string(),
  /** Seconds since the hub started. */
  uptime: z.number().nonnegative(),
  /** Number of stored mentions. */
  mentions: z.number().int().nonnegative(),
  sources: z.array(SourceHealthSchema),
  /** "embedded" (SQLite) or "team" (PostgreSQL). */
  mode: z.enum(['embedded', 'team']),
  /**
   * Health warnings for the wall to show, e.g. that detection's saved state could not be restored. Optional so
   * older clients and hubs parse; absent when there is nothing to warn of.
   */
  warnings: z.array(z.string()).optional(),
  /**
   * This hub among its team (authenticated callers only): its id, the leases it holds (`detector`, `escalation`,
   * `source:<id>`), its peers on the same database, and whether the database answers. Optional so older hubs parse.
   */
  hub: z
    .object({
      id: z.string(),
      leases: z.array(z.string()),
      peers: z.array(
        z.object({
          id: z.string(),
          host: z.string(),
          /** Epoch ms (real time). */
          startedAt: z.number(),
          lastSeen: z.number(),
          leases: z.array(z.string()),
          /** Seen within the last three lease periods. */
          alive: z.boolean(),
        }),
      ),
      database: z.object({ reachable: z.boolean(), latencyMs: z.number().nullable() }),
    })
    .optional(),
});
export type HubStatus = z.infer<typeof HubStatusSchema>;
/** One hub's place in its team, as `/api/status` shows it. */
export type HubTeamStatus = NonNullable<HubStatus['hub']>;

/** Sent once when a client connects; deltas follow as events. */
export const SnapshotSchema = z.object({
  status: HubStatusSchema,
  mentions: z.array(MentionSchema),
  series: z.array(SeriesPointSchema),
  incidents: z.array(IncidentSchema),
  /** Hub time (epoch ms) when the snapshot was taken: the wall's "now" under a fake or sped-up clock. */
  now: z.number().int(),
  /** The handled marks of the snapshot's mentions (optional so older hubs parse). */
  handled: z.array(HandledMarkSchema).optional(),
});
export type Snapshot = z.infer<typeof SnapshotSchema>;

const Empty = z.object({}).strict();

/** A configured source as the renderer may see it: never its credentials, only whether they are set. */
export const SourceViewSchema = z.object({
  sourceId: z.string(),
  kind: SourceKindSchema,
  label: z.string(),
  enabled: z.boolean(),
  /** The credential fields this source needs, e.g. ["bearerToken"]. */
  credentialFields: z.array(z.string()),
  /** True when every credential field has a stored value. */
  configured: z.boolean(),
  /** Pay-per-use sources (X): reads and estimated spend today against the user's cap. */
  spend: z
    .object({ readsToday: z.number().int(), estimatedUsdToday: z.number(), capUsdPerDay: z.number().nullable() })
    .nullable(),
});
export type SourceView = z.infer<typeof SourceViewSchema>;

/** Most mentions one `mentions:recent` may ask for (twice a snapshot's feed): bounds the work of one command. */
export const MAX_RECENT_MENTIONS = 1000;
/** Most minutes one `series:volume` may ask for (a day): bounds the work of one command. */
export const MAX_SERIES_MINUTES = 24 * 60;

/** Request/response commands, by name. */
export const commandSchemas = {
  'status:get': { request: Empty, response: HubStatusSchema },
  'snapshot:get': { request: Empty, response: SnapshotSchema },
  'mentions:recent': {
    request: z.object({ limit: z.number().int().min(1).max(MAX_RECENT_MENTIONS) }).strict(),
    response: z.array(MentionSchema),
  },
  'series:volume': {
    request: z.object({ minutes: z.number().int().min(1).max(MAX_SERIES_MINUTES) }).strict(),
    response: z.array(SeriesPointSchema),
  },
  'incidents:list': { request: Empty, response: z.array(IncidentSchema) },
  'sources:list': { request: Empty, response: z.array(SourceViewSchema) },
  /** One incident with its evidence card as a JSON document to save (post-mortems, tickets), however old. */
  'incident:export': {
    request: z.object({ id: z.string().min(1).max(100) }).strict(),
    response: z.object({ filename: z.string(), content: z.string() }),
  },
  /** Runs one poll-sized request against the source with its stored credentials; stores nothing. */
  'source:test': {
    request: z.object({ sourceId: z.string().max(100) }).strict(),
    response: z.object({ ok: z.boolean(), message: z.string() }),
  },
  /** Stores credentials encrypted at rest; they never travel back to a renderer. */
  'source:credentials:set': {
    request: z
      .object({ sourceId: z.string().max(100), values: z.record(z.string().max(64), z.string().max(4096)) })
      .strict(),
    response: z.object({ configured: z.boolean() }),
  },
  /** Who this connection is (its user, role and desk): the wall shows only the actions the role may take. */
  'session:whoami': { request: Empty, response: ActorSchema },
  // The incident workflow: each returns the incident as it now stands (with its workflow).
  'incident:acknowledge': { request: WorkflowRequests.acknowledge, response: IncidentSchema },
  'incident:escalate': { request: WorkflowRequests.escalate, response: IncidentSchema },
  'incident:resolve': { request: WorkflowRequests.resolve, response: IncidentSchema },
  'incident:reopen': { request: WorkflowRequests.reopen, response: IncidentSchema },
  'incident:snooze': { request: WorkflowRequests.snooze, response: IncidentSchema },
  'incident:merge': { request: WorkflowRequests.merge, response: IncidentSchema },
  'incident:assign': { request: WorkflowRequests.assign, response: IncidentSchema },
  'incident:note': { request: WorkflowRequests.note, response: IncidentSchema },
  'incident:holding-reply': { request: WorkflowRequests.holdingReply, response: IncidentSchema },
  'incident:flag-post': { request: WorkflowRequests.flagPost, response: IncidentSchema },
  /** MTTA/MTTR per severity, open incidents by age, SLA breaches and false alarms per rule, for a period. */
  'incidents:measures': {
    /** `to` defaults to just after hub now: "so far today" counts everything up to this instant, whatever the caller's clock. */
    request: z.object({ from: z.number().int(), to: z.number().int().optional() }).strict(),
    response: MeasuresSchema,
  },
  /** One page of a search over every stored post (full text, filters, time or weight order), with handled marks. */
  'mentions:search': { request: MentionSearchSchema, response: MentionResultsSchema },
  /** Marks a stored post handled (or not); every client hears `mentions:handled`. */
  'mention:handled': { request: MarkHandledSchema, response: HandledMarkSchema },
  /** An incident's post-mortem (timeline, evidence, actions, MTTA/MTTR): HTML from the hub, or that HTML as PDF. */
  'incident:postmortem': { request: PostmortemRequestSchema, response: ExportFileSchema },
  /** Every stored mention a feed filter matches, as CSV or JSON lines, paged through the store up to a row cap. */
  'mentions:export': { request: MentionExportRequestSchema, response: MentionExportSchema },
  /** The executive display's series for the last `minutes` (by channel and topic too) and when the hub was up. */
  'wall:series': {
    request: z.object({ minutes: z.number().int().min(1).max(MAX_WALL_MINUTES) }).strict(),
    response: WallSeriesSchema,
  },
  /** Net sentiment and volume over the last hour against their usual for this hour of the week. */
  'wall:kpis': { request: Empty, response: WallKpisSchema },
} as const;

/**
 * Who may call each command: the least role, in the order executive < staff < supervisor < admin. The hub's
 * command layer enforces it for every command, whatever the transport; a refusal is a readable error.
 */
export const commandRoles: { readonly [N in CommandName]: Role } = {
  'status:get': 'executive',
  'snapshot:get': 'executive',
  'mentions:recent': 'executive',
  'series:volume': 'executive',
  'incidents:list': 'executive',
  'incident:export': 'executive',
  'incidents:measures': 'executive',
  'session:whoami': 'executive',
  'incident:acknowledge': 'staff',
  'incident:note': 'staff',
  'incident:flag-post': 'staff',
  'incident:escalate': 'supervisor',
  'incident:resolve': 'supervisor',
  'incident:reopen': 'supervisor',
  'incident:snooze': 'supervisor',
  'incident:merge': 'supervisor',
  'incident:assign': 'supervisor',
  'incident:holding-reply': 'supervisor',
  'sources:list': 'admin',
  'source:test': 'admin',
  'source:credentials:set': 'admin',
  'mentions:search': 'executive',
  'mention:handled': 'staff',
  'incident:postmortem': 'executive',
  'mentions:export': 'staff',
  'wall:series': 'executive',
  'wall:kpis': 'executive',
};

/** Events pushed from hub to clients, by name. Deltas are batched (~250 ms). */
export const eventSchemas = {
  snapshot: SnapshotSchema,
  'mentions:batch': z.object({ mentions: z.array(MentionSchema) }),
  'series:update': z.object({
    points: z.array(SeriesPointSchema),
    /** The same minutes by channel and by failure topic (optional so older hubs parse): the display's deltas. */
    byChannel: z.array(KeyedPointSchema).optional(),
    byTopic: z.array(KeyedPointSchema).optional(),
  }),
  'sources:health': z.object({ sources: z.array(SourceHealthSchema) }),
  'incidents:changed': z.object({ incidents: z.array(IncidentSchema) }),
  /**
   * Hub time (epoch ms) and the stored mention count, every second and with every delta: walls on a sped-up
   * or fake clock show hub time, and the count stays right when a burst is summarised (deltas carry at most
   * 1,000 mentions).
   */
  'clock:tick': z.object({ now: z.number().int(), mentions: z.number().int().nonnegative() }),
  /** An SLA deadline passed: the incident was not acknowledged (or resolved) in time for its severity. */
  'incident:sla-breach': z.object({
    incidentId: z.string(),
    kind: z.enum(['acknowledge', 'resolve']),
    dueAt: z.number().int(),
    at: z.number().int(),
  }),
  /** A post was marked handled or not at some desk: every desk shows the same mark. */
  'mentions:handled': z.object({ marks: z.array(HandledMarkSchema) }),
} as const;

export type CommandName = keyof typeof commandSchemas;
export type EventName = keyof typeof eventSchemas;
export type CommandRequest<N extends CommandName> = z.infer<(typeof commandSchemas)[N]['request']>;
export type CommandResponse<N extends CommandName> = z.infer<(typeof commandSchemas)[N]['response']>;
export type EventPayload<N extends EventName> = z.infer<(typeof eventSchemas)[N]>;

/** An event as it travels: a tagged union over every event name. */
export type HubEvent = { [N in EventName]: { readonly name: N; readonly payload: EventPayload<N> } }[EventName];

/** The API the hub serves and each transport carries: one typed call, one event stream. */
export interface HubApi {
  invoke<N extends CommandName>(name: N, request: CommandRequest<N>): Promise<Result<CommandResponse<N>>>;
}

/** WebSocket frames. IPC carries the same `request`/`result`/`event` values on its own channels. */
export const WireRequestSchema = z.object({
  type: z.literal('request'),
  id: z.number().int().nonnegative(),
  name: z.string().max(64),
  payload: z.unknown(),
});
export type WireRequest = z.infer<typeof WireRequestSchema>;

export interface WireResponse {
  readonly type: 'response';
  readonly id: number;
  readonly result: Result<unknown>;
}

export interface WireEvent {
  readonly type: 'event';
  readonly event: HubEvent;
}

export type WireFromHub = WireResponse | WireEvent;

/** Narrows an arbitrary string to a known command name. */
export const isCommandName = (name: string): name is CommandName => Object.hasOwn(commandSchemas, name);

/** Electron IPC channel names: the preload forwards these two and nothing else. */
export const IPC_INVOKE = 'earshot:invoke';
export const IPC_EVENT = 'earshot:event';
