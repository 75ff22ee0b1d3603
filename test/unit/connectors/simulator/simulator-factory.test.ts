import { describe, expect, it } from 'vitest';
import type { RawMention } from '../../../../shared/mention';
import type { Connector, PollOutcome } from '../../../../electron/core/connectors/connector';
import {
  SimulatorConfigSchema,
  parseSimulatorCursor,
  simulatorFactory,
} from '../../../../electron/core/connectors/simulator/simulator-factory';
import { generateRange } from '../../../../electron/core/connectors/simulator/generate';
import { ManualClock } from '../../../../electron/core/runtime/clock';
import { silentLogger } from '../../../../electron/core/runtime/logger';
import { memoryVault } from '../../../../electron/core/runtime/credentials';

const MIN = 60_000;

function makeConnector(extra: Record<string, unknown> = {}): Connector {
  const config = SimulatorConfigSchema.parse({ id: 'sim', type: 'simulator', seed: 3, ...extra });
  const deps = { clock: new ManualClock(), logger: silentLogger(), fetch, credentials: memoryVault(), watchlists: [] };
  return simulatorFactory.create(config, deps);
}

async function poll(
  connector: Connector,
  now: number,
  cursor: string | null,
): Promise<Extract<PollOutcome, { kind: 'ok' }>> {
  const outcome = await connector.poll({ signal: new AbortController().signal, now, cursor });
  if (outcome.kind !== 'ok') throw new Error(`poll failed: ${outcome.kind}`);
  return outcome;
}

describe('simulator connector', () => {
  const t0 = Date.UTC(2026, 0, 5, 10, 0, 0);

  it('validates its config with defaults', () => {
    const config = SimulatorConfigSchema.parse({ id: 'sim', type: 'simulator' });
    expect(config).toMatchObject({
      enabled: true,
      seed: 42,
      brand: 'Nimbus Bank',
      ratePerMinute: 8,
      scenario: 'default',
    });
    expect(SimulatorConfigSchema.safeParse({ id: 'sim', type: 'simulator', scenario: 'loud' }).success).toBe(false);
    expect(SimulatorConfigSchema.safeParse({ id: 'sim', type: 'simulator', ratePerMinute: -1 }).success).toBe(false);
    expect(simulatorFactory.credentialFields).toEqual([]);
  });

  it('back-fills 180 minutes on the first poll and records its start', async () => {
    const connector = makeConnector();
    expect(connector.kind).toBe('simulator');
    expect(connector.pollIntervalMs).toBe(1000);
    const first = await poll(connector, t0, null);
    expect(first.items.length).toBeGreaterThan(100);
    expect(Math.min(...first.items.map((m) => m.createdAt))).toBeGreaterThan(t0 - 180 * MIN);
    expect(Math.min(...first.items.map((m) => m.createdAt))).toBeLessThan(t0 - 170 * MIN);
    expect(Math.max(...first.items.map((m) => m.createdAt))).toBeLessThanOrEqual(t0);
    expect(parseSimulatorCursor(first.cursor)).toEqual({ v: 1, start: t0, last: t0 });
  });

  it('resumes from its cursor after a restart without duplicates or gaps', async () => {
    const first = await poll(makeConnector(), t0, null);
    const collected: RawMention[] = [...first.items];
    let cursor = first.cursor;
    let now = t0;
    for (let i = 0; i < 40; i++) {
      now += 17_321;
      const connector = makeConnector();
      const next = await poll(connector, now, cursor);
      collected.push(...next.items);
      cursor = next.cursor;
    }
    const options = {
      seed: 3,
      brand: 'Nimbus Bank',
      ratePerMinute: 8,
      scenario: 'default' as const,
      utcOffsetMinutes: 0,
    };
    const once = generateRange(options, t0, t0 - 180 * MIN, now);
    expect(collected).toEqual(once);
    expect(new Set(collected.map((m) => m.externalId)).size).toBe(collected.length);
  });

  it('caps one poll to the last 60 minutes after a long downtime', async () => {
    const connector = makeConnector();
    const cursor = JSON.stringify({ v: 1, start: t0, last: t0 });
    const later = t0 + 5 * 60 * MIN;
    const result = await poll(connector, later, cursor);
    expect(Math.min(...result.items.map((m) => m.createdAt))).toBeGreaterThan(later - 60 * MIN);
    expect(parseSimulatorCursor(result.cursor)).toEqual({ v: 1, start: t0, last: later });
  });

  it('starts afresh when its cursor is ahead of the hub clock (a sped-up demo restarted at normal speed)', async () => {
    const cursor = JSON.stringify({ v: 1, start: t0 - 600 * MIN, last: t0 + 600 * MIN });
    const result = await poll(makeConnector(), t0, cursor);
    expect(result.items.length).toBeGreaterThan(0);
    expect(parseSimulatorCursor(result.cursor)).toEqual({ v: 1, start: t0, last: t0 });
  });

  it('treats an unreadable cursor as a first run', async () => {
    expect(parseSimulatorCursor('not json')).toBeNull();
    expect(parseSimulatorCursor('{"v":2}')).toBeNull();
    const result = await poll(makeConnector(), t0, 'garbage');
    expect(parseSimulatorCursor(result.cursor)?.start).toBe(t0);
  });

  it('names a configured brand in its posts', async () => {
    const result = await poll(makeConnector({ brand: 'Acme Money' }), t0, null);
    expect(result.items.some((m) => m.text.includes('Acme'))).toBe(true);
    expect(result.items.some((m) => /nimbus/i.test(m.text) && !m.text.includes('nimbus.example'))).toBe(false);
  });
});

describe('simulator watchlist attribution', () => {
  it('tags every post with the configured watchlist', async () => {
    const result = await poll(makeConnector({ watchlist: 'nimbus' }), Date.UTC(2026, 0, 5, 10), null);
    expect(result.items.length).toBeGreaterThan(0);
    expect(result.items.every((m) => m.watchlist === 'nimbus')).toBe(true);
  });
});
