/**
 * `earshot backtest`: re-runs incident detection with given settings over stored history or a replay file
 * and reports what it would have raised: counts per severity, and each incident's start, title and top terms.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Incident } from '../../../shared/incident';
import type { Channel, Mention } from '../../../shared/mention';
import { ChannelSchema } from '../../../shared/mention';
import type { Result } from '../../../shared/result';
import { appError, err, ok } from '../../../shared/result';
import type { IncidentEngine, IncidentParams } from '../../core/incidents';
import {
  countBySeverity,
  createDefaultIncidentEngine,
  describeIncident,
  feedInOrder,
  finishReplay,
  parseParamSettings,
  resolveParams,
} from '../../core/incidents';
import { parseCsv } from '../../core/connectors/replay/csv-parser';
import { mapRow } from '../../core/connectors/replay/row-mapper';
import type { Enricher } from '../../core/pipeline/enrich';
import { createEnricher } from '../../core/pipeline/enrich';
import { normalizeMention } from '../../core/pipeline/normalize';
import type { Store } from '../../core/store/repository';
import { openSqliteStore } from '../../core/store/sqlite/sqlite-store';

export const BACKTEST_HELP = `Usage:
  earshot backtest --from ISO --to ISO [--data-dir DIR] [--watchlist NAME] [options]
  earshot backtest --file FILE [--format csv|jsonl] [--channel CH] [--watchlist-column COL] [--watchlist NAME] [options]

Re-runs incident detection over stored history (the hub's database) or an export file and reports
how many incidents of each severity it would have raised, with each incident's start, title and top terms.

Options:
  --set key=value   override a detection parameter (repeatable), e.g. --set minCountToOpen=5
  --json            print the incidents as JSON instead of text
  -h, --help        show this help
`;

/** What the command needs from outside; tests pass their own store and streams. */
export interface BacktestDeps {
  readonly openStore?: (dataDir: string) => Promise<Store>;
  readonly enricher?: Enricher;
  readonly stdout?: NodeJS.WritableStream;
  readonly stderr?: NodeJS.WritableStream;
  readonly env?: Readonly<Record<string, string | undefined>>;
}

const DAY = 86_400_000;

const OPTIONS = {
  from: { type: 'string' },
  to: { type: 'string' },
  'data-dir': { type: 'string' },
  file: { type: 'string' },
  format: { type: 'string' },
  channel: { type: 'string' },
  'watchlist-column': { type: 'string' },
  watchlist: { type: 'string' },
  set: { type: 'string', multiple: true },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS }>>['values'];

interface Options {
  readonly values: Values;
  readonly params: IncidentParams;
}

function parseOptions(args: ReadonlyArray<string>): Result<Options> {
  const { values } = parseArgs({ args: [...args], options: OPTIONS });
  const overrides = parseParamSettings(values.set ?? []);
  if (!overrides.ok) return overrides;
  const params = resolveParams(overrides.value);
  return params.ok ? ok({ values, params: params.value }) : params;
}

/** Reads stored mentions day by day into the engine; returns the last createdAt seen. */
async function replayStore(
  store: Store,
  engine: IncidentEngine,
  from: number,
  to: number,
  watchlist?: string,
): Promise<number | null> {
  let last: number | null = null;
  for (let start = from; start < to; start += DAY) {
    const chunk = await store.mentionsBetween({
      from: start,
      to: Math.min(to, start + DAY),
      ...(watchlist ? { watchlist } : {}),
    });
    feedInOrder(engine, chunk);
    last = chunk.at(-1)?.createdAt ?? last;
  }
  return last;
}

function rowsOf(text: string, format: 'csv' | 'jsonl'): Array<Record<string, unknown>> {
  if (format === 'jsonl') {
    return text.split(/\r?\n/).flatMap((line) => {
      if (line.trim() === '') return [];
      try {
        const value: unknown = JSON.parse(line);
        return value !== null && typeof value === 'object' && !Array.isArray(value)
          ? [value as Record<string, unknown>]
          : [];
      } catch {
        return [];
      }
    });
  }
  const records = parseCsv(text);
  const header = (records[0]?.fields ?? []).map((h) => h.trim().toLowerCase());
  return records.slice(1).map((r) => Object.fromEntries(header.map((h, i) => [h, r.fields[i] ?? ''])));
}

/** Reads and enriches an export file's rows into mentions, in time order. */
export async function mentionsFromFile(
  path: string,
  options: {
    format: 'csv' | 'jsonl';
    channel: Channel;
    watchlistColumn?: string;
    watchlist?: string;
    enricher: Enricher;
  },
): Promise<{ mentions: Mention[]; rejected: number }> {
  const rows = rowsOf(await readFile(path, 'utf8'), options.format);
  const mentions: Mention[] = [];
  let rejected = 0;
  const column = options.watchlistColumn?.toLowerCase();
  for (const row of rows) {
    const raw = mapRow(row, options.channel);
    if (!raw.ok) {
      rejected++;
      continue;
    }
    const cell = column === undefined ? undefined : row[column];
    const watchlist =
      typeof cell === 'string' && cell !== '' ? cell : (raw.value.watchlist ?? options.watchlist ?? 'default');
    const ctx = {
      sourceId: 'backtest',
      receivedAt: raw.value.createdAt,
      watchlistFor: () => watchlist,
      enricher: options.enricher,
    };
    mentions.push(normalizeMention({ ...raw.value, watchlist }, ctx));
  }
  mentions.sort((a, b) => a.createdAt - b.createdAt);
  return { mentions, rejected };
}

function parseTime(value: string | undefined, name: string): Result<number> {
  const t = value === undefined ? Number.NaN : Date.parse(value);
  return Number.isFinite(t)
    ? ok(t)
    : err(appError('backtest.args', `--${name} needs an ISO time, got "${value ?? ''}"`));
}

function report(incidents: ReadonlyArray<Incident>, json: boolean, out: NodeJS.WritableStream): void {
  if (json) {
    out.write(`${JSON.stringify(incidents, null, 2)}\n`);
    return;
  }
  const counts = countBySeverity(incidents);
  out.write(`${incidents.length} incidents: P1 ${counts.P1}, P2 ${counts.P2}, P3 ${counts.P3}, P4 ${counts.P4}\n`);
  for (const incident of incidents) out.write(`${describeIncident(incident)}\n`);
}

async function runStoreMode(
  opts: Options,
  engine: IncidentEngine,
  deps: BacktestDeps,
): Promise<Result<ReadonlyArray<Incident>>> {
  const from = parseTime(opts.values.from, 'from');
  const to = parseTime(opts.values.to, 'to');
  if (!from.ok) return from;
  if (!to.ok) return to;
  const env = deps.env ?? process.env;
  const dataDir = opts.values['data-dir'] ?? env.EARSHOT_DATA_DIR;
  if (dataDir === undefined) return err(appError('backtest.args', 'give --data-dir DIR (or set EARSHOT_DATA_DIR)'));
  const open = deps.openStore ?? ((dir: string) => openSqliteStore(join(dir, 'earshot.db')));
  const store = await open(dataDir);
  try {
    const last = await replayStore(store, engine, from.value, to.value, opts.values.watchlist);
    return ok(finishReplay(engine, last));
  } finally {
    await store.close();
  }
}

async function runFileMode(
  file: string,
  opts: Options,
  engine: IncidentEngine,
  deps: BacktestDeps,
): Promise<Result<ReadonlyArray<Incident>>> {
  const format = opts.values.format ?? (/\.jsonl$|\.ndjson$/i.test(file) ? 'jsonl' : 'csv');
  if (format !== 'csv' && format !== 'jsonl')
    return err(appError('backtest.args', `--format must be csv or jsonl, got "${format}"`));
  const channel = ChannelSchema.safeParse(opts.values.channel ?? 'ingest');
  if (!channel.success) return err(appError('backtest.args', `unknown --channel "${String(opts.values.channel)}"`));
  const column = opts.values['watchlist-column'];
  const watchlist = opts.values.watchlist;
  const { mentions, rejected } = await mentionsFromFile(file, {
    format,
    channel: channel.data,
    enricher: deps.enricher ?? createEnricher(),
    ...(column === undefined ? {} : { watchlistColumn: column }),
    ...(watchlist === undefined ? {} : { watchlist }),
  });
  if (rejected > 0) (deps.stderr ?? process.stderr).write(`skipped ${rejected} unreadable rows\n`);
  feedInOrder(engine, mentions);
  return ok(finishReplay(engine, mentions.at(-1)?.createdAt ?? null));
}

/** Runs `earshot backtest`; returns the exit code (0 done, 1 bad input). */
export async function runBacktest(args: ReadonlyArray<string>, deps: BacktestDeps = {}): Promise<number> {
  const out = deps.stdout ?? process.stdout;
  const errOut = deps.stderr ?? process.stderr;
  const opts = parseOptions(args);
  if (!opts.ok) {
    errOut.write(`earshot backtest: ${opts.error.message}\n`);
    return 1;
  }
  if (opts.value.values.help) {
    out.write(BACKTEST_HELP);
    return 0;
  }
  const engine = createDefaultIncidentEngine(opts.value.params);
  const file = opts.value.values.file;
  const result = file
    ? await runFileMode(file, opts.value, engine, deps)
    : await runStoreMode(opts.value, engine, deps);
  if (!result.ok) {
    errOut.write(`earshot backtest: ${result.error.message}\n${BACKTEST_HELP}`);
    return 1;
  }
  report(result.value, opts.value.values.json === true, out);
  return 0;
}
