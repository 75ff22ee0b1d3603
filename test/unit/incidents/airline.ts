import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parseCsv } from '../../../electron/core/connectors/replay/csv-parser';
import { parseTimestamp } from '../../../electron/core/connectors/replay/timestamps';
import { decodeEntities } from '../../../electron/core/connectors/html-to-text';
import type { Enrichment, Mention } from '../../../shared/mention';

/**
 * The repo's own airline-shaped fixture: synthetic tweets in the exact layout of the airline tweets export
 * (`Tweets.csv`), with a DFW cancellation storm, a celebration burst and a quiet airline. See its README.
 */
export const AIRLINE_FIXTURE = fileURLToPath(new URL('../../fixtures/airline/synthetic-tweets.csv', import.meta.url));

/** One row of an airline export, by column. */
export type AirlineRow = Readonly<Record<string, string>>;

/** Reads a file in the airline export's layout with the replay connector's CSV parser; rows keyed by header. */
export async function readAirlineRows(path: string): Promise<AirlineRow[]> {
  const records = parseCsv(await readFile(path));
  const header = (records[0]?.fields ?? []).map((h) => h.trim().toLowerCase());
  return records.slice(1).map((r) => Object.fromEntries(header.map((h, i) => [h, r.fields[i] ?? ''])));
}

/** Turns airline rows into mentions, one watchlist per airline, enriched by `enrich`. */
export function airlineMentions(
  rows: ReadonlyArray<AirlineRow>,
  enrich: (text: string, row: AirlineRow) => Enrichment,
): Mention[] {
  const out: Mention[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    const createdAt = parseTimestamp(row.tweet_created);
    const id = row.tweet_id ?? '';
    if (createdAt === null || id === '' || seen.has(id)) continue;
    seen.add(id);
    const text = decodeEntities(row.text ?? '');
    const enrichment = enrich(text, row);
    out.push({
      id: `airline:${id}`,
      sourceId: 'airline',
      channel: 'x',
      externalId: id,
      url: `https://twitter.com/${row.name ?? 'i'}/status/${id}`,
      author: { handle: row.name ?? 'unknown' },
      text,
      language: enrichment.language,
      createdAt,
      receivedAt: createdAt,
      watchlist: row.airline ?? 'unknown',
      metadata: {},
      enrichment,
    });
  }
  return out;
}
