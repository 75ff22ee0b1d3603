import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runReplay } from '../../electron/cli/commands/replay';
import { bootHub } from '../../electron/core/boot/boot-hub';
import { silentLogger } from '../../electron/core/runtime/logger';

const FIXTURES = join(__dirname, '../fixtures/replay');
/** Synthetic tweets in the airline export's exact layout (test/fixtures/airline/README.md). */
const AIRLINE = join(__dirname, '../fixtures/airline/synthetic-tweets.csv');

/** Collects what a command writes. */
function sink(isTTY = false) {
  let text = '';
  return { isTTY, columns: 100, write: (s: string) => ((text += s), true), text: () => text };
}

const dirs: string[] = [];
async function freshDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'earshot-replay-test-'));
  dirs.push(dir);
  return dir;
}

async function storedMentions(dataDir: string) {
  const hub = await bootHub({ dataDir, logger: silentLogger() });
  try {
    const result = await hub.core.api.invoke('mentions:recent', { limit: 1000 });
    if (!result.ok) throw new Error(result.error.message);
    return result.value as Array<{
      externalId: string;
      text: string;
      channel: string;
      createdAt: number;
      watchlist: string;
    }>;
  } finally {
    await hub.stop();
  }
}

afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

describe('earshot replay', () => {
  it('streams a CSV through the pipeline and prints a summary', async () => {
    const dataDir = await freshDir();
    const out = sink();
    const err = sink();
    const code = await runReplay([join(FIXTURES, 'sample.csv'), '--speed', '6000', '--data-dir', dataDir], {
      bootHub,
      stdout: out,
      stderr: err,
      checkEveryMs: 20,
    });
    expect(code).toBe(0);
    expect(out.text()).toMatch(/Replay complete/);
    expect(out.text()).toMatch(/rejected rows\s+2\n/);
    expect(out.text()).toMatch(/mentions ingested 4\n/);
    expect(out.text()).toMatch(/duplicates\s+0\n/);
    expect(err.text()).toMatch(/line 8: /);
    expect(err.text()).toMatch(/100\.0% 4\/4 rows/);
    const stored = await storedMentions(dataDir);
    expect(stored.map((m) => m.externalId).sort()).toEqual(['1', '2', '3', '4']);
    expect(stored.find((m) => m.externalId === '4')?.text).toBe('<script>alert(1)</script> is literally in my chat');
  });

  it('replays JSONL, and a second run into the same store resumes from its cursor', async () => {
    const dataDir = await freshDir();
    const file = join(FIXTURES, 'sample.jsonl');
    const first = { bootHub, stdout: sink(), stderr: sink(), checkEveryMs: 20 };
    expect(await runReplay([file, '--speed', '6000', '--data-dir', dataDir], first)).toBe(0);
    expect(first.stdout.text()).toMatch(/mentions ingested 4\n/);
    expect(first.stderr.text()).toMatch(
      /3 row\(s\) refused:\n {2}line 4: not valid JSON\n {2}line 6: not a JSON object\n {2}line 7: missing "text"/,
    );
    const again = { ...first, stdout: sink() };
    expect(await runReplay([file, '--speed', '6000', '--data-dir', dataDir], again)).toBe(0);
    expect(again.stdout.text()).toMatch(/released\s+0 of 4 \(4 in an earlier run\)\n/);
    expect(again.stdout.text()).toMatch(/mentions ingested 0\n/);
    expect((await storedMentions(dataDir)).length).toBe(4);
  });

  it('uses the watchlists of a --config file', async () => {
    const dataDir = await freshDir();
    const config = join(dataDir, 'config.json');
    const watchlists = [
      { id: 'other', name: 'Other', query: 'zzzz' },
      { id: 'care', name: 'Care', query: 'savings OR quotes' },
    ];
    await writeFile(config, JSON.stringify({ brand: 'Nimbus', watchlists }));
    const deps = { bootHub, stdout: sink(), stderr: sink(), checkEveryMs: 20 };
    expect(
      await runReplay(
        [join(FIXTURES, 'sample.csv'), '--speed', '6000', '--data-dir', dataDir, '--config', config],
        deps,
      ),
    ).toBe(0);
    const stored = await storedMentions(dataDir);
    const byId = [...stored].sort((a, b) => a.externalId.localeCompare(b.externalId));
    // Rows matching a watchlist's query go to it; the others to "replay", not to the first watchlist (#11).
    expect(byId.map((m) => m.watchlist)).toEqual(['care', 'care', 'replay', 'replay']);
  });

  it('refuses a missing file or an unknown format with a readable error', async () => {
    const deps = { bootHub, stdout: sink(), stderr: sink() };
    await expect(runReplay([join(FIXTURES, 'nope.csv')], deps)).rejects.toThrow(/no such file/);
    await expect(runReplay([join(FIXTURES, 'sample.csv'), '--format', 'xml'], deps)).rejects.toThrow(/--format/);
    await expect(runReplay([join(FIXTURES, 'sample.csv'), '--speed', '0'], deps)).rejects.toThrow(/--speed/);
    const help = sink();
    expect(await runReplay(['--help'], { bootHub, stdout: help })).toBe(0);
    expect(help.text()).toMatch(/Usage: earshot replay FILE/);
  });

  it('replays a file in the airline export layout: every row, the repeated ids as duplicates', async () => {
    const dataDir = await freshDir();
    const out = sink();
    const code = await runReplay([AIRLINE, '--speed', '400000', '--channel', 'x', '--data-dir', dataDir], {
      bootHub,
      stdout: out,
      stderr: sink(),
      checkEveryMs: 20,
    });
    expect(code).toBe(0);
    expect(out.text()).toMatch(/released\s+149 of 149/);
    expect(out.text()).toMatch(/mentions ingested 147\n/);
    expect(out.text()).toMatch(/duplicates\s+2\n/);
    expect(out.text()).toMatch(/rejected rows\s+0\n/);
    const stored = await storedMentions(dataDir);
    expect(stored).toHaveLength(147);
    expect(stored.every((m) => m.channel === 'x')).toBe(true);
    expect(stored.find((m) => m.externalId === '569527301002924336')?.text).toBe(
      '@HarborJet delayed 40 min & the app said "on time"…\nclassic',
    );
  });
});
