import { describe, expect, it } from 'vitest';
import type { Incident } from '../../shared/incident';
import { SIMULATOR_SCENARIO } from '../../electron/core/connectors/simulator/scenario';
import {
  SimulatorConfigSchema,
  createSimulatorConnector,
} from '../../electron/core/connectors/simulator/simulator-factory';
import type { Connector } from '../../electron/core/connectors/connector';
import type { Core } from '../../electron/core/core-types';
import { createDefaultIncidentEngine } from '../../electron/core/incidents';
import { createEnricher } from '../../electron/core/pipeline/enrich';
import { ManualClock } from '../../electron/core/runtime/clock';
import { silentLogger } from '../../electron/core/runtime/logger';
import { openSqliteStore } from '../../electron/core/store/sqlite/sqlite-store';
import { createTestCore } from '../helpers/core';
import { DETECT_TICK_MS } from '../../electron/core/boot/create-core';

const MIN = 60_000;
const START = Date.UTC(2026, 0, 5, 9, 0, 0); // a Monday morning
const episode = (id: string) => SIMULATOR_SCENARIO.episodes.find((e) => e.id === id)!;

/** A hub on a manual clock: the simulator (optionally wrapped) through the real runner, enricher, SQLite and detection. */
async function hubWith(wrap: (c: Connector) => Connector = (c) => c): Promise<{ core: Core; clock: ManualClock }> {
  const clock = new ManualClock(START);
  const connector = wrap(
    createSimulatorConnector(SimulatorConfigSchema.parse({ id: 'simulator', type: 'simulator' }), silentLogger()),
  );
  const core = createTestCore({
    clock,
    store: await openSqliteStore(':memory:'),
    enricher: createEnricher(),
    sources: [{ connector, credentialFields: [] }],
    detection: createDefaultIncidentEngine(),
  });
  await core.start();
  return { core, clock };
}

async function incidents(core: Core): Promise<Incident[]> {
  const result = await core.api.invoke('incidents:list', {});
  if (!result.ok) throw new Error(result.error.message);
  return result.value as Incident[];
}

describe('breakdown detection on the hub clock', () => {
  it('raises the scripted outage as one P1 within three minutes of its onset, with its terms as evidence', async () => {
    const { core, clock } = await hubWith();
    const onset = START + episode('login-outage').onsetMinutes * MIN;
    await clock.advance(onset - START);
    expect(await incidents(core)).toEqual([]);

    await clock.advance(3 * MIN);
    const early = await incidents(core);
    expect(early.filter((i) => i.severity === 'P1')).toHaveLength(1);
    const p1 = early.find((i) => i.severity === 'P1')!;
    expect(p1.openedAt).toBeLessThanOrEqual(onset + 3 * MIN);
    expect(p1.topics).toContain('login');
    expect(p1.channels.length).toBeGreaterThanOrEqual(2);
    const terms = p1.evidence.risingTerms.map((t) => t.term).join(' | ');
    expect(terms).toMatch(/log|503/);
    expect(p1.evidence.observedPerMinute).toBeGreaterThan(4 * p1.evidence.baselinePerMinute);
    expect(p1.evidence.firstPost?.createdAt).toBeGreaterThanOrEqual(onset - MIN);

    // Through its whole course the outage stays one incident, and it resolves itself once complaints subside.
    await clock.advance(90 * MIN);
    const outage = (await incidents(core)).filter(
      (i) => i.openedAt >= onset && i.openedAt < onset + 45 * MIN && !i.mergedInto,
    );
    expect(outage).toHaveLength(1);
    expect(outage[0]?.state).toBe('resolved');
    await core.stop();
  });

  it('announces the outage while the minute that crossed is still open, then confirms it under the same id', async () => {
    const { core, clock } = await hubWith();
    const announced: Array<{ at: number; incident: Incident }> = [];
    core.events.subscribe((e) => {
      if (e.name === 'incidents:changed')
        for (const incident of e.payload.incidents) announced.push({ at: clock.now(), incident });
    });
    const onset = START + episode('login-outage').onsetMinutes * MIN;
    await clock.advance(onset - START + 5 * MIN);
    const first = announced[0];
    expect(first?.incident.topics).toContain('login');
    expect(first?.incident.evidence.statistic).toContain('provisional');
    // Announced as the posts arrived (a poll's commit), not on the half-minute detection tick, and within the minute
    // its posts were counted in rather than after that minute closed and its grace passed.
    expect(first?.incident.openedAt).toBe(first?.at);
    expect((first!.at - START) % DETECT_TICK_MS).not.toBe(1_000);
    expect(first!.at - Math.floor(first!.at / MIN) * MIN).toBeLessThan(MIN);
    const outage = announced.filter((a) => a.incident.id === first?.incident.id).at(-1)?.incident;
    expect(outage?.severity).toBe('P1');
    expect(outage?.evidence.statistic).not.toContain('provisional');
    expect(outage?.openedAt).toBe(first?.incident.openedAt);
    const visible = (await incidents(core)).filter((i) => !i.mergedInto && i.openedAt < onset + 5 * MIN);
    expect(visible.map((i) => i.id)).toEqual([first?.incident.id]);
    await core.stop();
  });

  it('does not raise a P1 for the marketing campaign burst', async () => {
    const { core, clock } = await hubWith();
    const campaign = episode('cashback-campaign');
    const from = START + campaign.onsetMinutes * MIN;
    await clock.advance(
      (campaign.onsetMinutes + campaign.rampMinutes + campaign.plateauMinutes + campaign.decayMinutes + 5) * MIN,
    );
    const duringCampaign = (await incidents(core)).filter((i) => i.openedAt >= from);
    expect(duringCampaign.filter((i) => i.severity === 'P1')).toEqual([]);
    expect(duringCampaign.filter((i) => i.severity !== 'P4')).toEqual([]);
    await core.stop();
  });

  it('treats a source going silent as a health event, not a breakdown', async () => {
    const silentFrom = START + 40 * MIN; // after the outage is over, before the campaign
    const { core, clock } = await hubWith((inner) => ({
      ...inner,
      poll: async (ctx) =>
        ctx.now < silentFrom ? inner.poll(ctx) : { kind: 'transient', message: 'connect ECONNREFUSED 127.0.0.1:443' },
    }));
    await clock.advance(40 * MIN);
    const before = (await incidents(core)).length;
    await clock.advance(15 * MIN);
    const health = (await core.api.status()).sources[0];
    expect(health?.state).toBe('failing');
    expect(health?.lastError).toContain('ECONNREFUSED');
    expect(health?.lastSuccessAt).toBeLessThan(silentFrom);
    const opened = (await incidents(core)).filter((i) => i.openedAt >= silentFrom);
    expect(opened).toEqual([]);
    expect((await incidents(core)).length).toBe(before);
    await core.stop();
  });
});
