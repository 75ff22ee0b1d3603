/**
 * `earshot backtest`: re-runs incident detection with given settings over stored history or a replay file
 * and reports what it would have raised: counts per severity, and each incident's start, title and top terms.
 * The work is the core's `backtestStore` / `backtestFile`; this parses arguments and prints.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Incident } from '../../../shared/incident';
import { ChannelSchema } from '../../../shared/mention';
import type { Result } from '../../../shared/result';
import { appError, err, ok } from '../../../shared/result';
import {
  backtestFile,
  backtestStore,
  countBySeverity,
  createEnricher,
  describeIncident,
  openSqliteStore,
  parseParamSettings,
  resolveParams,
  type Enricher,
  type IncidentParams,
  type Store,
} from '../../core';

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

async function runStoreMode(opts: Options, deps: BacktestDeps): Promise<Result<ReadonlyArray<Incident>>> {
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
    const watchlist = opts.values.watchlist;
    const run = { store, from: from.value, to: to.value, params: opts.params };
    return ok(await backtestStore(watchlist === undefined ? run : { ...run, watchlist }));
  } finally {
    await store.close();
  }
}

async function runFileMode(file: string, opts: Options, deps: BacktestDeps): Promise<Result<ReadonlyArray<Incident>>> {
  const format = opts.values.format ?? (/\.jsonl$|\.ndjson$/i.test(file) ? 'jsonl' : 'csv');
  if (format !== 'csv' && format !== 'jsonl')
    return err(appError('backtest.args', `--format must be csv or jsonl, got "${format}"`));
  const channel = ChannelSchema.safeParse(opts.values.channel ?? 'ingest');
  if (!channel.success) return err(appError('backtest.args', `unknown --channel "${String(opts.values.channel)}"`));
  const column = opts.values['watchlist-column'];
  const watchlist = opts.values.watchlist;
  const { incidents, rejected } = await backtestFile(file, {
    params: opts.params,
    format,
    channel: channel.data,
    enricher: deps.enricher ?? createEnricher(),
    ...(column === undefined ? {} : { watchlistColumn: column }),
    ...(watchlist === undefined ? {} : { watchlist }),
  });
  if (rejected > 0) (deps.stderr ?? process.stderr).write(`skipped ${rejected} unreadable rows\n`);
  return ok(incidents);
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
  const file = opts.value.values.file;
  const result = file ? await runFileMode(file, opts.value, deps) : await runStoreMode(opts.value, deps);
  if (!result.ok) {
    errOut.write(`earshot backtest: ${result.error.message}\n${BACKTEST_HELP}`);
    return 1;
  }
  report(result.value, opts.value.values.json === true, out);
  return 0;
}
