import { XRPCError } from '@atproto/api';
import type { PollOutcome, RateLimitInfo } from '../connector';
import { DEFAULT_RATE_LIMIT_WAIT_MS, parseRetryAfter } from '../http';
import { errorMessage } from '../../../../shared/result';

type HeaderBag = Readonly<Record<string, string | undefined>>;

const num = (headers: HeaderBag | undefined, name: string): number | undefined => {
  const raw = headers?.[name];
  const n = raw === undefined || raw.trim() === '' ? NaN : Number(raw);
  return Number.isFinite(n) ? n : undefined;
};

/** Bluesky's `ratelimit-*` headers (IETF draft names); `ratelimit-reset` is epoch SECONDS. */
export function blueskyRateLimit(headers: HeaderBag | undefined): RateLimitInfo | undefined {
  const remaining = num(headers, 'ratelimit-remaining');
  const reset = num(headers, 'ratelimit-reset');
  if (remaining === undefined || reset === undefined) return undefined;
  const limit = num(headers, 'ratelimit-limit');
  return { remaining, resetAt: reset * 1000, ...(limit !== undefined ? { limit } : {}) };
}

const AUTH_ERRORS = new Set([
  'ExpiredToken',
  'InvalidToken',
  'AuthenticationRequired',
  'AccountTakedown',
  'AuthFactorTokenRequired',
]);

/** True for errors a fresh login may cure (an expired or revoked session). */
export function isSessionError(error: unknown): boolean {
  return error instanceof XRPCError && (error.status === 401 || AUTH_ERRORS.has(error.error));
}

/**
 * Maps what @atproto/api throws (XRPCError with status, `error` name, message and headers; XRPCInvalidResponseError
 * for bodies failing the lexicon) to what the runtime does.
 */
export function blueskyErrorOutcome(error: unknown, now: number, signal: AbortSignal, timedOut: boolean): PollOutcome {
  if (signal.aborted) return { kind: 'transient', message: 'Bluesky: aborted' };
  if (timedOut) return { kind: 'transient', message: 'Bluesky: request timed out' };
  if (!(error instanceof XRPCError))
    return { kind: 'transient', message: `Bluesky: ${errorMessage(error, 'request failed')}` };
  const message = `Bluesky ${error.error ?? 'error'}: ${error.message}`.slice(0, 300);
  if (error.status === 429) {
    const until = blueskyRateLimit(error.headers)?.resetAt ?? now + DEFAULT_RATE_LIMIT_WAIT_MS;
    return { kind: 'rate-limited', until: Math.max(until, now), message };
  }
  if (isSessionError(error) || error.status === 403) return { kind: 'auth-error', message };
  if (error.status === 400 && error.error === 'BadQueryString') return { kind: 'config-error', message };
  const retryAfter = error.headers?.['retry-after'];
  const retryAfterMs =
    retryAfter === undefined ? undefined : parseRetryAfter(new Headers({ 'retry-after': retryAfter }), now);
  return retryAfterMs === undefined ? { kind: 'transient', message } : { kind: 'transient', message, retryAfterMs };
}
