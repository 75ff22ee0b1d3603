import { MINUTE_MS } from '../../../shared/series';
import type { SourceHealth } from '../../../shared/source-health';
import { isSourceDown, SourceDownSpanSchema, type SourceDownSpan } from '../../../shared/wall';
import type { Logger } from '../runtime/logger';
import type { Store } from '../store/repository';

/** Where the spans live in the store's key/value state. */
export const SOURCE_HISTORY_STATE_KEY = 'wall:sources-down';
/** Spans kept (all sources together), and for how long: enough for the display's day and a restart or two. */
export const MAX_DOWN_SPANS = 1_000;
const KEEP_MS = 36 * 24 * 60 * MINUTE_MS;

/** A saved span: `to` null while the source is still down. */
interface SavedSpan extends Omit<SourceDownSpan, 'to'> {
  readonly to: number | null;
}

/**
 * The hub's record of when each source was down (the pollers' health transitions), so the wall draws a source's
 * past, recovered outage as a gap and never as zero. Bounded by count and age; saved on every transition.
 */
export interface SourceHistory {
  /** Reads the saved spans; a span left open by a hub that died is closed at `now`. */
  load(now: number): Promise<void>;
  /** One source's new health: opens a span when it goes down (from its last good poll), closes it on recovery. */
  observe(health: SourceHealth, now: number): void;
  /** Closes every open span at `now` (the hub stops: its own downtime is the uptime log's) and saves. */
  close(now: number): Promise<void>;
  /** Spans overlapping [from, to], open ones reaching `now`. */
  spans(from: number, to: number, now: number): ReadonlyArray<SourceDownSpan>;
  /** Resolves when every save so far has been written. */
  saved(): Promise<void>;
}

/** Drops spans that ended before `now - KEEP_MS` and keeps the newest MAX_DOWN_SPANS (pure). */
export function boundSpans<T extends SavedSpan>(spans: ReadonlyArray<T>, now: number): T[] {
  const kept = spans.filter((s) => s.to === null || s.to >= now - KEEP_MS);
  return kept.slice(-MAX_DOWN_SPANS);
}

const SavedSchema = SourceDownSpanSchema.extend({ to: SourceDownSpanSchema.shape.to.nullable() });

function parseSaved(value: unknown): SavedSpan[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((v) => {
    const parsed = SavedSchema.safeParse(v);
    return parsed.success ? [parsed.data] : [];
  });
}

/** The source history over the store's state table. */
export function createSourceHistory(store: Store, logger: Logger): SourceHistory {
  const log = logger.child({ module: 'source-history' });
  let spans: SavedSpan[] = [];
  let writes: Promise<void> = Promise.resolve();
  const save = (): void => {
    const value = [...spans];
    writes = writes
      .then(() => store.setState(SOURCE_HISTORY_STATE_KEY, value))
      .catch((e: unknown) => log.error({ err: e }, 'saving source history failed'));
  };
  const openOf = (sourceId: string): number => spans.findIndex((s) => s.sourceId === sourceId && s.to === null);
  return {
    async load(now) {
      const saved = parseSaved(await store.getState<unknown>(SOURCE_HISTORY_STATE_KEY));
      spans = boundSpans(
        saved.map((s) => (s.to === null ? { ...s, to: now } : s)),
        now,
      );
    },
    observe(health, now) {
      const open = openOf(health.sourceId);
      if (isSourceDown(health) && open < 0) {
        const from = Math.min(now, health.lastSuccessAt ?? now);
        spans = boundSpans([...spans, { sourceId: health.sourceId, kind: health.kind, from, to: null }], now);
        save();
      } else if (!isSourceDown(health) && open >= 0) {
        spans = spans.map((s, i) => (i === open ? { ...s, to: Math.max(s.from, now) } : s));
        save();
      }
    },
    async close(now) {
      if (!spans.some((s) => s.to === null)) return writes;
      spans = spans.map((s) => (s.to === null ? { ...s, to: Math.max(s.from, now) } : s));
      save();
      return writes;
    },
    spans(from, to, now) {
      return spans
        .map((s): SourceDownSpan => ({ ...s, to: s.to ?? Math.max(s.from, now) }))
        .filter((s) => s.to >= from && s.from <= to);
    },
    saved: () => writes,
  };
}
