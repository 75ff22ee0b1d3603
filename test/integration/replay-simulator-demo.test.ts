import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { IncidentSchema, type Incident } from '../../shared/incident';
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

  /**
   * The whole script, as the README promises it: the login P1 resolves after its quiet period (it used to absorb every
   * topic that later flickered and stay open for hours), the campaign never merges into it, and the X-only payment
   * glitch at minute 110 is its own P2/P3 with the payment topic (it used to feed the P1). Started on a weekday
   * morning and a Saturday evening, so no lucky hour passes it.
   */
  it.each(['2026-12-01T10:00:30Z', '2026-12-05T19:30:00Z'])(
    'plays the whole script started at %s: the P1 resolves, the campaign stays apart, the glitch stands alone',
    async (startIso) => {
      const start = Date.parse(startIso);
      const dataDir = await mkdtemp(join(tmpdir(), 'earshot-demo-test-'));
      const clock = new ManualClock(start);
      const hub = await bootHub({ dataDir, demo: true, clock, logger: silentLogger() });
      const seen = new Map<string, Incident>();
      hub.core.events.subscribe((event) => {
        if (event.name === 'incidents:changed') for (const i of event.payload.incidents) seen.set(i.id, i);
      });
      try {
        await clock.advance(180 * MIN);
        const result = await hub.core.api.invoke('incidents:list', {});
        if (!result.ok) throw new Error(result.error.message);
        const all = z.array(IncidentSchema).parse(result.value);
        const outage = episode('login-outage');
        const outageEnd =
          start + (outage.onsetMinutes + outage.rampMinutes + outage.plateauMinutes + outage.decayMinutes) * MIN;
        const p1 = all.filter((i) => i.severity === 'P1');
        expect(p1.map((i) => i.topics.includes('login'))).toEqual([true]);
        expect(p1[0]?.resolvedAt).not.toBeNull();
        expect(p1[0]?.resolvedAt ?? Infinity).toBeLessThanOrEqual(outageEnd + 45 * MIN);
        const campaign = episode('cashback-campaign');
        const campaignOnset = start + campaign.onsetMinutes * MIN;
        // Nothing that opened after the outage's own minutes (the campaign's bursts, the glitch) folded into the P1.
        const folded = [...seen.values()].filter((i) => i.mergedInto === p1[0]?.id && i.openedAt >= campaignOnset);
        expect(folded.map((i) => i.title)).toEqual([]);
        const glitch = episode('payment-glitch');
        const glitchOnset = start + glitch.onsetMinutes * MIN;
        // The glitch's own incident opens during its minutes. (A later, unscripted payment + pricing P2 from the
        // simulator's everyday noise can follow it at some start times: a known false alarm, not this episode.)
        const glitchEnd = glitchOnset + (glitch.rampMinutes + glitch.plateauMinutes + glitch.decayMinutes) * MIN;
        const own = all.filter(
          (i) => i.openedAt >= glitchOnset && i.openedAt < glitchEnd && i.topics.includes('payment'),
        );
        expect(own.map((i) => i.severity)).toHaveLength(1);
        expect(['P2', 'P3']).toContain(own[0]?.severity);
        expect(own[0]?.openedAt ?? Infinity).toBeLessThanOrEqual(glitchOnset + 8 * MIN);
      } finally {
        await hub.stop();
        await rm(dataDir, { recursive: true, force: true });
      }
    },
    120_000,
  );
});
