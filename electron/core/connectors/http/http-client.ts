import type { PollOutcome } from '../connector';

/** Default per-request timeout when a source config sets none. */
export const DEFAULT_TIMEOUT_MS = 15_000;

/** One HTTP request, as every fetch-based connector makes it. */
export interface HttpRequest {
  readonly url: string;
  readonly method?: 'GET' | 'POST';
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
  /** The poll's signal: aborting it aborts the request. */
  readonly signal: AbortSignal;
  readonly timeoutMs: number;
}

/** A response that arrived (any status), with its body parsed as JSON when it was JSON. */
export interface HttpResponse {
  readonly status: number;
  readonly headers: Headers;
  /** Parsed JSON, the raw text when it was not JSON, or null when empty. */
  readonly body: unknown;
}

/** Why no response arrived. `aborted` is the caller's signal; `timeout` is our own deadline. */
export type HttpFailure =
  | { readonly kind: 'aborted'; readonly message: string }
  | { readonly kind: 'timeout'; readonly message: string }
  | { readonly kind: 'network'; readonly message: string };

/** The outcome of one request: a response of any status, or a failure to get one. Never throws. */
export type HttpResult =
  { readonly ok: true; readonly response: HttpResponse } | { readonly ok: false; readonly failure: HttpFailure };

/**
 * Sends one request with the caller's AbortSignal combined with a timeout, and reads the body.
 * Error messages name the host and path only: never query strings or headers (which may hold credentials).
 */
export async function sendRequest(fetchFn: typeof fetch, req: HttpRequest): Promise<HttpResult> {
  const timeout = AbortSignal.timeout(req.timeoutMs);
  const signal = AbortSignal.any([req.signal, timeout]);
  const where = describeUrl(req.url);
  try {
    const res = await fetchFn(req.url, { method: req.method ?? 'GET', headers: req.headers, body: req.body, signal });
    const text = await res.text();
    return { ok: true, response: { status: res.status, headers: res.headers, body: parseBody(text) } };
  } catch (cause) {
    if (req.signal.aborted) return { ok: false, failure: { kind: 'aborted', message: `${where}: aborted` } };
    if (timeout.aborted)
      return { ok: false, failure: { kind: 'timeout', message: `${where}: timed out after ${req.timeoutMs} ms` } };
    return { ok: false, failure: { kind: 'network', message: `${where}: ${errorText(cause)}` } };
  }
}

/** "host/path" of a URL, without query string or userinfo. */
export function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.host}${u.pathname}`;
  } catch {
    return 'invalid URL';
  }
}

function parseBody(text: string): unknown {
  if (text.length === 0) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function errorText(cause: unknown): string {
  if (cause instanceof Error) {
    const inner = cause.cause instanceof Error ? `: ${cause.cause.message}` : '';
    return `${cause.message}${inner}`;
  }
  return 'request failed';
}

/** The PollOutcome for a request that got no response. */
export function failureOutcome(failure: HttpFailure): PollOutcome {
  return { kind: 'transient', message: failure.message };
}
