/** A header as a finite number, or undefined when missing or not numeric. */
export function headerNumber(headers: Headers, name: string): number | undefined {
  const raw = headers.get(name);
  if (raw === null || raw.trim() === '') return undefined;
  const n = Number(raw);
  return Number.isFinite(n) ? n : undefined;
}

/**
 * `Retry-After` as milliseconds from `now`: either delta-seconds or an HTTP date (RFC 9110 §10.2.3).
 * Undefined when absent or unparseable; never negative.
 */
export function parseRetryAfter(headers: Headers, now: number): number | undefined {
  const raw = headers.get('retry-after');
  if (raw === null) return undefined;
  const trimmed = raw.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** Epoch ms from a header holding epoch SECONDS (X's `x-rate-limit-reset`). */
export function epochSecondsHeader(headers: Headers, name: string): number | undefined {
  const s = headerNumber(headers, name);
  return s === undefined ? undefined : s * 1000;
}

/** Epoch ms from a header holding seconds FROM NOW (Reddit's `x-ratelimit-reset`). */
export function deltaSecondsHeader(headers: Headers, name: string, now: number): number | undefined {
  const s = headerNumber(headers, name);
  return s === undefined ? undefined : now + Math.ceil(s * 1000);
}
