import { MastoHttpError, MastoTimeoutError } from 'masto';
import type { PollOutcome, RateLimitInfo } from '../connector';
import { DEFAULT_RATE_LIMIT_WAIT_MS, headerNumber, parseRetryAfter } from '../http';

/** Mastodon's rate-limit headers; `x-ratelimit-reset` is an ISO 8601 date, not epoch seconds. */
export function mastodonRateLimit(headers: Headers): RateLimitInfo | undefined {
  const remaining = headerNumber(headers, 'x-ratelimit-remaining');
  const resetAt = Date.parse(headers.get('x-ratelimit-reset') ?? '');
  if (remaining === undefined || !Number.isFinite(resetAt)) return undefined;
  const limit = headerNumber(headers, 'x-ratelimit-limit');
  return { remaining, resetAt, ...(limit !== undefined ? { limit } : {}) };
}

function headersOf(error: MastoHttpError): Headers | undefined {
  return error.cause instanceof Response ? error.cause.headers : undefined;
}

function httpOutcome(error: MastoHttpError, now: number, secrets: (text: string) => string): PollOutcome {
  const message = secrets(`Mastodon HTTP ${error.statusCode}: ${error.message || 'error'}`);
  const headers = headersOf(error);
  if (error.statusCode === 429) {
    const reset = headers ? mastodonRateLimit(headers)?.resetAt : undefined;
    const retry = headers ? parseRetryAfter(headers, now) : undefined;
    const until = reset ?? (retry !== undefined ? now + retry : now + DEFAULT_RATE_LIMIT_WAIT_MS);
    return { kind: 'rate-limited', until: Math.max(until, now), message };
  }
  if (error.statusCode === 401 || error.statusCode === 403) return { kind: 'auth-error', message };
  if (error.statusCode >= 500 || error.statusCode === 408) {
    const retryAfterMs = headers ? parseRetryAfter(headers, now) : undefined;
    return retryAfterMs === undefined ? { kind: 'transient', message } : { kind: 'transient', message, retryAfterMs };
  }
  return { kind: 'config-error', message };
}

/**
 * Maps what masto throws to what the runtime does. masto throws MastoHttpError (with the Response as
 * `cause`) for JSON error bodies, MastoUnexpectedError when an error page is not JSON (a proxy's 502),
 * MastoTimeoutError for its own timeout, and the raw DOMException when our signal aborts.
 */
export function mastodonErrorOutcome(
  error: unknown,
  now: number,
  signal: AbortSignal,
  secrets: (text: string) => string,
): PollOutcome {
  if (error instanceof MastoHttpError) return httpOutcome(error, now, secrets);
  if (signal.aborted) return { kind: 'transient', message: 'Mastodon: aborted' };
  if (error instanceof MastoTimeoutError) return { kind: 'transient', message: 'Mastodon: request timed out' };
  const text = error instanceof Error ? `${error.name}: ${error.message}` : 'request failed';
  const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : '';
  return { kind: 'transient', message: secrets(`Mastodon: ${text}${cause}`) };
}
