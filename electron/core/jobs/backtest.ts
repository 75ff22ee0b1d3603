/**
 * Backtest: re-runs incident detection with given settings over stored history or an export file and
 * returns what it would have raised. The `earshot backtest` command parses arguments and prints; this runs.
 */
import { readFile } from 'node:fs/promises';
import type { Incident } from '../../../shared/incident';
import type { Channel, Mention } from '../../../shared/mention';
import { parseRows, type ReplayFormat } from '../connectors/replay/replay-index';
import { mapRow } from '../connectors/replay/row-mapper';
import { REPLAY_WATCHLIST } from '../connectors/replay/replay-factory';
import { createDataTimeFeed, createDefaultIncidentEngine, finishReplay, type IncidentParams } from '../incidents';
import type { Enricher } from '../pipeline/enrich';
import { enrichMention } from '../pipeline/enrich/enrich-mention';
import { normalizeMention } from '../pipeline/normalize';
import type { Store } from '../store/repository';

const DAY = 86_400_000;

/** A stored period to re-run. */
export interface StoreBacktest {
  readonly store: Store;
  readonly from: number;
  readonly to: number;
  readonly watchlist?: string;
  readonly params: IncidentParams;
}

/** Re-runs detection over the store's mentions in [from, to), read a day at a time. */
export async function backtestStore(options: StoreBacktest): Promise<ReadonlyArray<Incident>> {
  const engine = createDefaultIncidentEngine(options.params);
  const feed = createDataTimeFeed(engine);
  let last: number | null = null;
  for (let start = options.from; start < options.to; start += DAY) {
    const chunk = await options.store.mentionsBetween({
      from: start,
      to: Math.min(options.to, start + DAY),
      ...(options.watchlist ? { watchlist: options.watchlist } : {}),
    });
    feed.feed(chunk);
    last = chunk.at(-1)?.createdAt ?? last;
  }
  return finishReplay(engine, last);
}

/** How an export file's rows become mentions. */
export interface FileMentionsOptions {
  readonly format: ReplayFormat;
  readonly channel: Channel;
  /** Column naming each row's watchlist. */
  readonly watchlistColumn?: string;
  /** Watchlist for rows that name none (default "replay", as `earshot replay` attributes them). */
  readonly watchlist?: string;
  readonly enricher: Enricher;
}

/**
 * Reads and enriches an export file's rows (parsed as replay parses them) into mentions, in time order (ties in
 * file order, as replay releases them), each id once: the first, as the store keeps it when replay commits it.
 */
export async function mentionsFromFile(
  path: string,
  options: FileMentionsOptions,
): Promise<{ mentions: Mention[]; rejected: number }> {
  const { rows, rejected: unreadable } = parseRows(await readFile(path, 'utf8'), options.format);
  const mentions: Mention[] = [];
  let rejected = unreadable;
  const column = options.watchlistColumn?.toLowerCase();
  for (const row of rows) {
    const raw = mapRow(row, options.channel);
    if (!raw.ok) {
      rejected++;
      continue;
    }
    const cell = column === undefined ? undefined : row[column];
    const watchlist =
      typeof cell === 'string' && cell !== '' ? cell : (raw.value.watchlist ?? options.watchlist ?? REPLAY_WATCHLIST);
    const normalized = normalizeMention(raw.value, { sourceId: 'backtest', receivedAt: raw.value.createdAt });
    const { claimedWatchlist: _claimed, ...enriched } = enrichMention(normalized, options.enricher);
    mentions.push({ ...enriched, watchlist });
  }
  mentions.sort((a, b) => a.createdAt - b.createdAt);
  return { mentions: firstOfEachId(mentions), rejected };
}

/** Keeps the first mention of each external id (the file's repeated rows are the store's duplicates). */
function firstOfEachId(mentions: ReadonlyArray<Mention>): Mention[] {
  const seen = new Set<string>();
  const out: Mention[] = [];
  for (const m of mentions) {
    if (seen.has(m.externalId)) continue;
    seen.add(m.externalId);
    out.push(m);
  }
  return out;
}

/** Re-runs detection over an export file; `rejected` counts rows that could not be read. */
export async function backtestFile(
  path: string,
  options: FileMentionsOptions & { readonly params: IncidentParams },
): Promise<{ incidents: ReadonlyArray<Incident>; rejected: number }> {
  const { mentions, rejected } = await mentionsFromFile(path, options);
  const engine = createDefaultIncidentEngine(options.params);
  createDataTimeFeed(engine).feed(mentions);
  return { incidents: finishReplay(engine, mentions.at(-1)?.createdAt ?? null), rejected };
}
