import { describe, expect, it } from 'vitest';
import { buildEvidence } from '../../../electron/core/incidents/evidence';
import { surgeStatistic, usualRate } from '../../../electron/core/incidents/evidence-statistic';
import type { IncidentRecord } from '../../../electron/core/incidents/model';
import { liftOf } from '../../../electron/core/incidents/rules';
import { createTermStore } from '../../../electron/core/incidents/term-store';

const PEAK = Date.UTC(2026, 0, 5, 9, 12);

/** An incident record whose peak was `rate`/min against a usual `baseline`/min, scored `score`. */
function record(rate: number, baseline: number, score: number, maxScore?: number): IncidentRecord {
  return {
    id: 'inc_1',
    watchlist: 'nimbus',
    state: 'open',
    severity: 'P1',
    startedAt: PEAK - 5 * 60_000,
    openedAt: PEAK,
    updatedAt: PEAK,
    resolvedAt: null,
    mergedInto: null,
    families: ['topic:login'],
    lead: 'topic:login',
    peak: { family: 'topic:login', value: rate, rate, baseline, score, minute: PEAK },
    topicChannels: [],
    maxTopicLift: liftOf(rate, baseline),
    ...(maxScore === undefined ? {} : { maxScore }),
    negativeSignal: false,
    topicFirstHot: null,
    topicLastHot: null,
    topicHotMinutes: 0,
    lastHotMinute: PEAK,
    timeline: [],
    negativeObserved: 0,
    totalObserved: 0,
    baselineNegativeShare: 0,
    sourceCounts: {},
    posts: [],
  };
}

const cardOf = (rec: IncidentRecord) => buildEvidence(rec, createTermStore().baseline('nimbus'));

describe('the evidence card states one statistic', () => {
  it('says observed vs usual once, with the multiplier computed from the shown rates', () => {
    const card = cardOf(record(47.6, 2, 0.97));
    expect(card.statistic).toBe('47.6/min vs usual 2/min (24×) at 09:12 UTC; detector score 0.97 of 1 (alarm at 0.60)');
    expect(card.observedPerMinute).toBe(47.6);
    expect(card.baselinePerMinute).toBe(2);
    expect(card.statistic.match(/\/min/g)).toHaveLength(2);
  });

  it('floors a silent baseline: 47.6/min against 0.005/min reads 476×, never 9520×', () => {
    const card = cardOf(record(47.6, 0.005, 0.99));
    expect(card.baselinePerMinute).toBe(0.1);
    expect(card.statistic).toContain('47.6/min vs usual 0.1/min (476×)');
    expect(card.statistic).not.toContain('9520');
    // The card's own numbers give the same multiplier as severity's lift.
    expect(Math.round(card.observedPerMinute / card.baselinePerMinute)).toBe(Math.round(liftOf(47.6, 0.005)));
  });

  it("states the detector's strongest score with its scale, not the peak minute's halved one", () => {
    const card = cardOf(record(31.8, 0.1, 0.5, 0.96));
    expect(card.statistic).toContain('(318×)');
    expect(card.statistic).toContain('detector score 0.96 of 1 (alarm at 0.60)');
    expect(card.statistic).not.toContain('0.500');
  });

  it('writes small multipliers with one decimal', () => {
    expect(
      surgeStatistic({ observedPerMinute: 7, usualPerMinute: 2, score: 0.7, alarmAt: 0.6, peakMinute: PEAK }),
    ).toBe('7/min vs usual 2/min (3.5×) at 09:12 UTC; detector score 0.70 of 1 (alarm at 0.60)');
    expect(usualRate(0)).toBe(0.1);
  });
});
