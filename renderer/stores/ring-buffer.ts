/**
 * An immutable, newest-first buffer of keyed items capped by count and by age.
 * Every update returns a new buffer (new array, new Set), so zustand selectors see a change by identity.
 */
export interface RingBuffer<T> {
  /** Newest first. */
  readonly items: ReadonlyArray<T>;
  readonly keys: ReadonlySet<string>;
}

/** How a buffer caps and keys its items. */
export interface RingBufferPolicy<T> {
  readonly maxCount: number;
  /** Items whose time is older than `now - maxAgeMs` are dropped. */
  readonly maxAgeMs: number;
  readonly keyOf: (item: T) => string;
  readonly timeOf: (item: T) => number;
}

/** An empty buffer. */
export const emptyRingBuffer = <T>(): RingBuffer<T> => ({ items: [], keys: new Set() });

/**
 * Adds items (any order; duplicates by key are ignored, first seen wins), sorts the newcomers newest first,
 * puts them in front, then drops what is too old at `now` or beyond the count cap.
 */
export function pushAll<T>(
  buffer: RingBuffer<T>,
  incoming: ReadonlyArray<T>,
  policy: RingBufferPolicy<T>,
  now: number,
): RingBuffer<T> {
  const seen = new Set(buffer.keys);
  const fresh: T[] = [];
  for (const item of incoming) {
    const key = policy.keyOf(item);
    if (seen.has(key)) continue;
    seen.add(key);
    fresh.push(item);
  }
  if (fresh.length === 0 && !hasExpired(buffer, policy, now)) return buffer;
  fresh.sort((a, b) => policy.timeOf(b) - policy.timeOf(a));
  return trim([...fresh, ...buffer.items], policy, now);
}

/** Drops expired items at `now`; returns the same buffer when nothing expired. */
export function expire<T>(buffer: RingBuffer<T>, policy: RingBufferPolicy<T>, now: number): RingBuffer<T> {
  return hasExpired(buffer, policy, now) ? trim(buffer.items, policy, now) : buffer;
}

function hasExpired<T>(buffer: RingBuffer<T>, policy: RingBufferPolicy<T>, now: number): boolean {
  const oldest = buffer.items[buffer.items.length - 1];
  return oldest !== undefined && policy.timeOf(oldest) < now - policy.maxAgeMs;
}

function trim<T>(items: ReadonlyArray<T>, policy: RingBufferPolicy<T>, now: number): RingBuffer<T> {
  const cutoff = now - policy.maxAgeMs;
  const kept = items.filter((item) => policy.timeOf(item) >= cutoff).slice(0, policy.maxCount);
  return { items: kept, keys: new Set(kept.map(policy.keyOf)) };
}
