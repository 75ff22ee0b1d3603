/**
 * Replays the real airline tweets corpus (../shared) the way `earshot replay` does: indexes it with the replay
 * connector, reads every row back, then streams it through a booted hub into a fresh store. Prints what the
 * file held (rows, rejects, repeated ids, multi-line texts, first and last stamps) and how fast each step ran.
 * Then replays it at two speeds and backtests the file, and prints the three incident lists and whether they are
 * identical (severity, watchlist, topics, series, opened/resolved minute, top terms; ids may differ).
 * The tests prove the same parsing and replay on test/fixtures/airline; this is the full-size run.
 * Ends with one key=value line.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { runBacktest } from '../../electron/cli/commands/backtest';
import { runReplay } from '../../electron/cli/commands/replay';
import { openSqliteStore } from '../../electron/core/store/sqlite/sqlite-store';
import { IncidentSchema, type Incident } from '../../shared/incident';
import { buildReplayIndex, readIndexedRows } from '../../electron/core/connectors/replay/replay-index';
import { bootHub } from '../../electron/core/boot/boot-hub';
import { AIRLINE_CSV } from './shared-data';

const iso = (t: number | undefined): string => (t === undefined ? '-' : new Date(t).toISOString());

async function indexFigures(): Promise<string> {
  const started = performance.now();
  const built = await buildReplayIndex(AIRLINE_CSV, 'csv', 'x');
  if (!built.ok) throw new Error(built.error.message);
  const index = built.value;
  const all = await readIndexedRows(index, 0, index.total);
  const seconds = (performance.now() - started) / 1000;
  const ids = new Set(all.items.map((m) => m.externalId)).size;
  const multiLine = all.items.filter((m) => m.text.includes('\n')).length;
  process.stdout.write(
    `index: ${index.total} rows (${index.rejectedCount} rejected), ${index.total - ids} repeated ids, ` +
      `${multiLine} multi-line texts, ${iso(index.times[0])} .. ${iso(index.times[index.total - 1])}, ` +
      `${seconds.toFixed(2)} s\n`,
  );
  return `rows=${index.total} rejected=${index.rejectedCount} repeated_ids=${index.total - ids} multi_line=${multiLine} index_rows_per_s=${Math.round(index.total / seconds)}`;
}

/** One line per incident: what must not depend on speed or path. */
const essence = (incidents: ReadonlyArray<Incident>): string[] =>
  incidents
    .filter((i) => !i.mergedInto)
    .map((i) => {
      const minute = (t: number | null) => (t === null ? 'open' : new Date(t).toISOString().slice(0, 16));
      const terms = i.evidence.risingTerms
        .slice(0, 5)
        .map((t) => t.term)
        .join(', ');
      return `${minute(i.openedAt)} ${i.severity} ${i.watchlist} ${i.evidence.series} [${[...i.topics].sort().join(',')}] -> ${minute(i.resolvedAt)} [${terms}]`;
    })
    .sort();

async function replayOnce(speed: number): Promise<{ text: string; seconds: number; incidents: string[] }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'earshot-bench-replay-'));
  let text = '';
  const stdout = { isTTY: false, columns: 100, write: (s: string) => ((text += s), true) };
  const started = performance.now();
  try {
    const code = await runReplay([AIRLINE_CSV, '--speed', String(speed), '--channel', 'x', '--data-dir', dataDir], {
      bootHub,
      stdout,
      stderr: { isTTY: false, columns: 100, write: () => true },
      checkEveryMs: 50,
    });
    if (code !== 0) throw new Error(`replay exited ${code}`);
    const seconds = (performance.now() - started) / 1000;
    const store = await openSqliteStore(join(dataDir, 'earshot.db'));
    const incidents = essence(await store.listIncidents({ limit: 10_000 }));
    await store.close();
    return { text, seconds, incidents };
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function backtestFile(): Promise<string[]> {
  let json = '';
  const out = { write: (s: string) => ((json += s), true) } as unknown as NodeJS.WritableStream;
  const code = await runBacktest(['--file', AIRLINE_CSV, '--channel', 'x', '--json'], { stdout: out, stderr: out });
  if (code !== 0) throw new Error(`backtest exited ${code}`);
  return essence(IncidentSchema.array().parse(JSON.parse(json)));
}

async function replayFigures(): Promise<string> {
  const fast = await replayOnce(400_000);
  process.stdout.write(`replay (${fast.seconds.toFixed(2)} s):\n${fast.text}`);
  const slow = await replayOnce(50_000);
  const backtest = await backtestFile();
  const lists: Array<[string, string[]]> = [
    ['replay --speed 400000', fast.incidents],
    ['replay --speed 50000', slow.incidents],
    ['backtest --file', backtest],
  ];
  for (const [label, list] of lists) process.stdout.write(`\n${label}: ${list.length} incidents\n${list.join('\n')}\n`);
  const same = (a: string[], b: string[]) => a.join('\n') === b.join('\n');
  const speeds = same(fast.incidents, slow.incidents);
  const vsBacktest = same(fast.incidents, backtest);
  process.stdout.write(`\nidentical across speeds: ${speeds}; replay == backtest --file: ${vsBacktest}\n`);
  const figure = (label: RegExp): string => (label.exec(fast.text)?.[1] ?? '?').replace(/,/g, '');
  return (
    `ingested=${figure(/mentions ingested ([\d,]+)/)} duplicates=${figure(/duplicates\s+([\d,]+)/)} ` +
    `replay_seconds=${fast.seconds.toFixed(2)} incidents=${fast.incidents.length} same_across_speeds=${speeds} ` +
    `replay_equals_backtest=${vsBacktest}`
  );
}

const index = await indexFigures();
const replay = await replayFigures();
process.stdout.write(`${index} ${replay}\n`);
