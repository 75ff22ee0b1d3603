import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SHARED_DIR } from '../../../scripts/train/data';
import type { SentimentLabel } from '../../../shared/mention';

/** One row of the airline tweets set, as the bench needs it. */
export interface AirlineTweet {
  readonly text: string;
  readonly sentiment: SentimentLabel;
  /** Crowd-picked reason for negative tweets, "" otherwise. */
  readonly reason: string;
}

/** Parses RFC-4180 CSV (quoted fields, doubled quotes, embedded newlines). */
export function parseCsv(body: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < body.length; i += 1) {
    const c = body[i] as string;
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n') {
      row.push(field.replace(/\r$/, ''));
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field.length > 0 || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

const ENTITIES: Readonly<Record<string, string>> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"' };

/** Loads Tweets.csv (HTML entities unescaped, as a connector would deliver the text). */
export async function loadAirline(): Promise<AirlineTweet[]> {
  const rows = parseCsv(await readFile(join(SHARED_DIR, 'datasets/airline-tweets/Tweets.csv'), 'utf8'));
  const header = rows[0] ?? [];
  const col = (name: string): number => header.indexOf(name);
  const [t, s, r] = [col('text'), col('airline_sentiment'), col('negativereason')];
  const out: AirlineTweet[] = [];
  for (const row of rows.slice(1)) {
    const sentiment = row[s];
    if (sentiment !== 'negative' && sentiment !== 'neutral' && sentiment !== 'positive') continue;
    out.push({
      text: (row[t] ?? '').replace(/&(amp|lt|gt|quot);/g, (m) => ENTITIES[m] ?? m),
      sentiment,
      reason: row[r] ?? '',
    });
  }
  return out;
}

/** The dataset's leaked category names ("Cancelled Flight", "Cancelled Flightled", "Late Flightr"), removed. */
export function withoutCategoryTokens(text: string): string {
  return text.replace(/\b(?:cancelled|late) flight\w*/gi, ' ');
}
