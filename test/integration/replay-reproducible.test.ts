import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runBacktest } from '../../electron/cli/commands/backtest';
import { runReplay } from '../../electron/cli/commands/replay';
import { bootHub } from '../../electron/core/boot/boot-hub';
import { openSqliteStore } from '../../electron/core/store/sqlite/sqlite-store';
import { IncidentSchema, type Incident } from '../../shared/incident';
import { minuteOf } from '../../shared/series';

/** Synthetic tweets in the airline export's layout: a cancellation storm and a celebration (its README). */
const AIRLINE = join(__dirname, '../fixtures/airline/synthetic-tweets.csv');

/** Collects what a command writes. */
function sink() {
  let text = '';
  return { isTTY: false, columns: 100, write: (s: string) => ((text += s), true), text: () => text };
}

const dirs: string[] = [];
async function freshDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'earshot-repro-test-'));
  dirs.push(dir);
  return dir;
}

afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

/** What must not depend on speed or path: ids may differ, nothing else the issue names may. */
function essence(incidents: ReadonlyArray<Incident>) {
  return incidents
    .map((i) => ({
      watchlist: i.watchlist,
      severity: i.severity,
      topics: [...i.topics].sort(),
      series: i.evidence.series,
      opened: minuteOf(i.openedAt),
      resolved: i.resolvedAt === null ? null : minuteOf(i.resolvedAt),
      terms: i.evidence.risingTerms.slice(0, 5).map((t) => t.term),
    }))
    .sort((a, b) => a.opened - b.opened || a.series.localeCompare(b.series));
}

/** Replays the fixture at `speed` into a fresh data dir; returns the dir and the incidents it stored. */
async function replay(speed: number, extra: ReadonlyArray<string> = []) {
  const dataDir = await freshDir();
  const out = sink();
  const deps = { bootHub, stdout: out, stderr: sink(), checkEveryMs: 10 };
  const code = await runReplay(
    [AIRLINE, '--speed', String(speed), '--channel', 'x', '--data-dir', dataDir, ...extra],
    deps,
  );
  expect(code, out.text()).toBe(0);
  const store = await openSqliteStore(join(dataDir, 'earshot.db'));
  try {
    return {
      dataDir,
      out: out.text(),
      incidents: (await store.listIncidents({ limit: 1000 })).filter((i) => !i.mergedInto),
    };
  } finally {
    await store.close();
  }
}

/** Runs `earshot backtest ... --json` and parses what it printed. */
async function backtest(args: ReadonlyArray<string>): Promise<Incident[]> {
  const out = sink();
  const errOut = sink();
  const code = await runBacktest([...args, '--json'], {
    stdout: out as unknown as NodeJS.WritableStream,
    stderr: errOut as unknown as NodeJS.WritableStream,
  });
  expect(code, errOut.text()).toBe(0);
  return IncidentSchema.array().parse(JSON.parse(out.text()));
}

describe('reproducible replays and backtests', () => {
  it('raises the same incidents at two speeds, and backtest (file and replayed database) agrees', async () => {
    const fast = await replay(400_000);
    const slow = await replay(20_000);
    // The fixture's DFW storm, whatever else the lifecycle makes of the day.
    expect(essence(fast.incidents)).toContainEqual(
      expect.objectContaining({ severity: 'P1', topics: expect.arrayContaining(['cancellation']) }),
    );
    expect(essence(slow.incidents)).toEqual(essence(fast.incidents));

    const fromFile = await backtest(['--file', AIRLINE, '--channel', 'x']);
    expect(essence(fromFile)).toEqual(essence(fast.incidents));
    const window = ['--from', '2015-02-22T00:00:00Z', '--to', '2015-02-23T00:00:00Z'];
    const fromStore = await backtest([...window, '--data-dir', slow.dataDir]);
    expect(essence(fromStore)).toEqual(essence(fast.incidents));
  });

  it('attributes rows that name no watchlist to "replay", or to --watchlist', async () => {
    const plain = await replay(400_000);
    expect(new Set(plain.incidents.map((i) => i.watchlist))).toEqual(new Set(['replay']));
    const named = await replay(400_000, ['--watchlist', 'airlines']);
    expect(new Set(named.incidents.map((i) => i.watchlist))).toEqual(new Set(['airlines']));
  });
});
