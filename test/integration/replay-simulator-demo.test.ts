import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { IncidentSchema } from '../../shared/incident';
import { bootHub } from '../../electron/core/boot/boot-hub';
import { ManualClock } from '../../electron/core/runtime/clock';
import { silentLogger } from '../../electron/core/runtime/logger';
import { SIMULATOR_SCENARIO } from '../../electron/core/connectors/simulator/scenario';

const MIN = 60_000;
const START = Date.UTC(2026, 0, 5, 9, 0, 0);

const episode = (id: string) => {
  const found = SIMULATOR_SCENARIO.episodes.find((e) => e.id === id);
  if (!found) throw new Error(`no episode ${id}`);
  return found;
};

/**
 * The demo as a new user sees it: `bootHub({ demo: true })` on a hub clock, the simulator replaying its
 * script through the real pipeline (SQLite, enrichment, detection). The outage must become an incident on
 * the login topic within minutes; the campaign must not open a breakdown.
 */
describe('demo simulator through the hub', () => {
  it('raises the scripted login outage as a login incident that becomes P1, and no breakdown for the campaign', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'earshot-demo-test-'));
    const clock = new ManualClock(START);
    const hub = await bootHub({ dataDir, demo: true, clock, logger: silentLogger() });
    const incidents = async () => {
      const result = await hub.core.api.invoke('incidents:list', {});
      if (!result.ok) throw new Error(result.error.message);
      return z.array(IncidentSchema).parse(result.value);
    };
    try {
      const outage = episode('login-outage');
      const onset = START + outage.onsetMinutes * MIN;
      await clock.advance(outage.onsetMinutes * MIN);
      expect(await incidents()).toEqual([]);
      expect((await hub.core.api.status()).mentions).toBeGreaterThan(500);

      await clock.advance(10 * MIN);
      const early = (await incidents()).filter((i) => i.topics.includes('login'));
      expect(early).toHaveLength(1);
      expect(early[0]?.openedAt).toBeGreaterThanOrEqual(onset);
      expect(early[0]?.openedAt).toBeLessThanOrEqual(onset + 8 * MIN);

      await clock.advance(15 * MIN);
      const confirmed = (await incidents()).find((i) => i.topics.includes('login'));
      expect(confirmed?.severity).toBe('P1');
      expect(confirmed?.channels.length).toBeGreaterThanOrEqual(2);

      const campaign = episode('cashback-campaign');
      const campaignOnset = START + campaign.onsetMinutes * MIN;
      await clock.advance((campaign.onsetMinutes + 25) * MIN - (clock.now() - START));
      const opened = (await incidents()).filter((i) => i.openedAt >= campaignOnset);
      expect(opened.filter((i) => i.severity !== 'P4')).toEqual([]);
    } finally {
      await hub.stop();
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});
