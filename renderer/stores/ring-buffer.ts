/**
 * An immutable, newest-first buffer of keyed items capped by count and by age.
 * Every update returns a new buffer (new array, new Set), so zustand selectors see a change by identity.
 */
export interface RingBuffer<T> {
  /** Newest first by `orderOf`. */
  readonly items: ReadonlyArray<T>;
  readonly keys: ReadonlySet<string>;
}

/** How a buffer orders, ages, caps and keys its items. */
export interface RingBufferPolicy<T> {
  readonly maxCount: number;
  /** Items whose `ageOf` is older than `now - maxAgeMs` are dropped. */
  readonly maxAgeMs: number;
  readonly keyOf: (item: T) => string;
  /** Sort time (newest first); over the count cap the oldest by this time go. */
  readonly orderOf: (item: T) => number;
  /** Age time, compared with `now`. */
  readonly ageOf: (item: T) => number;
}

/** An empty buffer. */
export const emptyRingBuffer = <T>(): RingBuffer<T> => ({ items: [], keys: new Set() });

/**
 * Adds items (any order; duplicates by key are ignored, first seen wins), merges them into place by
 * `orderOf`, then drops what is too old at `now` or beyond the count cap.
 */
export function pushAll<T>(
  buffer: RingBuffer<T>,
  incoming: ReadonlyArray<T>,
  policy: RingBufferPolicy<T>,
  now: number,
): RingBuffer<T> {
  const seen = new Set<string>();
  const fresh: T[] = [];
  for (const item of incoming) {
    const key = policy.keyOf(item);
    if (buffer.keys.has(key) || seen.has(key)) continue;
    seen.add(key);
    fresh.push(item);
  }
  if (fresh.length === 0) return expire(buffer, policy, now);
  fresh.sort((a, b) => policy.orderOf(b) - policy.orderOf(a));
  return trim(mergeNewestFirst(buffer.items, fresh, policy.orderOf), policy, now);
}

/** Drops expired items at `now`; returns the same buffer when nothing expired. */
export function expire<T>(buffer: RingBuffer<T>, policy: RingBufferPolicy<T>, now: number): RingBuffer<T> {
  const cutoff = now - policy.maxAgeMs;
  return buffer.items.some((item) => policy.ageOf(item) < cutoff) ? trim(buffer.items, policy, now) : buffer;
}

function mergeNewestFirst<T>(a: ReadonlyArray<T>, b: ReadonlyArray<T>, orderOf: (item: T) => number): T[] {
  const out: T[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const x = a[i];
    const y = b[j];
    if (x !== undefined && (y === undefined || orderOf(x) >= orderOf(y))) {
      out.push(x);
      i++;
    } else if (y !== undefined) {
      out.push(y);
      j++;
    }
  }
  return out;
}

function trim<T>(items: ReadonlyArray<T>, policy: RingBufferPolicy<T>, now: number): RingBuffer<T> {
  const cutoff = now - policy.maxAgeMs;
  const kept = items.filter((item) => policy.ageOf(item) >= cutoff).slice(0, policy.maxCount);
  return { items: kept, keys: new Set(kept.map(policy.keyOf)) };
}
