import { describe, expect, it } from 'vitest';
import { createDefaultIncidentEngine, describeIncident, detectOver } from '../../electron/core/incidents';
import { createEnricher } from '../../electron/core/pipeline/enrich';
import type { Incident } from '../../shared/incident';
import { IncidentSchema } from '../../shared/incident';
import { airlineMentions, readAirlineRows } from '../unit/incidents/airline';

/**
 * Replays the airline tweets corpus (Feb 2015) through the real enricher and the real detector, minute by
 * minute as the hub would, and checks that the incidents raised are the known breakdowns, not noise.
 */
describe('airline tweets replay', () => {
  it('raises the late-February storms as incidents with readable evidence', async () => {
    const enricher = createEnricher();
    const rows = await readAirlineRows();
    const mentions = airlineMentions(rows, (text) =>
      enricher.enrich({ text, channel: 'x', author: { handle: 'x' }, metadata: {} }),
    );
    const incidents = detectOver(mentions, createDefaultIncidentEngine());
    process.stdout.write(`${incidents.map((i) => describeIncident(i, 6)).join('\n')}\n`);

    for (const incident of incidents) expect(IncidentSchema.parse(incident)).toEqual(incident);
    expect(incidents.length).toBeGreaterThanOrEqual(3);
    expect(incidents.length).toBeLessThanOrEqual(40);

    const storm = incidents.filter(
      (i) =>
        i.watchlist === 'American' &&
        i.openedAt >= Date.UTC(2015, 1, 22, 19, 30) &&
        i.openedAt <= Date.UTC(2015, 1, 22, 22),
    );
    expect(storm.map((i) => i.severity)).toContain('P1');
    expect(storm.flatMap((i) => i.topics)).toEqual(expect.arrayContaining(['cancellation', 'customer_service']));
    const stormTerms = storm.flatMap((i) => i.evidence.risingTerms.map((t) => t.term));
    // One incident for the DFW storm: its cancellations and the phone lines they jammed are the same breakdown.
    expect(stormTerms).toEqual(expect.arrayContaining(['dfw']));
    expect(stormTerms.some((t) => /cancel|call/.test(t))).toBe(true);
    for (const i of storm) {
      expect(i.evidence.sentimentShift.observedNegativeShare).toBeGreaterThan(
        i.evidence.sentimentShift.baselineNegativeShare,
      );
    }
    const phoneLines = incidents.filter((i) => i.watchlist === 'US Airways' && i.topics.includes('customer_service'));
    expect(phoneLines.some((i) => i.severity === 'P1' || i.severity === 'P2')).toBe(true);

    const allTerms = incidents.flatMap((i) => i.evidence.risingTerms.map((t) => t.term));
    expect(allTerms).toEqual(expect.arrayContaining(['hold', 'cancelled flightled', 'customer service']));

    const failures = incidents.filter((i) => i.severity === 'P1' || i.severity === 'P2');
    expect(failures.every((i) => i.topics.length > 0)).toBe(true);
    expect(failures.every((i) => i.evidence.sentimentShift.observedNegativeShare >= 0.4)).toBe(true);

    const positiveBursts = incidents.filter((i) => isPositiveBurst(i));
    expect(positiveBursts.length).toBeGreaterThan(0);
    expect(positiveBursts.every((i) => i.severity === 'P4')).toBe(true);

    for (const incident of incidents) {
      const card = incident.evidence;
      expect(card.firstPost).not.toBeNull();
      expect(card.representativePosts.length).toBeGreaterThan(0);
      expect(card.observedPerMinute).toBeGreaterThan(card.baselinePerMinute);
      expect(card.sourceMix.reduce((n, s) => n + s.count, 0)).toBeGreaterThan(0);
    }
  }, 180_000);
});

/** A volume burst whose posts were less negative than usual: a campaign or celebration, not a breakdown. */
function isPositiveBurst(incident: Incident): boolean {
  const shift = incident.evidence.sentimentShift;
  return incident.evidence.series === 'total' && shift.observedNegativeShare < shift.baselineNegativeShare - 0.05;
}
