import { describe, expect, it } from 'vitest';
import { createDefaultIncidentEngine, detectOver } from '../../electron/core/incidents';
import { createEnricher } from '../../electron/core/pipeline/enrich';
import type { Incident } from '../../shared/incident';
import { IncidentSchema } from '../../shared/incident';
import { AIRLINE_FIXTURE, airlineMentions, readAirlineRows } from '../unit/incidents/airline';

/** 2015-02-22 10:00 Pacific, when the fixture's storm and celebration start (the file's stamps are -0800). */
const STORM_START = Date.UTC(2015, 1, 22, 18, 0);

/**
 * Replays the repo's airline-shaped fixture (four quiet hours for three airlines, then a DFW cancellation storm
 * at Skyline and a celebration at Harbor Jet) through the real enricher and the real detector, minute by minute
 * as the hub would, and checks that the incidents raised are the breakdown and the burst, not noise.
 * The same checks against the real airline tweets corpus are `npm run bench:airline`.
 */
describe('airline-shaped replay', () => {
  it('raises the storm as one P1 incident with readable evidence, the celebration as P4, and nothing else', async () => {
    const enricher = createEnricher();
    const rows = await readAirlineRows(AIRLINE_FIXTURE);
    const mentions = airlineMentions(rows, (text) =>
      enricher.enrich({ text, channel: 'x', author: { handle: 'x' }, metadata: {} }),
    );
    expect(mentions).toHaveLength(147);
    const incidents = detectOver(mentions, createDefaultIncidentEngine());
    for (const incident of incidents) expect(IncidentSchema.parse(incident)).toEqual(incident);
    expect(incidents.map((i) => i.watchlist).sort()).toEqual(['Harbor Jet', 'Skyline']);

    const storm = incidents.filter((i) => i.watchlist === 'Skyline');
    expect(storm.map((i) => i.severity)).toEqual(['P1']);
    const [dfw] = storm;
    if (dfw === undefined) throw new Error('no storm incident');
    expect(dfw.openedAt).toBeGreaterThanOrEqual(STORM_START);
    expect(dfw.openedAt).toBeLessThanOrEqual(STORM_START + 15 * 60_000);
    // One incident: the cancellations and the phone lines they jammed are the same breakdown.
    expect(dfw.topics).toEqual(expect.arrayContaining(['cancellation', 'customer_service']));
    const terms = dfw.evidence.risingTerms.map((t) => t.term);
    expect(terms).toContain('dfw');
    expect(terms.some((t) => /cancel|call|hold|phone/.test(t))).toBe(true);
    const shift = dfw.evidence.sentimentShift;
    expect(shift.observedNegativeShare).toBeGreaterThan(shift.baselineNegativeShare);
    expect(shift.observedNegativeShare).toBeGreaterThanOrEqual(0.4);

    const cheers = incidents.filter((i) => i.watchlist === 'Harbor Jet');
    expect(cheers.map((i) => i.severity)).toEqual(['P4']);
    expect(cheers.every(isPositiveBurst)).toBe(true);
    expect(cheers.flatMap((i) => i.evidence.risingTerms.map((t) => t.term))).toContain('honolulu');

    for (const incident of incidents) {
      const card = incident.evidence;
      expect(card.firstPost).not.toBeNull();
      expect(card.representativePosts.length).toBeGreaterThan(0);
      expect(card.observedPerMinute).toBeGreaterThan(card.baselinePerMinute);
      expect(card.sourceMix.reduce((n, s) => n + s.count, 0)).toBeGreaterThan(0);
    }
  });

  it('raises nothing from the quiet hours alone', async () => {
    const enricher = createEnricher();
    const rows = await readAirlineRows(AIRLINE_FIXTURE);
    const quiet = airlineMentions(rows, (text) =>
      enricher.enrich({ text, channel: 'x', author: { handle: 'x' }, metadata: {} }),
    ).filter((m) => m.createdAt < STORM_START);
    expect(quiet.length).toBeGreaterThan(30);
    expect(detectOver(quiet, createDefaultIncidentEngine())).toEqual([]);
  });
});

/** A volume burst whose posts were less negative than usual: a campaign or celebration, not a breakdown. */
function isPositiveBurst(incident: Incident): boolean {
  const shift = incident.evidence.sentimentShift;
  return incident.evidence.series === 'total' && shift.observedNegativeShare < shift.baselineNegativeShare - 0.05;
}
