import type { Clock } from '../../runtime/clock';
import type { PollOutcome, RateLimitInfo } from '../connector';
import {
  classifyHttpError,
  deltaSecondsHeader,
  errorDetail,
  failureOutcome,
  headerNumber,
  sendRequest,
  type HttpResponse,
} from '../http';
import { TokenSchema } from './reddit-schema';

/** Reddit app-only credentials. */
export interface RedditCredentials {
  readonly clientId: string;
  readonly clientSecret: string;
}

/** Where and how the client talks to Reddit. */
export interface RedditClientOptions {
  readonly fetch: typeof fetch;
  readonly clock: Clock;
  readonly oauthBaseUrl: string;
  readonly apiBaseUrl: string;
  readonly userAgent: string;
  readonly timeoutMs: number;
}

/** A successful GET: the JSON body and the rate-limit state from its headers. */
export type RedditGet =
  | { readonly ok: true; readonly body: unknown; readonly rateLimit?: RateLimitInfo }
  | { readonly ok: false; readonly outcome: PollOutcome };

const EXPIRY_MARGIN_MS = 60_000;

/**
 * A thin Reddit client: application-only OAuth (client_credentials), the token cached until shortly
 * before expiry and fetched again once on a 401; every call takes the poll's signal and a timeout.
 */
export class RedditClient {
  private token: { readonly value: string; readonly expiresAt: number } | null = null;

  constructor(private readonly opts: RedditClientOptions) {}

  /** GET an API path (with query) as JSON. */
  async get(pathAndQuery: string, creds: RedditCredentials, signal: AbortSignal): Promise<RedditGet> {
    for (let attempt = 0; attempt < 2; attempt++) {
      const token = await this.accessToken(creds, signal);
      if (!token.ok) return token;
      const res = await sendRequest(this.opts.fetch, {
        url: `${this.opts.apiBaseUrl.replace(/\/$/, '')}${pathAndQuery}`,
        headers: {
          authorization: `bearer ${token.value}`,
          'user-agent': this.opts.userAgent,
          accept: 'application/json',
        },
        signal,
        timeoutMs: this.opts.timeoutMs,
      });
      if (!res.ok) return { ok: false, outcome: failureOutcome(res.failure) };
      if (res.response.status === 401 && attempt === 0) {
        this.token = null;
        continue;
      }
      return this.toGet(res.response);
    }
    return { ok: false, outcome: { kind: 'auth-error', message: 'Reddit rejected a fresh token' } };
  }

  /** Drops the cached token (e.g. after credentials change). */
  reset(): void {
    this.token = null;
  }

  private toGet(res: HttpResponse): RedditGet {
    const now = this.opts.clock.now();
    const resetAt = deltaSecondsHeader(res.headers, 'x-ratelimit-reset', now);
    const remaining = headerNumber(res.headers, 'x-ratelimit-remaining');
    const used = headerNumber(res.headers, 'x-ratelimit-used');
    if (res.status < 200 || res.status >= 300) {
      return {
        ok: false,
        outcome: classifyHttpError(res, {
          now,
          source: 'Reddit',
          ...(resetAt !== undefined ? { rateLimitResetAt: resetAt } : {}),
        }),
      };
    }
    const rateLimit: RateLimitInfo | undefined =
      resetAt !== undefined && remaining !== undefined
        ? {
            remaining: Math.floor(remaining),
            resetAt,
            ...(used !== undefined ? { limit: Math.round(used + remaining) } : {}),
          }
        : undefined;
    return rateLimit ? { ok: true, body: res.body, rateLimit } : { ok: true, body: res.body };
  }

  private async accessToken(
    creds: RedditCredentials,
    signal: AbortSignal,
  ): Promise<{ ok: true; value: string } | { ok: false; outcome: PollOutcome }> {
    const now = this.opts.clock.now();
    if (this.token && this.token.expiresAt > now) return { ok: true, value: this.token.value };
    const basic = Buffer.from(`${creds.clientId}:${creds.clientSecret}`).toString('base64');
    const res = await sendRequest(this.opts.fetch, {
      url: `${this.opts.oauthBaseUrl.replace(/\/$/, '')}/api/v1/access_token`,
      method: 'POST',
      headers: {
        authorization: `Basic ${basic}`,
        'user-agent': this.opts.userAgent,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'grant_type=client_credentials',
      signal,
      timeoutMs: this.opts.timeoutMs,
    });
    if (!res.ok) return { ok: false, outcome: failureOutcome(res.failure) };
    const r = res.response;
    if (r.status !== 200) {
      const resetAt = deltaSecondsHeader(r.headers, 'x-ratelimit-reset', now);
      return {
        ok: false,
        outcome: classifyHttpError(r, {
          now,
          source: 'Reddit token',
          ...(resetAt !== undefined ? { rateLimitResetAt: resetAt } : {}),
        }),
      };
    }
    const parsed = TokenSchema.safeParse(r.body);
    if (!parsed.success) {
      const detail = errorDetail(r.body) ?? 'unexpected token response';
      return { ok: false, outcome: { kind: 'auth-error', message: `Reddit token: ${detail}` } };
    }
    const expiresAt = now + parsed.data.expires_in * 1000 - EXPIRY_MARGIN_MS;
    this.token = { value: parsed.data.access_token, expiresAt };
    return { ok: true, value: parsed.data.access_token };
  }
}
