import { mkdtemp, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { ChannelSchema, type Channel } from '../../../shared/mention';
import { IncidentSchema, type Incident } from '../../../shared/incident';
import {
  BootError,
  type BootOptions,
  type Hub,
  systemClock,
  haltableClock,
  type HaltableClock,
  createLogger,
  isReplayConnector,
  type ReplayConnector,
  buildReplayIndex,
  formatFromPath,
  type ReplayFormat,
  type ReplayIndex,
} from '../../core';
import { createProgressBar, formatDuration, type ProgressStream } from '../progress';
import { AUTO_SPEED_ABOVE_MIN, AUTO_SPEED_TARGET_MIN, chooseSpeed } from '../replay-speed';
import { serveWall, untilSignal } from '../replay-serve';

/** `earshot replay --help`. */
export const REPLAY_HELP = `Usage: earshot replay FILE [options]

Streams a CSV or JSONL export through the same pipeline as any source, on a hub clock that starts at the
file's first post and runs N times faster than real time. Rows need "text" and a time column
(created_at, createdAt, tweet_created or timestamp); id, author, source/channel and followers are optional.

Detection runs on data time: a minute closes when the file's rows have passed it, so the same file raises the
same incidents at any speed, and "earshot backtest --file" agrees. Rows without a "watchlist" column go to the
first configured watchlist whose query they match, else to the "replay" watchlist (or --watchlist NAME).

Options:
  --speed N         hub clock speed (default 60: one hour of posts per real minute; when that would take over
                    ${AUTO_SPEED_ABOVE_MIN} minutes, an automatic speed that takes about ${AUTO_SPEED_TARGET_MIN} minutes, and it says so)
  --watchlist NAME  watchlist of every row that names none (default: matched, else "replay")
  --format F        csv or jsonl (default: from the file extension)
  --channel C       channel for rows without a known source column (default: ingest)
  --data-dir DIR    database directory (default: a new temporary directory)
  --config FILE     JSON hub config (brand, watchlists, VIP handles...); its own sources run too
  --serve           also serve the wall while replaying, and keep serving afterwards (Ctrl-C stops)
  --port N          port for --serve (default 4870)
  -h, --help        show this help
`;

/** What `runReplay` needs from its host; `bootHub` from the core in production. */
export interface ReplayDeps {
  readonly bootHub: (options: BootOptions) => Promise<Hub>;
  readonly stdout?: ProgressStream;
  readonly stderr?: ProgressStream;
  /** Real-time wait between progress checks (ms, default 200). */
  readonly checkEveryMs?: number;
}

interface ReplayArgs {
  readonly file: string;
  /** Null: not given (the default, or an automatic speed for a long file). */
  readonly speed: number | null;
  readonly watchlist: string | undefined;
  readonly format: ReplayFormat;
  readonly channel: Channel;
  readonly dataDir: string | undefined;
  readonly config: string | undefined;
  readonly serve: boolean;
  readonly port: number | undefined;
}

const SOURCE_ID = 'replay';

/**
 * `earshot replay FILE`: indexes the file (reporting refused rows by line), boots a hub whose clock starts
 * at the first row, adds the file as a `replay` source, shows progress on stderr and prints a summary
 * (ingested, duplicates, rejected, incidents). Returns 0 when the file was replayed, 130 when Ctrl-C cut it
 * short (the summary still prints); user errors throw BootError.
 */
export async function runReplay(args: ReadonlyArray<string>, deps: ReplayDeps): Promise<number> {
  const out = deps.stdout ?? process.stdout;
  const errOut = deps.stderr ?? process.stderr;
  const parsed = await parseReplayArgs(args);
  if (parsed === 'help') {
    out.write(REPLAY_HELP);
    return 0;
  }
  const index = await indexFile(parsed);
  reportRejected(index, errOut);
  if (index.total === 0) throw new BootError(`${parsed.file}: no usable rows (${index.rejectedCount} refused).`);
  const speed = chooseSpeed(parsed.speed, index, errOut);
  const { hub, clock, dataDir } = await bootReplayHub({ ...parsed, speed }, index, deps);
  const server = parsed.serve ? await serveWall(hub, parsed.port) : null;
  if (server) out.write(`Earshot wall: ${server.wallUrl}\n`);
  try {
    const connector = hub.sources
      .map((s) => s.connector)
      .find((c): c is ReplayConnector => c.id === SOURCE_ID && isReplayConnector(c));
    if (!connector)
      throw new BootError('the hub did not start the replay source (is the "replay" source type registered?)');
    const mentionsBefore = (await hub.core.api.status()).mentions;
    const started = Date.now();
    const completed = await follow(connector, index.total, () => clock.now(), errOut, deps.checkEveryMs ?? 200);
    hub.core.api.flush();
    await hub.core.api.settled();
    const before = { mentions: mentionsBefore, released: connector.progress().resumedFrom };
    await printSummary(hub, connector, { index, before, completed, dataDir, elapsedMs: Date.now() - started }, out);
    if (server && completed) {
      // The wall keeps showing the replayed period: hub time stops at the file's last post.
      clock.halt(Math.min(clock.now(), index.times[index.total - 1] ?? clock.now()));
      out.write(`Replay finished; still serving ${server.url} (Ctrl-C to stop).\n`);
      await untilSignal();
    }
    return completed ? 0 : 130;
  } finally {
    await server?.close();
    await hub.stop();
  }
}

/** Boots the hub on a clock that starts at the file's first row, with the file as its `replay` source. */
async function bootReplayHub(
  parsed: ReplayArgs & { readonly speed: number },
  index: ReplayIndex,
  deps: ReplayDeps,
): Promise<{ hub: Hub; clock: HaltableClock; dataDir: string }> {
  const dataDir = parsed.dataDir ?? (await mkdtemp(join(tmpdir(), 'earshot-replay-')));
  const clock = haltableClock(systemClock(parsed.speed, index.times[0]));
  const hub = await deps.bootHub({
    dataDir,
    ...(parsed.config ? { configPath: parsed.config } : {}),
    speed: parsed.speed,
    clock,
    logger: createLogger(process.env.EARSHOT_LOG_LEVEL ?? 'error'),
    extraSources: [replaySourceEntry(parsed)],
  });
  return { hub, clock, dataDir };
}

async function parseReplayArgs(args: ReadonlyArray<string>): Promise<ReplayArgs | 'help'> {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: {
      speed: { type: 'string' },
      watchlist: { type: 'string' },
      format: { type: 'string' },
      channel: { type: 'string' },
      'data-dir': { type: 'string' },
      config: { type: 'string' },
      serve: { type: 'boolean' },
      port: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return 'help';
  const [file, ...extra] = positionals;
  if (!file || extra.length > 0) throw new BootError('give exactly one FILE to replay (see "earshot replay --help").');
  const speed = values.speed === undefined ? null : Number(values.speed);
  if (speed !== null && (!(speed > 0) || speed > 1_000_000))
    throw new BootError(`--speed must be a positive number up to 1000000, got "${values.speed}".`);
  const format = z.enum(['csv', 'jsonl']).safeParse(values.format ?? formatFromPath(file));
  if (!format.success) throw new BootError(`cannot tell the format of ${file}: pass --format csv or --format jsonl.`);
  const channel = ChannelSchema.safeParse(values.channel ?? 'ingest');
  if (!channel.success) throw new BootError(`--channel must be one of ${ChannelSchema.options.join(', ')}.`);
  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535))
    throw new BootError(`--port must be 0-65535, got "${values.port}".`);
  const path = resolve(file);
  const info = await stat(path).catch(() => null);
  if (!info?.isFile()) throw new BootError(`${file}: no such file.`);
  const { 'data-dir': dataDir, config, watchlist } = values;
  if (watchlist !== undefined && !/^\S.{0,199}$/.test(watchlist))
    throw new BootError(`--watchlist needs a name of 1-200 characters, got "${watchlist}".`);
  return {
    file: path,
    speed,
    watchlist,
    format: format.data,
    channel: channel.data,
    dataDir,
    config,
    serve: values.serve === true,
    port,
  };
}

async function indexFile(args: ReplayArgs): Promise<ReplayIndex> {
  const result = await buildReplayIndex(args.file, args.format, args.channel);
  if (!result.ok) throw new BootError(result.error.message);
  return result.value;
}

function replaySourceEntry(args: ReplayArgs & { readonly speed: number }): Record<string, unknown> {
  const pollIntervalMs = Math.min(24 * 3_600_000, Math.max(1_000, Math.round(args.speed * 250)));
  return {
    id: SOURCE_ID,
    type: 'replay',
    enabled: true,
    file: args.file,
    format: args.format,
    channel: args.channel,
    pollIntervalMs,
    ...(args.watchlist === undefined ? {} : { watchlist: args.watchlist }),
  };
}

function reportRejected(index: ReplayIndex, errOut: ProgressStream): void {
  if (index.rejectedCount === 0) return;
  errOut.write(`${index.rejectedCount.toLocaleString('en-US')} row(s) refused:\n`);
  for (const r of index.rejected.slice(0, 5)) errOut.write(`  line ${r.line}: ${r.reason}\n`);
  if (index.rejectedCount > 5) errOut.write(`  ... and ${index.rejectedCount - 5} more\n`);
}

/** Waits until every row is committed (or Ctrl-C), drawing the progress bar. Returns false when interrupted. */
async function follow(
  connector: ReplayConnector,
  total: number,
  hubNow: () => number,
  errOut: ProgressStream,
  everyMs: number,
): Promise<boolean> {
  const bar = createProgressBar({ stream: errOut, label: 'replay' });
  let interrupted = false;
  const onSignal = (): void => {
    interrupted = true;
  };
  process.once('SIGINT', onSignal);
  try {
    for (;;) {
      const p = connector.progress();
      const hubTime = new Date(hubNow()).toISOString().slice(0, 16).replace('T', ' ');
      bar.update(p.committed, p.ready ? p.total : total, `hub ${hubTime}`);
      if (p.failed !== null) throw new BootError(p.failed);
      if (p.ready && p.committed >= p.total) break;
      if (interrupted) break;
      await new Promise<void>((r) => setTimeout(r, everyMs));
    }
    bar.finish();
    return !interrupted;
  } finally {
    process.removeListener('SIGINT', onSignal);
  }
}

interface SummaryInput {
  readonly index: ReplayIndex;
  /** Stored mentions and rows already released (an earlier run into the same data dir) at the start. */
  readonly before: { readonly mentions: number; readonly released: number };
  readonly completed: boolean;
  readonly dataDir: string;
  readonly elapsedMs: number;
}

async function printSummary(hub: Hub, replay: ReplayConnector, s: SummaryInput, out: ProgressStream): Promise<void> {
  const status = await hub.core.api.status();
  const released = replay.progress().committed - s.before.released;
  const ingested = status.mentions - s.before.mentions;
  const incidents = await listIncidents(hub);
  const n = (x: number) => x.toLocaleString('en-US');
  out.write(
    `\nReplay ${s.completed ? 'complete' : 'interrupted'} in ${formatDuration(s.elapsedMs)} (data: ${s.dataDir})\n`,
  );
  out.write(`  rows in file      ${n(s.index.total + s.index.rejectedCount)}\n`);
  out.write(`  rejected rows     ${n(s.index.rejectedCount)}\n`);
  out.write(
    `  released          ${n(released)} of ${n(s.index.total)}${s.before.released > 0 ? ` (${n(s.before.released)} in an earlier run)` : ''}\n`,
  );
  out.write(`  mentions ingested ${n(ingested)}\n`);
  out.write(`  duplicates        ${n(Math.max(0, released - ingested))}\n`);
  if (incidents === null) out.write('  incidents         (not available from this hub)\n');
  else {
    out.write(`  incidents raised  ${n(incidents.length)}\n`);
    for (const i of incidents.slice(0, 10))
      out.write(`    ${i.severity} ${new Date(i.openedAt).toISOString().slice(0, 16)} ${i.title}\n`);
  }
}

async function listIncidents(hub: Hub): Promise<ReadonlyArray<Incident> | null> {
  const result = await hub.core.api.invoke('incidents:list', {});
  if (!result.ok) return null;
  const parsed = z.array(IncidentSchema).safeParse(result.value);
  return parsed.success ? parsed.data : null;
}
