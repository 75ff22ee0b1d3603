/**
 * Source health in the team database (migration 9): one row per source, written by the hub that polls it, read by
 * the others when a team event of kind "health" names it, and all at once when a hub joins.
 */
import { SourceHealthSchema, type SourceHealth } from '../../../../shared/source-health';
import type { Queryable } from '../../store/postgres/connection';
import { safeJson } from './pg-events';

/** Saves the latest health of each of these sources as this hub saw it. */
export async function saveHealth(
  db: Queryable,
  hubId: string,
  sources: ReadonlyArray<SourceHealth>,
  at: number,
): Promise<void> {
  if (sources.length === 0) return;
  await db.query(
    `INSERT INTO source_health (source_id, hub_id, body, at)
     SELECT id, $1, body, $4 FROM unnest($2::text[], $3::text[]) AS s(id, body)
     ON CONFLICT (source_id) DO UPDATE SET hub_id = excluded.hub_id, body = excluded.body, at = excluded.at`,
    [hubId, sources.map((s) => s.sourceId), sources.map((s) => JSON.stringify(s)), at],
  );
}

/** The saved health of these sources (every source when `ids` is null); a row that does not parse is left out. */
export async function healthOf(db: Queryable, ids: ReadonlyArray<string> | null): Promise<SourceHealth[]> {
  const { rows } =
    ids === null
      ? await db.query<{ body: string }>('SELECT body FROM source_health ORDER BY source_id')
      : await db.query<{ body: string }>(
          'SELECT body FROM source_health WHERE source_id = ANY($1::text[]) ORDER BY source_id',
          [[...new Set(ids)]],
        );
  return rows.flatMap((r) => {
    const parsed = SourceHealthSchema.safeParse(safeJson(r.body));
    return parsed.success ? [parsed.data] : [];
  });
}
