/**
 * Reads the time formats export files use: ISO 8601 with or without `T`, seconds, fractions and an offset
 * (`2015-02-24 11:35:52 -0800`, `2026-01-05T09:00:00Z`, `...+01:00`), Twitter's classic
 * `Tue Feb 24 11:35:52 +0000 2015`, and epoch seconds or milliseconds (numbers or digit strings; values
 * below 1e11 are seconds). A date-time without an offset is taken as UTC.
 */

const ISO_LIKE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$/;
const EPOCH = /^-?\d{1,16}(?:\.\d+)?$/;
const SECONDS_LIMIT = 1e11;

/** Epoch ms for `value`, or null when it is not a time we understand. */
export function parseTimestamp(value: unknown): number | null {
  if (typeof value === 'number') return fromEpoch(value);
  if (typeof value !== 'string') return null;
  const text = value.trim();
  if (text === '') return null;
  if (EPOCH.test(text)) return fromEpoch(Number(text));
  const iso = ISO_LIKE.exec(text);
  if (iso) return fromIsoParts(iso);
  const parsed = Date.parse(text);
  return Number.isFinite(parsed) ? parsed : null;
}

function fromEpoch(n: number): number | null {
  if (!Number.isFinite(n)) return null;
  return Math.round(Math.abs(n) < SECONDS_LIMIT ? n * 1000 : n);
}

function fromIsoParts(m: RegExpExecArray): number | null {
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', zone] = m;
  const ms = Number(frac.padEnd(3, '0').slice(0, 3));
  const local = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms);
  if (!Number.isFinite(local) || Number(mo) > 12 || Number(d) > 31 || Number(h) > 23 || Number(mi) > 59) return null;
  return local - offsetMinutes(zone) * 60_000;
}

function offsetMinutes(zone: string | undefined): number {
  if (!zone || /^(z|utc|gmt)$/i.test(zone)) return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
  return sign * (hours * 60 + minutes);
}
