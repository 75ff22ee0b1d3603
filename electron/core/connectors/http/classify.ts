import { appError, err, type Result } from '../../../../shared/result';
import type { PollOutcome } from '../connector';
import type { HttpResponse } from './http-client';
import { parseRetryAfter } from './headers';

/** How long to wait after a 429 that carried no usable reset information. */
export const DEFAULT_RATE_LIMIT_WAIT_MS = 60_000;

/** Options for mapping a non-2xx response to a PollOutcome. */
export interface ClassifyOptions {
  readonly now: number;
  /** The source's own reset time for a 429 (epoch ms), from its headers; Retry-After is the fallback. */
  readonly rateLimitResetAt?: number;
  /** A short label for messages, e.g. "Reddit". */
  readonly source: string;
}

/**
 * Maps an HTTP error status to what the runtime should do: 429 → rate-limited until the reset,
 * 401/403 → auth-error, 5xx/408 → transient (honouring Retry-After), other 4xx → config-error.
 */
export function classifyHttpError(res: HttpResponse, opts: ClassifyOptions): PollOutcome {
  const detail = errorDetail(res.body);
  const message = `${opts.source} HTTP ${res.status}${detail ? `: ${detail}` : ''}`;
  const retryAfterMs = parseRetryAfter(res.headers, opts.now);
  if (res.status === 429) {
    const until =
      opts.rateLimitResetAt ??
      (retryAfterMs !== undefined ? opts.now + retryAfterMs : opts.now + DEFAULT_RATE_LIMIT_WAIT_MS);
    return { kind: 'rate-limited', until: Math.max(until, opts.now), message };
  }
  if (res.status === 401 || res.status === 403) return { kind: 'auth-error', message };
  if (res.status >= 500 || res.status === 408) {
    return retryAfterMs !== undefined ? { kind: 'transient', message, retryAfterMs } : { kind: 'transient', message };
  }
  return { kind: 'config-error', message };
}

/** A short reason from a JSON error body ({detail}, {message}, {error}, {title}, {errors:[…]}, Apigee {fault:{faultstring}}). */
export function errorDetail(body: unknown): string | undefined {
  if (typeof body === 'string') return body.trimStart().startsWith('<') ? undefined : clip(body);
  if (typeof body !== 'object' || body === null) return undefined;
  const rec = body as Record<string, unknown>;
  const fault = rec.fault;
  if (
    typeof fault === 'object' &&
    fault !== null &&
    typeof (fault as Record<string, unknown>).faultstring === 'string'
  ) {
    return clip((fault as Record<string, string>).faultstring as string);
  }
  for (const key of ['detail', 'message', 'error_description', 'error', 'title', 'reason']) {
    const v = rec[key];
    if (typeof v === 'string' && v.length > 0) return clip(v);
  }
  const errors = rec.errors;
  if (Array.isArray(errors) && errors.length > 0) return errorDetail(errors[0]);
  return undefined;
}

function clip(s: string): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > 200 ? `${one.slice(0, 197)}...` : one;
}

/** A failed poll's outcome as the readable error a "test connection" shows; `redact` strips secrets from it. */
export function outcomeError(outcome: PollOutcome, redact: (text: string) => string = (t) => t): Result<never> {
  return err(appError(outcome.kind, 'message' in outcome ? redact(outcome.message) : outcome.kind));
}
