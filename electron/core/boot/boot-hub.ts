import { join } from 'node:path';
import { createUserDirectory, type UserDirectory } from '../users';
import type { Incident } from '../../../shared/incident';
import type { RawMention } from '../../../shared/mention';
import { createCore, type SourceBinding } from './create-core';
import type { Core } from '../core-types';
import { defaultDataDir, loadConfigFile, localUser, parseConfig, type HubConfig } from '../config';
import { createEscalation, escalationSecretFields } from '../escalation/escalation';
import type { EscalationPort } from '../escalation/port';
import { slaPolicy } from '../workflow/sla';
import type { ConnectorDeps, ConnectorFactory, SourceConfigBase, Watchlist } from '../connectors/factory';
import { parseSourceConfig } from '../connectors/registry';
import { createIngestHandler, type IngestHandler } from '../connectors/ingest/ingest-handler';
import { createAttributor } from '../pipeline/attribute';
import { ingestPolicies } from '../connectors/ingest/ingest-factory';
import { parseQuery } from '../connectors/query';
import { createEnricher, DEFAULT_TAXONOMY, mergeTaxonomy } from '../pipeline/enrich';
import type { Enricher } from '../pipeline/enrich/enricher';
import { createDefaultIncidentEngine } from '../incidents';
import { chooseStore, describeStore, openStore } from './open-store';
import { openLeases } from '../team/lease/open-leases';
import type { Store } from '../store/repository';
import { resumedClock, systemClock, type Clock } from '../runtime/clock';
import type { CredentialVault } from '../runtime/credentials';
import { fileVault } from '../runtime/file-vault';
import { createLogger, type Logger } from '../runtime/logger';
import { createSourceRunner } from '../runtime/poller';
import { chromiumPdfRenderer, type PdfRenderer } from '../runtime/chromium-pdf';
import { teamFanout, type FanoutTuning } from '../team/fanout/team-fanout';

/** How a host starts the hub. Every field is optional: the embedded default needs none. */
export interface BootOptions {
  readonly dataDir?: string;
  readonly configPath?: string;
  /** Adds the built-in simulator. */
  readonly demo?: boolean;
  /** Hub clock speed (demo/replay). */
  readonly speed?: number;
  readonly vault?: CredentialVault;
  readonly logger?: Logger;
  readonly clock?: Clock;
  /** Extra source entries (e.g. the replay command's file source). */
  readonly extraSources?: ReadonlyArray<unknown>;
  readonly env?: NodeJS.ProcessEnv;
  /** Where workflow transitions are told (default: nobody). */
  readonly escalation?: EscalationPort;
  /** Prints post-mortems to PDF (the desktop app's printToPDF); default headless Chromium when one is found. */
  readonly renderPdf?: PdfRenderer;
  /** Team mode's fan-out between hubs (hub id, timer, safety poll); default: a fresh id on real time. */
  readonly fanout?: FanoutTuning;
}

/** A started hub. */
export interface Hub {
  readonly core: Core;
  readonly config: HubConfig;
  readonly dataDir: string;
  readonly ingest: IngestHandler;
  readonly sources: ReadonlyArray<SourceBinding>;
  /** The people who may sign in (team mode): passwords, sessions, personal tokens, in the hub's store. */
  readonly users: UserDirectory;
  stop(): Promise<void>;
}

/** A problem the user must fix (bad config, unusable data dir): its message is meant for them. */
export class BootError extends Error {
  override readonly name = 'BootError';
}

/** Loads config, opens the store, builds sources and the core, and starts it. Both hosts boot this way. */
export async function bootHub(options: BootOptions = {}): Promise<Hub> {
  const env = options.env ?? process.env;
  const config = await readConfig(options);
  const dataDir = options.dataDir ?? env.EARSHOT_DATA_DIR ?? config.dataDir ?? defaultDataDir(env);
  const logger = options.logger ?? createLogger();
  // The store reads hub time lazily; a sped-up clock resumes from the latest hub time the store saw (see resumedClock).
  let clock: Clock = options.clock ?? systemClock(config.speed);
  const configured = parseSources(sourceEntries(config, options));
  // Env-only secrets must be findable by id: a source's credential fields, else an escalation target's secrets.
  const targetSecrets = escalationSecretFields(config.escalation);
  const fieldsFor = (id: string): ReadonlyArray<string> =>
    configured.find((s) => s.config.id === id)?.factory.credentialFields ?? targetSecrets(id);
  const vault = options.vault ?? fileVault(config.credentialsFile ?? join(dataDir, 'credentials.json'), env, fieldsFor);
  // The store stamps its own bookkeeping with hub time: whichever clock the hub ends up on (resumed below).
  const { store, url } = await openChosenStore(config, env, dataDir, { clock: { now: () => clock.now() }, logger });
  if (!options.clock && config.speed !== 1) clock = resumedClock(config.speed, await latestHubTime(store));
  const watchlists = checkedWatchlists(config);
  const deps: ConnectorDeps = { clock, logger, fetch: globalThis.fetch, credentials: vault, watchlists };
  const sources = configured.map(({ factory, config: entry }) => ({
    connector: factory.create(entry, deps),
    credentialFields: factory.credentialFields,
    optionalCredentialFields: factory.optionalCredentialFields ?? [],
  }));
  const ingestSources = ingestPolicies(configured.map((c) => c.config));
  const core = createCore({
    clock,
    store,
    logger,
    vault,
    sources,
    enricher: buildEnricher(config),
    createRunner: (runnerOptions) => createSourceRunner(runnerOptions),
    detection: createDefaultIncidentEngine(),
    attributor: createAttributor(watchlists),
    retentionDays: config.retentionDays,
    user: localUser(config.user),
    sla: slaPolicy(config.sla),
    renderPdf: options.renderPdf ?? chromiumPdfRenderer({ env, logger: logger.child({ module: 'pdf' }) }),
    mode: store.kind === 'postgres' ? 'team' : 'embedded',
    leases: openLeases({ url, store, logger, periodMs: config.team.leasePeriodMs, ...hubIdOf(config) }),
    ...teamFanout(chooseStore(config.store, env, dataDir), logger, options.fanout),
    escalation:
      options.escalation ??
      createEscalation({
        store,
        clock,
        logger,
        vault,
        config: config.escalation,
        fetch: globalThis.fetch,
        loadIncident: (id) => incidentWithWorkflow(store, id),
      }),
  });
  const commitPush = async (sourceId: string, items: ReadonlyArray<RawMention>) => {
    const result = await core.api.commit(sourceId, items, null);
    return { inserted: result.inserted.length, duplicates: result.duplicates };
  };
  const sourcePolicy = (id: string) => ingestSources.get(id);
  const ingest = createIngestHandler({ vault, commit: commitPush, sourcePolicy, logger });
  await core.start();
  logger.info({ dataDir, sources: sources.length }, 'hub booted');
  return {
    core,
    config,
    dataDir,
    ingest,
    sources,
    users: createUserDirectory({ store }),
    async stop() {
      await core.stop();
      await store.close();
    },
  };
}

async function readConfig(options: BootOptions): Promise<HubConfig> {
  const loaded = options.configPath ? await loadConfigFile(options.configPath) : parseConfig({});
  if (!loaded.ok) throw new BootError(loaded.error.message);
  return {
    ...loaded.value,
    demo: options.demo ?? loaded.value.demo,
    speed: options.speed ?? loaded.value.speed,
  };
}

/** The enricher with the brand's taxonomy and VIP list; a taxonomy that does not merge is a config error. */
function buildEnricher(config: HubConfig): Enricher {
  if (!config.taxonomy) return createEnricher({ vipHandles: config.vipHandles });
  const taxonomy = mergeTaxonomy(DEFAULT_TAXONOMY, config.taxonomy);
  if (!taxonomy.ok) throw new BootError(`taxonomy: ${taxonomy.error.message}`);
  return createEnricher({ taxonomy: taxonomy.value, vipHandles: config.vipHandles });
}

/** The latest hub time a store has seen: its newest post or incident change (null when empty). */
async function latestHubTime(store: Store): Promise<number | null> {
  const [newest] = await store.recentMentions(1);
  const incidents = await store.listIncidents({ limit: 50 });
  const times = [...(newest ? [newest.createdAt] : []), ...incidents.map((i) => i.updatedAt)];
  return times.length === 0 ? null : Math.max(...times);
}

/** The store DATABASE_URL or the config chooses (SQLite in the data dir by default), opened and migrated. */
async function openChosenStore(
  config: HubConfig,
  env: NodeJS.ProcessEnv,
  dataDir: string,
  deps: { clock: Pick<Clock, 'now'>; logger: Logger },
): Promise<{ store: Store; url: string | null }> {
  const choice = chooseStore(config.store, env, dataDir);
  if (!choice.ok) throw new BootError(choice.error.message);
  const opened = await openStore(choice.value, deps);
  if (!opened.ok) throw new BootError(opened.error.message);
  deps.logger.info({ store: choice.value.kind, at: describeStore(choice.value) }, 'store opened');
  return { store: opened.value, url: choice.value.kind === 'postgres' ? choice.value.url : null };
}

const hubIdOf = (config: HubConfig): { hubId?: string } =>
  config.team.hubId === undefined ? {} : { hubId: config.team.hubId };

/** The watchlists, each query parsed: a query that does not parse is a config error, not a silent literal match. */
function checkedWatchlists(config: HubConfig): Watchlist[] {
  const watchlists = defaultWatchlists(config);
  for (const w of watchlists) {
    const parsed = parseQuery(w.query);
    if (!parsed.ok)
      throw new BootError(`watchlist "${w.id}": query ${JSON.stringify(w.query)}: ${parsed.error.message}`);
  }
  return watchlists;
}

/** The configured watchlists, or one for the brand named in the config. */
export function defaultWatchlists(config: HubConfig): Watchlist[] {
  if (config.watchlists.length > 0) return config.watchlists;
  const id =
    config.brand
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'brand';
  return [{ id, name: config.brand, query: config.brand }];
}

function sourceEntries(config: HubConfig, options: BootOptions): unknown[] {
  const entries = [...config.sources, ...(options.extraSources ?? [])];
  const hasSimulator = entries.some(
    (e) => typeof e === 'object' && e !== null && 'type' in e && e.type === 'simulator',
  );
  if (config.demo && !hasSimulator)
    entries.push({ id: 'simulator', type: 'simulator', enabled: true, brand: config.brand });
  return entries;
}

/** Validates every source entry with its type's schema; keeps the enabled ones; ids must be unique. */
function parseSources(entries: ReadonlyArray<unknown>): Array<{ factory: ConnectorFactory; config: SourceConfigBase }> {
  const parsed: Array<{ factory: ConnectorFactory; config: SourceConfigBase }> = [];
  for (const entry of entries) {
    const result = parseSourceConfig(entry);
    if (!result.ok) throw new BootError(result.error.message);
    if (!result.value.config.enabled) continue;
    if (parsed.some((p) => p.config.id === result.value.config.id)) {
      throw new BootError(`Two sources share the id "${result.value.config.id}".`);
    }
    parsed.push(result.value);
  }
  return parsed;
}

/** An incident as people see it: detection's record with its workflow (for the escalation worker's messages). */
async function incidentWithWorkflow(store: Store, id: string): Promise<Incident | null> {
  const incident = await store.getIncident(id);
  if (incident === null) return null;
  const workflow = await store.getWorkflow(id);
  return workflow === null ? incident : { ...incident, workflow };
}
