import { generateRange } from '../../../electron/core/connectors/simulator/generate';

/** One item of `POST /api/ingest/{sourceId}` (see electron/core/connectors/ingest/ingest-schema.ts). */
export interface IngestItem {
  readonly externalId: string;
  readonly text: string;
  readonly createdAt: number;
  readonly author: string;
  readonly watchlist: string;
}

/** The watchlist the everyday traffic belongs to. */
export const BASELINE_WATCHLIST = 'nimbus-bank';

/**
 * Varied everyday posts about the brand: the simulator's quiet scenario (praise, complaints, questions, chatter,
 * other languages; no scripted episodes), as texts and authors to cycle through.
 */
export function baselinePool(size: number): ReadonlyArray<{ readonly text: string; readonly author: string }> {
  const start = Date.UTC(2026, 0, 6, 10, 0, 0);
  const options = {
    seed: 11,
    brand: 'Nimbus Bank',
    ratePerMinute: 3000,
    scenario: 'quiet' as const,
    utcOffsetMinutes: 0,
  };
  const pool: Array<{ text: string; author: string }> = [];
  for (let from = start; pool.length < size; from += 60_000) {
    for (const m of generateRange(options, start, from, from + 60_000))
      pool.push({ text: m.text, author: m.author.handle });
  }
  return pool.slice(0, size);
}

const SURGES: ReadonlyArray<{ readonly topic: string; readonly lines: ReadonlyArray<string> }> = [
  {
    topic: 'login',
    lines: [
      "can't log in to the app, it keeps saying my password is wrong",
      'locked out of my account again, login just spins',
      'login broken?? been logged out three times this morning',
      'two factor code never arrives, cannot sign in at all',
    ],
  },
  {
    topic: 'outage',
    lines: [
      'is the app down for everyone? nothing loads',
      'website down again, error 503 every time',
      'app not working at all, cannot connect to the server',
      'service down for an hour now, this is ridiculous',
    ],
  },
  {
    topic: 'payment',
    lines: [
      'my card declined at checkout three times, payment failed',
      'charged twice for the same transaction, fix this',
      'payment failed again and the money left my account',
      'direct debit bounced, billing is a mess today',
    ],
  },
  {
    topic: 'refund',
    lines: [
      'still waiting for my refund, two weeks now',
      'where is my money back? refund never came',
      'refund rejected for no reason, I want my money',
      'they promised a refund and nothing, terrible',
    ],
  },
];

/** The failure topic of the `n`th surge (they rotate) and `count` varied complaints about it. */
export function surgeTexts(n: number, count: number): { readonly topic: string; readonly texts: string[] } {
  const surge = SURGES[n % SURGES.length]!;
  const texts = Array.from({ length: count }, (_, i) => {
    const line = surge.lines[i % surge.lines.length]!;
    return `${line} 😡 (${n}-${i})`;
  });
  return { topic: surge.topic, texts };
}
