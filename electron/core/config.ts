import { readFile } from 'node:fs/promises';
import { homedir, platform, userInfo } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { appError, err, ok, type Result } from '../../shared/result';
import { RoleSchema, type Role } from '../../shared/workflow';
import { TaxonomyOverrideSchema } from './pipeline/enrich/taxonomy';
import { SlaConfigSchema } from './workflow/sla';
import { EscalationConfigSchema } from './escalation/escalation-config';

/** A `server.publicHosts` entry: `name`, `name:port`, `[v6]:port`, optionally `http://` or `https://` before it. */
const PUBLIC_HOST_PATTERN = /^(https?:\/\/)?([a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?|\[[0-9a-f:.]+\])(:\d{1,5})?$/i;

/** What a PostgreSQL connection URL starts with. */
export const POSTGRES_URL = /^postgres(ql)?:\/\//i;

const WatchlistSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'lower-case letters, digits and dashes'),
  name: z.string().min(1).max(100),
  query: z.string().min(1).max(1000),
});

/** The hub's config file (JSON). Source entries are validated by the connector registry, per type. */
export const HubConfigSchema = z
  .object({
    dataDir: z.string().optional(),
    /**
     * Where the hub keeps its data: none (the default) is the embedded SQLite file in the data dir; a
     * `postgres://user:password@host:port/db` URL is a team hub on PostgreSQL. DATABASE_URL overrides it.
     */
    store: z
      .object({ url: z.string().max(2000).regex(POSTGRES_URL, 'a postgres:// or postgresql:// URL').optional() })
      .strict()
      .prefault({}),
    /**
     * A hub among several on one PostgreSQL database: its id in `/api/status` (default host-pid-random), and how
     * often a standby retries the leases on sources, detection and the outbox (a dead holder's work moves within one).
     */
    team: z
      .object({
        hubId: z
          .string()
          .trim()
          .min(1)
          .max(100)
          .regex(/^[\w.:-]+$/, 'letters, digits, ".", ":", "_", "-"')
          .optional(),
        leasePeriodMs: z.number().int().min(50).max(300_000).default(5_000),
      })
      .strict()
      .prefault({}),
    /** Mentions older than this are pruned. */
    retentionDays: z.number().int().min(1).max(3650).default(90),
    server: z
      .object({
        host: z.string().default('127.0.0.1'),
        port: z.number().int().min(0).max(65535).default(4870),
        /**
         * Host names browsers use to reach the hub (`wall.example.lan`, `192.168.1.20:4870`, or
         * `https://wall.example.com` behind a TLS proxy). Required to bind beyond loopback; the Host check uses it.
         */
        publicHosts: z
          .array(
            z
              .string()
              .max(300)
              .regex(PUBLIC_HOST_PATTERN, 'a host name, host:port, or https://host[:port], with no path'),
          )
          .max(50)
          .default([]),
      })
      .strict()
      .prefault({}),
    /** The brand the default watchlist (and the demo simulator) is about. */
    brand: z.string().min(1).max(100).default('Nimbus Bank'),
    watchlists: z.array(WatchlistSchema).default([]),
    /** Handles whose posts always weigh more (VIP customers, journalists, partners). */
    vipHandles: z.array(z.string().max(200)).default([]),
    /** The brand's failure-topic taxonomy: added, extended, replaced or removed topics over the default one. */
    taxonomy: TaxonomyOverrideSchema.optional(),
    sources: z.array(z.unknown()).default([]),
    /** Headless hub: the 0600 JSON file holding source credentials (default DATA_DIR/credentials.json). */
    credentialsFile: z.string().optional(),
    /** Adds the built-in simulator source. */
    demo: z.boolean().default(false),
    /** Hub clock speed: 60 = one simulated hour per real minute (demo and replay only). */
    speed: z.number().positive().max(100_000).default(1),
    /** The embedded hub's one local user: every desk of this hub acts as them (default: the OS user, admin). */
    user: z
      .object({
        id: z.string().trim().min(1).max(100).optional(),
        name: z.string().trim().min(1).max(200).optional(),
        role: RoleSchema.default('admin'),
      })
      .strict()
      .prefault({}),
    /** SLA targets per severity in minutes, over PRODUCT.md's defaults; null: no target. */
    sla: SlaConfigSchema.default({}),
    /** Where incidents are escalated (Slack, Teams, PagerDuty, webhooks, email); secrets are in the vault. */
    escalation: EscalationConfigSchema.prefault({}),
  })
  .strict();
export type HubConfig = z.infer<typeof HubConfigSchema>;

/** Validates a parsed config object, with the first problem spelled out. */
export function parseConfig(input: unknown, origin = 'config'): Result<HubConfig> {
  const parsed = HubConfigSchema.safeParse(input);
  if (parsed.success) return ok(parsed.data);
  const issue = parsed.error.issues[0];
  const where = issue?.path.length ? issue.path.join('.') : '(root)';
  return err(appError('invalid-config', `${origin}: ${where}: ${issue?.message ?? 'invalid'}`));
}

/** Reads and validates a JSON config file. */
export async function loadConfigFile(path: string): Promise<Result<HubConfig>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    return err(appError('config-unreadable', `Cannot read config file ${path}: ${(error as Error).message}`));
  }
  try {
    return parseConfig(JSON.parse(text), path);
  } catch (error) {
    return err(appError('invalid-config', `${path} is not valid JSON: ${(error as Error).message}`));
  }
}

/** The OS's per-user app data folder for Earshot. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, os = platform(), home = homedir()): string {
  if (os === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Earshot');
  if (os === 'darwin') return join(home, 'Library', 'Application Support', 'Earshot');
  return join(env.XDG_DATA_HOME ?? join(home, '.local', 'share'), 'earshot');
}

/** The embedded hub's local user, as an actor needs it. */
export interface LocalUser {
  readonly id: string;
  readonly name: string;
  readonly role: Role;
}

/** The configured local user, with the OS user's name (or "Local user") when the config names none. */
export function localUser(user: HubConfig['user'], osName: () => string = () => userInfo().username): LocalUser {
  let name = user.name;
  if (name === undefined) {
    try {
      name = osName().trim() || 'Local user';
    } catch {
      name = 'Local user';
    }
  }
  return { id: user.id ?? `local:${name}`.slice(0, 100), name: name.slice(0, 200), role: user.role };
}
