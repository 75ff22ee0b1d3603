import { Agent as HttpAgent } from 'node:http';
import {
  ApiPartialResponseError,
  ApiRequestError,
  ApiResponseError,
  TwitterApi,
  type ITwitterApiClientPlugin,
} from 'twitter-api-v2';
import type { PollOutcome, RateLimitInfo } from '../connector';
import { classifyHttpError, redactSecrets } from '../http';
import { errorMessage } from '../../../../shared/result';

/** One recent-search request's parameters (strings, as they go on the wire). */
export type SearchParams = Readonly<Record<string, string>>;

/** A page as the API returned it (validated by the caller) with the rate-limit state of its headers. */
export type SearchResult =
  | { readonly ok: true; readonly body: unknown; readonly rateLimit?: RateLimitInfo }
  | { readonly ok: false; readonly outcome: PollOutcome };

/** The fields every search requests. */
export const SEARCH_FIELDS = {
  expansions: 'author_id',
  'user.fields': 'public_metrics,verified',
  'tweet.fields': 'created_at,lang,public_metrics,author_id',
} as const;

const plainHttpAgent = new HttpAgent({ keepAlive: false });

/**
 * twitter-api-v2 has no base-URL option: this request plugin rewrites each request's URL to `baseUrl`
 * (a proxy, or a loopback fake), switches to a plain-HTTP agent for http:// targets (the library always
 * uses https.request), and attaches the poll's AbortSignal and a socket timeout.
 */
export function requestPlugin(baseUrl: string, signal: AbortSignal, timeoutMs: number): ITwitterApiClientPlugin {
  const target = new URL(baseUrl);
  const prefix = target.pathname.replace(/\/$/, '');
  return {
    onBeforeRequest({ computedParams, requestOptions }) {
      const url = computedParams.url;
      url.protocol = target.protocol;
      url.host = target.host;
      if (prefix && !url.pathname.startsWith(`${prefix}/`)) url.pathname = `${prefix}${url.pathname}`;
      if (target.protocol === 'http:') requestOptions.agent = plainHttpAgent;
      requestOptions.signal = signal;
      requestOptions.timeout = timeoutMs;
    },
  };
}

/** Runs one `GET /2/tweets/search/recent` with the real client. Never throws; the token never appears in messages. */
export async function searchRecent(opts: {
  readonly bearerToken: string;
  readonly baseUrl: string;
  readonly params: SearchParams;
  readonly signal: AbortSignal;
  readonly timeoutMs: number;
  readonly now: number;
}): Promise<SearchResult> {
  const client = new TwitterApi(opts.bearerToken, {
    plugins: [requestPlugin(opts.baseUrl, opts.signal, opts.timeoutMs)],
  });
  try {
    const res = await client.v2.get('tweets/search/recent', { ...opts.params }, { fullResponse: true });
    const rl = res.rateLimit;
    const rateLimit: RateLimitInfo | undefined = rl
      ? { limit: rl.limit, remaining: rl.remaining, resetAt: rl.reset * 1000 }
      : undefined;
    return rateLimit ? { ok: true, body: res.data as unknown, rateLimit } : { ok: true, body: res.data as unknown };
  } catch (error) {
    return { ok: false, outcome: scrub(errorOutcome(error, opts.now, opts.signal), opts.bearerToken) };
  }
}

function errorOutcome(error: unknown, now: number, signal: AbortSignal): PollOutcome {
  if (error instanceof ApiResponseError) {
    const headers = new Headers();
    for (const [k, v] of Object.entries(error.headers ?? {})) if (typeof v === 'string') headers.set(k, v);
    const resetAt = error.rateLimit?.reset ? error.rateLimit.reset * 1000 : undefined;
    return classifyHttpError(
      { status: error.code, headers, body: error.data },
      { now, source: 'X', ...(resetAt !== undefined ? { rateLimitResetAt: resetAt } : {}) },
    );
  }
  if (signal.aborted) return { kind: 'transient', message: 'X request aborted' };
  if (error instanceof ApiRequestError)
    return { kind: 'transient', message: `X request failed: ${requestErrorMessage(error)}` };
  if (error instanceof ApiPartialResponseError)
    return {
      kind: 'transient',
      message: `X response cut short: ${(error.responseError as Error | undefined)?.message ?? error.message}`,
    };
  return { kind: 'transient', message: `X request failed: ${errorMessage(error)}` };
}

/**
 * Workaround: twitter-api-v2 1.29 builds ApiRequestError with `{ error }` but its `requestError` getter
 * reads `_options.requestError`, so the cause (timeout, refused connection) is only in `_options.error`.
 */
function requestErrorMessage(error: ApiRequestError): string {
  const cause =
    (error.requestError as Error | undefined) ??
    (error as unknown as { _options?: { error?: unknown } })._options?.error;
  return cause instanceof Error ? cause.message : error.message;
}

function scrub(outcome: PollOutcome, token: string): PollOutcome {
  return outcome.kind === 'ok' ? outcome : { ...outcome, message: redactSecrets(outcome.message, [token]) };
}
