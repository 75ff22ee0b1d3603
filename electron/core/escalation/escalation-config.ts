import { z } from 'zod';
import { SeveritySchema } from '../../../shared/severity';
import { ChannelSchema } from '../../../shared/mention';

/**
 * The `escalation` section of the hub's config file: where notifications go (targets), which incidents go
 * where (routes), and the limits that keep a flapping series from flooding anyone. Only non-secret fields live
 * here; every webhook URL, routing key, HMAC secret and SMTP password is in the credential vault under the
 * target's id (see `SECRET_FIELDS`).
 */

const TargetId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'lower-case letters, digits and dashes');
const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a 24-hour time, HH:MM');
const Email = z.string().email().max(320);

const Base = { id: TargetId, name: z.string().min(1).max(100).optional() };

/** A Slack incoming webhook (secret: `url`). `channel` is only a label for the delivery log and README. */
const SlackTarget = z.object({ ...Base, kind: z.literal('slack'), channel: z.string().max(100).optional() }).strict();
/** A Teams Workflows "post to a channel when a webhook request is received" flow (secret: `url`). */
const TeamsTarget = z.object({ ...Base, kind: z.literal('teams'), channel: z.string().max(100).optional() }).strict();
/** A PagerDuty service's Events API v2 integration (secret: `routingKey`). `url` is only overridden in tests. */
const PagerDutyTarget = z
  .object({
    ...Base,
    kind: z.literal('pagerduty'),
    url: z.string().url().default('https://events.pagerduty.com/v2/enqueue'),
  })
  .strict();
/** A generic JSON webhook signed with HMAC-SHA256 (secrets: `url`, `secret`). */
const WebhookTarget = z.object({ ...Base, kind: z.literal('webhook') }).strict();
/** Email over SMTP (secret: `password`, when the server wants one). */
const EmailTarget = z
  .object({
    ...Base,
    kind: z.literal('email'),
    host: z.string().min(1).max(253),
    port: z.number().int().min(1).max(65535).default(587),
    /** true: TLS from the start (port 465); false: STARTTLS when the server offers it. */
    secure: z.boolean().default(false),
    user: z.string().max(320).optional(),
    from: Email,
    to: z.array(Email).min(1).max(50),
  })
  .strict();

export const TargetConfigSchema = z.discriminatedUnion('kind', [
  SlackTarget,
  TeamsTarget,
  PagerDutyTarget,
  WebhookTarget,
  EmailTarget,
]);
export type TargetConfig = z.infer<typeof TargetConfigSchema>;
export type TargetKind = TargetConfig['kind'];

/** The vault fields each kind of target reads (env override: `EARSHOT_<TARGETID>_<FIELD>`). */
export const SECRET_FIELDS: Readonly<Record<TargetKind, ReadonlyArray<string>>> = {
  slack: ['url'],
  teams: ['url'],
  pagerduty: ['routingKey'],
  webhook: ['url', 'secret'],
  email: ['password'],
};

/** The vault fields that must be present before a target can be sent to. */
export const REQUIRED_SECRETS: Readonly<Record<TargetKind, ReadonlyArray<string>>> = {
  slack: ['url'],
  teams: ['url'],
  pagerduty: ['routingKey'],
  webhook: ['url', 'secret'],
  email: [],
};

/** A daily window in the escalation time zone; `start` > `end` wraps past midnight (22:00–07:00). */
const WindowSchema = z.object({ start: ClockTime, end: ClockTime }).strict();
export type TimeWindow = z.infer<typeof WindowSchema>;

/** Hours in which only P1 notifications go out; the others are held until the window ends, or dropped. */
const QuietHoursSchema = WindowSchema.extend({ mode: z.enum(['hold', 'drop']).default('hold') }).strict();
export type QuietHours = z.infer<typeof QuietHoursSchema>;

/** Which incidents a route takes (every listed field must match; an absent field matches anything). */
const RouteSchema = z
  .object({
    targets: z.array(TargetId).min(1).max(20),
    severities: z.array(SeveritySchema).optional(),
    topics: z.array(z.string().max(100)).optional(),
    watchlists: z.array(z.string().max(100)).optional(),
    channels: z.array(ChannelSchema).optional(),
    /** Only between these times of day (escalation time zone). */
    timeOfDay: WindowSchema.optional(),
    /** Which transitions bring this route's targets into an incident; later transitions follow to them. */
    on: z
      .array(z.enum(['opened', 'escalated']))
      .min(1)
      .default(['opened']),
    /** Alertmanager's group_wait: how long an `opened` notification waits, so an incident acknowledged at once stays quiet. */
    groupWaitSeconds: z.number().int().min(0).max(3600).default(0),
    /** Alertmanager's repeat_interval: remind an unacknowledged incident this often (absent: never). */
    repeatIntervalMinutes: z
      .number()
      .int()
      .min(1)
      .max(7 * 24 * 60)
      .optional(),
    quietHours: QuietHoursSchema.optional(),
  })
  .strict();
export type RouteConfig = z.infer<typeof RouteSchema>;

/** The whole `escalation` section. */
export const EscalationConfigSchema = z
  .object({
    /** The wall's address, for the link back in every message (absent: messages carry no link). */
    wallUrl: z.string().url().optional(),
    /** IANA time zone of quiet hours and `timeOfDay` windows. */
    timeZone: z.string().refine(isTimeZone, 'an IANA time zone such as Europe/London').default('UTC'),
    targets: z.array(TargetConfigSchema).max(50).default([]),
    routes: z.array(RouteSchema).max(100).default([]),
    /** At most this many notifications per target per rolling hour; the rest are suppressed and logged. */
    maxPerTargetPerHour: z.number().int().min(1).max(10_000).default(30),
    /** Attempts before a delivery is given up as failed. */
    maxAttempts: z.number().int().min(1).max(50).default(8),
  })
  .strict()
  .superRefine((config, ctx) => {
    const ids = new Set<string>();
    config.targets.forEach((t, i) => {
      if (ids.has(t.id))
        ctx.addIssue({ code: 'custom', path: ['targets', i, 'id'], message: `duplicate target id ${t.id}` });
      ids.add(t.id);
    });
    config.routes.forEach((r, i) =>
      r.targets.forEach((id, j) => {
        if (!ids.has(id))
          ctx.addIssue({ code: 'custom', path: ['routes', i, 'targets', j], message: `no target ${id}` });
      }),
    );
  });
export type EscalationConfig = z.infer<typeof EscalationConfigSchema>;

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
