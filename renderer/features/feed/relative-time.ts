/** A compact duration: "45s", "3m", "2h 5m", "3d 4h". Negative durations count as zero. */
export function formatDuration(ms: number): string {
  const s = Math.floor(Math.max(0, ms) / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 24) return m % 60 === 0 ? `${h}h` : `${h}h ${m % 60}m`;
  const d = Math.floor(h / 24);
  return h % 24 === 0 ? `${d}d` : `${d}d ${h % 24}h`;
}

/**
 * How long ago `then` was at hub time `now`: "just now" under 10 s (and for times slightly in the
 * future, which a sped-up hub clock or source skew can produce), else "3m ago".
 */
export function formatRelative(then: number, now: number): string {
  const ms = now - then;
  if (ms < 10_000) return 'just now';
  return `${formatDuration(ms)} ago`;
}

/** A follower count in short form: 950, 12.3k, 80k, 1.2M. */
export function formatCount(n: number): string {
  if (n < 1000) return String(n);
  if (n < 1_000_000) return `${trimZero((n / 1000).toFixed(n < 10_000 ? 1 : 0))}k`;
  return `${trimZero((n / 1_000_000).toFixed(1))}M`;
}

const trimZero = (s: string): string => (s.endsWith('.0') ? s.slice(0, -2) : s);
