import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runBacktest } from '../../electron/cli/commands/backtest';
import { openSqliteStore } from '../../electron/core/store/sqlite/sqlite-store';
import { IncidentSchema } from '../../shared/incident';
import type { Mention } from '../../shared/mention';
import { MINUTE, T0, burst, chatter, rng } from '../unit/incidents/helpers';

const SURGE = T0 + 4 * 60 * MINUTE;

/** Four quiet hours, then twenty minutes of login complaints on X and Reddit, then a quiet hour. */
function scenario(): Mention[] {
  const out: Mention[] = [];
  for (let m = T0; m < SURGE + 80 * MINUTE; m += MINUTE) {
    out.push(...chatter(m, 4, rng(m / MINUTE)));
    if (m < SURGE || m >= SURGE + 20 * MINUTE) continue;
    const complaint = (channel: 'x' | 'reddit') => (i: number) => ({
      text:
        [
          `I can't log in to the app, error 503 again ${i}`,
          `still can't log in!! error 503 #${i}`,
          `logged out and can't log in, error 503 ${i}`,
        ][i % 3] ?? '',
      sentiment: 'negative' as const,
      topics: ['login'],
      channel,
    });
    out.push(...burst(m, 10, complaint('x')), ...burst(m + 7_000, 6, complaint('reddit')));
  }
  return out;
}

function capture(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  return { stream, text: () => chunks.join('') };
}

describe('earshot backtest', () => {
  let dir = '';
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'earshot-backtest-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('re-runs detection over stored history and reports incidents by severity', async () => {
    const store = await openSqliteStore(join(dir, 'earshot.db'));
    const mentions = scenario();
    for (const channel of ['x', 'reddit'] as const) {
      await store.commitBatch(
        channel,
        mentions.filter((m) => m.channel === channel),
        null,
      );
    }
    await store.close();
    const out = capture();
    const args = [
      '--from',
      new Date(T0).toISOString(),
      '--to',
      new Date(SURGE + 2 * 60 * MINUTE).toISOString(),
      '--data-dir',
      dir,
    ];
    expect(await runBacktest(args, { stdout: out.stream })).toBe(0);
    const text = out.text();
    expect(text).toMatch(/^1 incidents: P1 1, P2 0, P3 0, P4 0$/m);
    expect(text).toMatch(/P1 {2}2026-01-05 12:0\dZ {2}nimbus: login complaints surging {2}\[.*error 503.*\]/);

    const json = capture();
    expect(await runBacktest([...args, '--json', '--set', 'minCountToOpen=1000'], { stdout: json.stream })).toBe(0);
    expect(JSON.parse(json.text())).toEqual([]);
  });

  it('re-runs detection over a CSV export through the real enricher', async () => {
    const rows = scenario().map((m) => [
      m.externalId,
      new Date(m.createdAt).toISOString(),
      m.author.handle,
      m.channel,
      m.text,
    ]);
    const quote = (s: string) => `"${s.replaceAll('"', '""')}"`;
    const csv = ['id,created_at,author,source,text', ...rows.map((r) => r.map(quote).join(','))].join('\n');
    const file = join(dir, 'export.csv');
    await writeFile(file, csv);
    const out = capture();
    expect(await runBacktest(['--file', file, '--watchlist', 'nimbus', '--json'], { stdout: out.stream })).toBe(0);
    const incidents = IncidentSchema.array().parse(JSON.parse(out.text()));
    const login = incidents.find((i) => i.topics.includes('login'));
    expect(login?.severity).toBe('P1');
    expect(login?.channels).toEqual(expect.arrayContaining(['x', 'reddit']));
    expect(login?.evidence.startedAt).toBeGreaterThanOrEqual(SURGE);
    expect(login?.evidence.startedAt).toBeLessThan(SURGE + 10 * MINUTE);
  });

  it('refuses bad arguments with a readable message', async () => {
    const err = capture();
    expect(await runBacktest(['--file', 'x.csv', '--set', 'nope=1'], { stderr: err.stream })).toBe(1);
    expect(err.text()).toContain('unknown setting "nope=1"');
    expect(await runBacktest(['--from', 'yesterday', '--to', 'today', '--data-dir', dir], { stderr: err.stream })).toBe(
      1,
    );
    expect(err.text()).toContain('--from needs an ISO time');
  });
});
