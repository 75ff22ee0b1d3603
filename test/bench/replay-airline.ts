/**
 * Replays the real airline tweets corpus (../shared) the way `earshot replay` does: indexes it with the replay
 * connector, reads every row back, then streams it through a booted hub into a fresh store. Prints what the
 * file held (rows, rejects, repeated ids, multi-line texts, first and last stamps) and how fast each step ran.
 * The tests prove the same parsing and replay on test/fixtures/airline; this is the full-size run.
 * Ends with one key=value line.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { runReplay } from '../../electron/cli/commands/replay';
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

async function replayFigures(): Promise<string> {
  const dataDir = await mkdtemp(join(tmpdir(), 'earshot-bench-replay-'));
  let text = '';
  const stdout = { isTTY: false, columns: 100, write: (s: string) => ((text += s), true) };
  const started = performance.now();
  try {
    const code = await runReplay([AIRLINE_CSV, '--speed', '400000', '--channel', 'x', '--data-dir', dataDir], {
      bootHub,
      stdout,
      stderr: { isTTY: false, columns: 100, write: () => true },
      checkEveryMs: 50,
    });
    if (code !== 0) throw new Error(`replay exited ${code}`);
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
  const seconds = (performance.now() - started) / 1000;
  process.stdout.write(`replay (${seconds.toFixed(2)} s):\n${text}`);
  const figure = (label: RegExp): string => (label.exec(text)?.[1] ?? '?').replace(/,/g, '');
  return `ingested=${figure(/mentions ingested ([\d,]+)/)} duplicates=${figure(/duplicates\s+([\d,]+)/)} replay_seconds=${seconds.toFixed(2)}`;
}

const index = await indexFigures();
const replay = await replayFigures();
process.stdout.write(`${index} ${replay}\n`);
