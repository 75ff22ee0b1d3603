import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PollOutcome } from '../../../../electron/core/connectors/connector';
import {
  ReplayConfigSchema,
  countDue,
  createReplayConnector,
  isReplayConnector,
  replayFactory,
  type ReplayConnector,
} from '../../../../electron/core/connectors/replay/replay-factory';
import { ManualClock } from '../../../../electron/core/runtime/clock';
import { memoryVault } from '../../../../electron/core/runtime/credentials';
import { silentLogger } from '../../../../electron/core/runtime/logger';

const FIXTURES = join(__dirname, '../../../fixtures/replay');
const T9 = Date.UTC(2026, 0, 5, 9, 0, 0);

function connectorFor(file: string, extra: Record<string, unknown> = {}): ReplayConnector {
  const config = ReplayConfigSchema.parse({ id: 'replay', type: 'replay', file: join(FIXTURES, file), ...extra });
  return createReplayConnector(config, silentLogger());
}

async function poll(
  c: ReplayConnector,
  now: number,
  cursor: string | null,
): Promise<Extract<PollOutcome, { kind: 'ok' }>> {
  const outcome = await c.poll({ signal: new AbortController().signal, now, cursor });
  if (outcome.kind !== 'ok') throw new Error(`poll: ${outcome.kind}`);
  return outcome;
}

describe('replay connector', () => {
  it('is built by its factory from config', () => {
    const config = ReplayConfigSchema.parse({ id: 'r', type: 'replay', file: 'x.csv' });
    expect(config).toMatchObject({ channel: 'ingest', maxBatch: 2000, enabled: true });
    const deps = {
      clock: new ManualClock(),
      logger: silentLogger(),
      fetch,
      credentials: memoryVault(),
      watchlists: [],
    };
    const c = replayFactory.create(config, deps);
    expect(isReplayConnector(c)).toBe(true);
    expect(c.label).toBe('Replay x.csv');
    expect(ReplayConfigSchema.safeParse({ id: 'r', type: 'replay' }).success).toBe(false);
  });

  it('releases rows as hub time passes them, in time order, reporting refused rows once', async () => {
    const c = connectorFor('sample.csv');
    const first = await poll(c, T9 - 1, null);
    expect(first.items).toEqual([]);
    expect(first.rejected.map((r) => r.reason)).toEqual([
      expect.stringMatching(/^line 8: /),
      expect.stringMatching(/^line 9: /),
    ]);
    const second = await poll(c, T9 + 90_000, first.cursor);
    expect(second.items.map((m) => m.externalId)).toEqual(['1', '2']);
    expect(second.rejected).toEqual([]);
    expect(c.progress()).toMatchObject({
      ready: true,
      total: 4,
      offered: 2,
      committed: 0,
      rejected: 2,
      firstAt: T9,
      lastAt: T9 + 180_000,
    });
    const third = await poll(c, T9 + 10 * 60_000, second.cursor);
    expect(third.items.map((m) => m.externalId)).toEqual(['3', '4']);
    const done = await poll(c, T9 + 11 * 60_000, third.cursor);
    expect(done.items).toEqual([]);
    expect(c.progress()).toMatchObject({ offered: 4, committed: 4, total: 4 });
  });

  it('resumes from its cursor after a restart, and caps a poll at maxBatch', async () => {
    const a = connectorFor('sample.jsonl', { maxBatch: 3 });
    const first = await poll(a, T9 + 3_600_000, null);
    expect(first.items.map((m) => m.externalId)).toEqual(['a5', 'a1', 'a3']);
    const b = connectorFor('sample.jsonl', { maxBatch: 3 });
    const resumed = await poll(b, T9 + 3_600_000, first.cursor);
    expect(resumed.items.map((m) => m.externalId)).toEqual(['a2']);
  });

  it('counts rows of an earlier run from the restored cursor', async () => {
    const c = connectorFor('sample.csv');
    c.restore?.(JSON.stringify({ v: 1, released: 3, total: 4 }));
    await c.load();
    expect(c.progress()).toMatchObject({ committed: 3, resumedFrom: 3, total: 4 });
    const result = await poll(c, T9 + 3_600_000, JSON.stringify({ v: 1, released: 3, total: 4 }));
    expect(result.items.map((m) => m.externalId)).toEqual(['4']);
  });

  it('starts over when the cursor belongs to a different file', async () => {
    const c = connectorFor('sample.csv');
    const result = await poll(c, T9 + 3_600_000, JSON.stringify({ v: 1, released: 2, total: 99 }));
    expect(result.items).toHaveLength(4);
  });

  it('reports a missing file as a config error', async () => {
    const c = connectorFor('nope.csv');
    const outcome = await c.poll({ signal: new AbortController().signal, now: T9, cursor: null });
    expect(outcome.kind).toBe('config-error');
    expect(c.progress().failed).toMatch(/nope\.csv/);
  });

  it('counts due rows with a binary search', () => {
    const times = Float64Array.from([1, 2, 2, 5]);
    expect([0, 1, 2, 4, 5, 9].map((t) => countDue(times, t))).toEqual([0, 1, 3, 3, 4, 4]);
  });
});
