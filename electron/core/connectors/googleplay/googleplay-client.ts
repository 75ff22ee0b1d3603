import http from 'node:http';
import https from 'node:https';
import gplay from 'google-play-scraper';

/** The slice of google-play-scraper's `reviews()` we call; `requestOptions` is passed to got (v11) as is. */
interface ReviewsOptions {
  readonly appId: string;
  readonly sort: number;
  readonly num: number;
  readonly lang: string;
  readonly country: string;
  readonly paginate: true;
  readonly nextPaginationToken?: string;
  readonly requestOptions: Readonly<Record<string, unknown>>;
}

// The library's .d.ts omits `requestOptions`, which its reviews() merges into the got request.
const reviewsFn = gplay.reviews as unknown as (options: ReviewsOptions) => Promise<unknown>;

/** Google Play's "newest first" sort code (`gplay.sort.NEWEST` at run time; its .d.ts types it as an enum member). */
export const SORT_NEWEST = 2;

/** Headers of the last response, which google-play-scraper does not pass on with its errors. */
export interface LastResponse {
  retryAfter?: string | undefined;
}

interface GotOptions {
  url: URL;
}

/**
 * got options that (a) send to `baseUrl` instead of play.google.com when set (a proxy or a loopback fake),
 * (b) destroy the request when `signal` aborts (got 11 has no AbortSignal), (c) time out, (d) never retry,
 * (e) note the last response's Retry-After in `last`.
 */
export function scopedRequestOptions(
  signal: AbortSignal,
  timeoutMs: number,
  baseUrl: string | undefined,
  last: LastResponse = {},
): Record<string, unknown> {
  const rewrite = (options: GotOptions): void => {
    if (baseUrl) options.url = new URL(options.url.pathname + options.url.search, baseUrl);
  };
  // The scraper rethrows HTTP errors as bare Errors with a status only; keep the headers the runtime needs.
  const keep = <T extends { headers: http.IncomingHttpHeaders }>(response: T): T => {
    const retryAfter = response.headers['retry-after'];
    last.retryAfter = typeof retryAfter === 'string' ? retryAfter : undefined;
    return response;
  };
  const request = (
    url: URL,
    options: http.RequestOptions,
    callback?: (res: http.IncomingMessage) => void,
  ): http.ClientRequest => {
    const req = (url.protocol === 'https:' ? https.request : http.request)(url, options, callback);
    const onAbort = (): void => void req.destroy(new Error('aborted'));
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
    req.once('close', () => signal.removeEventListener('abort', onAbort));
    return req;
  };
  return { hooks: { beforeRequest: [rewrite], afterResponse: [keep] }, request, timeout: timeoutMs, retry: 0 };
}

/** One page of newest reviews (raw, unvalidated) and the token for the next, older page. */
export async function fetchReviewPage(options: Omit<ReviewsOptions, 'sort' | 'paginate'>): Promise<unknown> {
  return reviewsFn({ ...options, sort: SORT_NEWEST, paginate: true });
}
