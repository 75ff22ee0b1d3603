import { describe, expect, it } from 'vitest';
import {
  SimulatorConfigSchema,
  simulatorFactory,
} from '../../../../electron/core/connectors/simulator/simulator-factory';
import { generateRange, type SimulationOptions } from '../../../../electron/core/connectors/simulator/generate';
import { daytimeShiftMinutes, zoneOffsetMinutes } from '../../../../electron/core/connectors/simulator/rhythm';
import { ManualClock } from '../../../../electron/core/runtime/clock';
import { silentLogger } from '../../../../electron/core/runtime/logger';
import { memoryVault } from '../../../../electron/core/runtime/credentials';

const MIN = 60_000;
const OPTIONS: SimulationOptions = {
  seed: 42,
  brand: 'Nimbus Bank',
  ratePerMinute: 8,
  scenario: 'quiet',
  utcOffsetMinutes: 0,
};

/** Everyday posts per minute over the first hour of a simulator started at `start`. */
const firstHourRate = (options: SimulationOptions, start: number): number =>
  generateRange(options, start, start, start + 60 * MIN).length / 60;

describe('the demo looks alive at any hour', () => {
  // Tuesday 06:40 UTC: the simulator's night (the "about two posts a minute").
  const dawn = Date.UTC(2026, 11, 1, 6, 40);
  const noon = Date.UTC(2026, 11, 1, 12, 0);

  it('moves a night start on to 10:00 local and leaves a daytime start alone', () => {
    expect(daytimeShiftMinutes(dawn, 0)).toBe(200);
    expect(daytimeShiftMinutes(noon, 0)).toBe(0);
    expect(daytimeShiftMinutes(Date.UTC(2026, 11, 1, 23, 0), 0)).toBe(660);
    // 06:40 UTC is 15:40 in Tokyo: already daytime there.
    expect(daytimeShiftMinutes(dawn, 9 * 60)).toBe(0);
  });

  it('reads a time zone with its daylight saving', () => {
    expect(zoneOffsetMinutes('Europe/London', Date.UTC(2026, 6, 1, 12))).toBe(60);
    expect(zoneOffsetMinutes('Europe/London', Date.UTC(2026, 0, 5, 12))).toBe(0);
    expect(zoneOffsetMinutes('America/New_York', Date.UTC(2026, 0, 5, 12))).toBe(-300);
  });

  it('starts a dawn demo at daytime volume; without the shift it is the quiet night', () => {
    const night = firstHourRate(OPTIONS, dawn);
    const day = firstHourRate({ ...OPTIONS, daytimeStart: true }, dawn);
    const daytime = firstHourRate(OPTIONS, noon);
    expect(night).toBeLessThan(daytime * 0.5);
    expect(day).toBeGreaterThan(night * 2);
  });

  it('follows the configured time zone: 06:40 UTC is afternoon in Tokyo, so no shift is needed', () => {
    const tokyo = firstHourRate({ ...OPTIONS, timeZone: 'Asia/Tokyo' }, dawn);
    expect(tokyo).toBeGreaterThan(firstHourRate(OPTIONS, dawn) * 2);
  });

  it('is on by default for the simulator source, and refuses an unknown zone', async () => {
    const config = SimulatorConfigSchema.parse({ id: 'sim', type: 'simulator', scenario: 'quiet' });
    expect(config.daytimeStart).toBe(true);
    expect(SimulatorConfigSchema.safeParse({ id: 's', type: 'simulator', timeZone: 'Mars/Olympus' }).success).toBe(
      false,
    );
    const deps = {
      clock: new ManualClock(dawn),
      logger: silentLogger(),
      fetch,
      credentials: memoryVault(),
      watchlists: [],
    };
    const connector = simulatorFactory.create(config, deps);
    const first = await connector.poll({ signal: new AbortController().signal, now: dawn, cursor: null });
    if (first.kind !== 'ok') throw new Error(first.kind);
    const later = await connector.poll({
      signal: new AbortController().signal,
      now: dawn + 60 * MIN,
      cursor: first.cursor,
    });
    if (later.kind !== 'ok') throw new Error(later.kind);
    expect(later.items.length / 60).toBeGreaterThan(firstHourRate(OPTIONS, dawn) * 2);
  });
});
