import { createRequire } from 'node:module';
import type { SentimentLabel } from '../../../shared/mention';

interface Vader {
  readonly SentimentIntensityAnalyzer: { polarity_scores(text: string): { readonly compound: number } };
}

const vader = createRequire(import.meta.url)('vader-sentiment') as Vader;

/** vader-sentiment's label with the usual ±0.05 compound thresholds. */
export function vaderLabel(text: string): SentimentLabel {
  const c = vader.SentimentIntensityAnalyzer.polarity_scores(text).compound;
  return c >= 0.05 ? 'positive' : c <= -0.05 ? 'negative' : 'neutral';
}
