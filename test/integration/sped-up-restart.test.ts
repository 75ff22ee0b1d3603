import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bootHub, type Hub } from '../../electron/core/boot/boot-hub';
import { resumedClock } from '../../electron/core/runtime/clock';
import { silentLogger } from '../../electron/core/runtime/logger';
import { openSqliteStore } from '../../electron/core/store/sqlite/sqlite-store';

const MIN = 60_000;

/** Resolves with the hub time of the first `clock:tick` at or after `atLeast` (real timers: the hub's own clock). */
function hubTimeReaches(hub: Hub, atLeast: number): Promise<number> {
  return new Promise((resolve) => {
    const stop = hub.core.events.subscribe((event) => {
      if (event.name !== 'clock:tick' || event.payload.now < atLeast) return;
      stop();
      resolve(event.payload.now);
    });
  });
}

describe('restarting a sped-up demo on the same data dir', () => {
  it('resumes hub time from where it got to: no posts from the future, no minutes closed twice', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'earshot-speed-restart-'));
    const boot = () => bootHub({ dataDir, demo: true, speed: 60, logger: silentLogger() });
    try {
      const first = await boot();
      const began = await hubTimeReaches(first, 0);
      // Twelve hub minutes at 60×: hub time is now well ahead of the wall clock.
      await hubTimeReaches(first, began + 12 * MIN);
      await first.stop();
      const store = await openSqliteStore(join(dataDir, 'earshot.db'));
      const [newest] = await store.recentMentions(1);
      await store.close();
      expect(newest?.createdAt ?? 0).toBeGreaterThan(Date.now() + 5 * MIN);

      const second = await boot();
      const resumed = await hubTimeReaches(second, 0);
      expect(resumed).toBeGreaterThanOrEqual(newest?.createdAt ?? Infinity);
      const incidents = await second.core.api.invoke('incidents:list', {});
      await second.stop();
      if (!incidents.ok) throw new Error(incidents.error.message);
      expect(
        incidents.value.filter((i) => i.resolvedAt !== null && i.resolvedAt === i.openedAt && !i.mergedInto),
      ).toEqual([]);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 60_000);

  it('keeps the wall clock at normal speed, and when the stored time is not ahead', () => {
    const real = Date.UTC(2026, 11, 1, 10);
    expect(Math.abs(resumedClock(1, real + 60 * MIN, real).now() - Date.now())).toBeLessThan(5_000);
    expect(resumedClock(60, real + 60 * MIN, real).now()).toBeGreaterThanOrEqual(real + 60 * MIN);
    expect(resumedClock(60, null, real).now()).toBeLessThan(real + 60 * MIN);
  });
});
