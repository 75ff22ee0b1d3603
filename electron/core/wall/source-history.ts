import { MINUTE_MS } from '../../../shared/series';
import type { SourceHealth } from '../../../shared/source-health';
import { isSourceDown, SourceDownSpanSchema, type SourceDownSpan } from '../../../shared/wall';
import type { Logger } from '../runtime/logger';
import type { Store } from '../store/repository';

/** Where one source's spans live in the store's key/value state (one key per source: one hub polls it at a time). */
export const sourceHistoryKey = (sourceId: string): string => `wall:source-down:${sourceId}`;
/** Spans kept per source, and for how long: enough for the display's day and many restarts. */
export const MAX_DOWN_SPANS = 200;
const KEEP_MS = 36 * 24 * 60 * MINUTE_MS;

/** A saved span: `to` null while the source is still down. */
interface SavedSpan extends Omit<SourceDownSpan, 'to'> {
  readonly to: number | null;
}

/**
 * The hub's record of when each source was down (the pollers' health transitions), so the wall draws a source's
 * past, recovered outage as a gap and never as zero. Bounded by count and age; saved on every transition, per
 * source, so in a team each source's history is written by the one hub polling it and read by every hub.
 */
export interface SourceHistory {
  /** One source's new health: opens a span when it goes down (from its last good poll), closes it on recovery. */
  observe(health: SourceHealth, now: number): void;
  /** Closes the open spans of the sources this hub polled at `now` (it stops: its downtime is the uptime log's). */
  close(now: number): Promise<void>;
  /** The spans of every configured source overlapping [from, to], open ones reaching `now`. */
  spans(from: number, to: number, now: number): Promise<ReadonlyArray<SourceDownSpan>>;
  /** Resolves when every observation so far has been saved. */
  saved(): Promise<void>;
}

/** Drops spans that ended before `now - KEEP_MS` and keeps the newest MAX_DOWN_SPANS (pure). */
export function boundSpans<T extends SavedSpan>(spans: ReadonlyArray<T>, now: number): T[] {
  return spans.filter((s) => s.to === null || s.to >= now - KEEP_MS).slice(-MAX_DOWN_SPANS);
}

const SavedSchema = SourceDownSpanSchema.extend({ to: SourceDownSpanSchema.shape.to.nullable() });

function parseSaved(value: unknown): SavedSpan[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((v) => {
    const parsed = SavedSchema.safeParse(v);
    return parsed.success ? [parsed.data] : [];
  });
}

/** The next spans of one source after a health report (pure): a span opens on going down, closes on recovery. */
export function nextSpans(spans: ReadonlyArray<SavedSpan>, health: SourceHealth, now: number): SavedSpan[] | null {
  const open = spans.findIndex((s) => s.to === null);
  if (isSourceDown(health) && open < 0) {
    const from = Math.min(now, health.lastSuccessAt ?? now);
    return boundSpans([...spans, { sourceId: health.sourceId, kind: health.kind, from, to: null }], now);
  }
  if (!isSourceDown(health) && open >= 0)
    return spans.map((s, i) => (i === open ? { ...s, to: Math.max(s.from, now) } : s));
  return null;
}

/** The source history of the configured sources, over the store's state table. */
export function createSourceHistory(store: Store, logger: Logger, sourceIds: ReadonlyArray<string>): SourceHistory {
  const log = logger.child({ module: 'source-history' });
  /** The sources this hub has polled (whose open spans it closes when it stops). */
  const polled = new Set<string>();
  let queue: Promise<void> = Promise.resolve();
  const later = (task: () => Promise<void>): Promise<void> => {
    queue = queue.then(task).catch((e: unknown) => log.error({ err: e }, 'saving source history failed'));
    return queue;
  };
  const read = async (id: string): Promise<SavedSpan[]> =>
    parseSaved(await store.getState<unknown>(sourceHistoryKey(id))).filter((s) => s.sourceId === id);
  const write = (id: string, spans: SavedSpan[]): Promise<void> => store.setState(sourceHistoryKey(id), spans);
  // Every report reads the store, never a copy: in a team the hub polling a source may change (leases).
  return {
    observe(health, now) {
      const id = health.sourceId;
      polled.add(id);
      void later(async () => {
        const next = nextSpans(await read(id), health, now);
        if (next !== null) await write(id, next);
      });
    },
    close(now) {
      return later(async () => {
        for (const id of polled) {
          const spans = await read(id);
          if (!spans.some((s) => s.to === null)) continue;
          await write(
            id,
            spans.map((s) => (s.to === null ? { ...s, to: Math.max(s.from, now) } : s)),
          );
        }
      });
    },
    async spans(from, to, now) {
      await queue;
      const all = await Promise.all(sourceIds.map(read));
      return all
        .flat()
        .map((s): SourceDownSpan => ({ ...s, to: s.to ?? Math.max(s.from, now) }))
        .filter((s) => s.to >= from && s.from <= to);
    },
    saved: () => queue,
  };
}
