import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { bootHub, type Hub } from '../../electron/core/boot/boot-hub';
import { ManualClock } from '../../electron/core/runtime/clock';
import { memoryVault } from '../../electron/core/runtime/credentials';
import { silentLogger } from '../../electron/core/runtime/logger';
import { generateRange } from '../../electron/core/connectors/simulator/generate';
import { SIMULATOR_SCENARIO } from '../../electron/core/connectors/simulator/scenario';
import { openSqliteStore } from '../../electron/core/store/sqlite/sqlite-store';

const MINUTE = 60_000;
const T0 = Date.UTC(2026, 0, 6, 10, 0, 0); // a Tuesday morning
const dirs: string[] = [];

afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

async function boot(dataDir: string, clock: ManualClock): Promise<Hub> {
  return bootHub({ dataDir, demo: true, clock, vault: memoryVault(), logger: silentLogger(), env: {} });
}

describe('hub restart', () => {
  it('a crash and restart neither loses nor duplicates a simulated mention', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'earshot-restart-'));
    dirs.push(dataDir);

    // First run: five minutes, then the process "dies": its clock freezes and it is never stopped.
    const first = new ManualClock(T0);
    const crashed = await boot(dataDir, first);
    await first.advance(5 * MINUTE);
    const beforeCrash = (await crashed.core.api.status()).mentions;
    expect(beforeCrash).toBeGreaterThan(0);

    // Second run on the same data dir after ten minutes of downtime.
    const second = new ManualClock(T0 + 15 * MINUTE);
    const restarted = await boot(dataDir, second);
    expect((await restarted.core.api.status()).mentions).toBe(beforeCrash);
    await second.advance(5 * MINUTE);
    await restarted.stop();

    // What the store holds is exactly the simulator's stream from its start, with no gap and no repeat.
    const store = await openSqliteStore(join(dataDir, 'earshot.db'));
    const stored = await store.mentionsBetween({ from: 0, to: T0 + 21 * MINUTE });
    await store.close();
    const end = Math.max(...stored.map((m) => m.createdAt));
    const expected = generateRange(
      {
        seed: 42,
        brand: 'Nimbus Bank',
        ratePerMinute: 8,
        scenario: 'default',
        utcOffsetMinutes: 0,
        daytimeStart: true,
      },
      T0,
      T0 - SIMULATOR_SCENARIO.prehistoryMinutes * MINUTE,
      end,
    );
    const storedIds = stored.map((m) => m.externalId).sort();
    expect(new Set(storedIds).size).toBe(storedIds.length);
    expect(storedIds).toEqual(expected.map((m) => m.externalId).sort());
    expect(storedIds.length).toBeGreaterThan(beforeCrash);
  });
});
