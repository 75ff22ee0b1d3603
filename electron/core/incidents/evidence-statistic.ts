/**
 * The evidence card's one statistic: observed against usual, stated once, with the usual rate floored so a series
 * that is normally silent reads "vs usual 0.1/min (476×)", never "vs 0.0/min (9520×)"; and the detector's score
 * beside it on its own stated scale (0 to 1, with the alarm level), so a high multiplier never sits next to a bare
 * "score 0.500" that seems to contradict it.
 */

/** The usual rate is never taken below this (posts per minute): the same floor severity's lift uses. */
export const USUAL_FLOOR_PER_MINUTE = 0.1;

/** The usual rate as the card states it: floored, rounded to the shown precision. */
export const usualRate = (baseline: number): number => round(Math.max(baseline, USUAL_FLOOR_PER_MINUTE), 1);

/** The observed rate as the card states it. */
export const observedRate = (rate: number): number => round(rate, 1);

/** A multiplier as people read it: "24×", "3.5×". */
export const formatLift = (lift: number): string => (lift >= 10 ? `${Math.round(lift)}×` : `${round(lift, 1)}×`);

/** What the card says about a surge, from the same two numbers it shows. */
export interface SurgeFacts {
  readonly observedPerMinute: number;
  readonly usualPerMinute: number;
  /** The detector's strongest score over the incident (0..1) and the score at which it alarms. */
  readonly score: number;
  readonly alarmAt: number;
  /** The minute of the peak, shown as HH:MM UTC. */
  readonly peakMinute: number;
}

/**
 * "47.6/min vs usual 2.0/min (24×) at 09:12 UTC; detector score 0.98 of 1 (alarm at 0.60)". The multiplier is
 * computed from the shown rates, so anyone can check it.
 */
export function surgeStatistic(facts: SurgeFacts): string {
  const observed = observedRate(facts.observedPerMinute);
  const usual = usualRate(facts.usualPerMinute);
  const at = new Date(facts.peakMinute).toISOString().slice(11, 16);
  const score = `detector score ${facts.score.toFixed(2)} of 1 (alarm at ${facts.alarmAt.toFixed(2)})`;
  return `${observed}/min vs usual ${usual}/min (${formatLift(observed / usual)}) at ${at} UTC; ${score}`;
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
