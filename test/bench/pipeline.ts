// Throughput of the hub's pipeline: normalize -> enrich -> store (SQLite, WAL, on disk) -> incident engine,
// fed a burst of simulated posts in poll-sized batches, single-threaded. Prints figures, then one key=value line.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from '../../electron/core/store/sqlite/sqlite-store';
import { runPipeline } from './load/pipeline-run';

const HOURS = 3;
const say = (line: string): void => void process.stdout.write(`${line}\n`);

const dir = await mkdtemp(join(tmpdir(), 'earshot-bench-'));
const store = await openSqliteStore(join(dir, 'earshot.db'));
const run = await runPipeline(store, HOURS, (line) => say(`pipeline bench: ${line}`));
await store.close();
await rm(dir, { recursive: true, force: true });

const perSecond = Math.round(run.posts / (run.commitMs / 1000));
say(`committed ${run.stored} mentions in ${(run.commitMs / 1000).toFixed(2)} s: ${perSecond} mentions/s`);
say(`detection tick over ${HOURS * 60} closed minutes: ${run.tickMs.toFixed(1)} ms, ${run.changed} incident change(s)`);
say(`mentions=${run.stored} mentions_per_s=${perSecond} tick_ms=${run.tickMs.toFixed(1)}`);
