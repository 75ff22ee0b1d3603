// Throughput of one hub's pipeline on PostgreSQL (the team store): normalize -> enrich -> store (a local
// PostgreSQL started for the run, fsync off as in the tests) -> incident engine, fed simulated posts in poll-sized
// batches, single-threaded. The sizing figure in README "Running a team hub". Prints one key=value line at the end.
import { openPostgresStore } from '../../electron/core/store/postgres/postgres-store';
import { startTestPostgres } from '../helpers/postgres';
import { runPipeline } from './load/pipeline-run';

const HOURS = Number(process.env.BENCH_HOURS ?? 3);
const say = (line: string): void => void process.stdout.write(`${line}\n`);

const server = await startTestPostgres();
const store = await openPostgresStore(await server.createDatabase());
const run = await runPipeline(store, HOURS, (line) => say(`pipeline bench (PostgreSQL): ${line}`));
await store.close();
await server.stop();

const perSecond = Math.round(run.posts / (run.commitMs / 1000));
say(`committed ${run.stored} mentions in ${(run.commitMs / 1000).toFixed(2)} s: ${perSecond} mentions/s`);
say(`pg_mentions=${run.stored} pg_mentions_per_s=${perSecond}`);
