import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import {
  advanceHighWater,
  classifyHttpError,
  deltaSecondsHeader,
  epochSecondsHeader,
  isNewerThan,
  parseRetryAfter,
  redactSecrets,
  sendRequest,
} from '../../../../electron/core/connectors/http';

const NOW = Date.UTC(2026, 0, 5, 9, 0, 0);

describe('headers', () => {
  it('parses Retry-After as seconds or an HTTP date, and reset headers', () => {
    expect(parseRetryAfter(new Headers({ 'retry-after': '120' }), NOW)).toBe(120_000);
    expect(parseRetryAfter(new Headers({ 'retry-after': new Date(NOW + 30_000).toUTCString() }), NOW)).toBe(30_000);
    expect(parseRetryAfter(new Headers({ 'retry-after': 'soon' }), NOW)).toBeUndefined();
    expect(epochSecondsHeader(new Headers({ 'x-rate-limit-reset': '1767603900' }), 'x-rate-limit-reset')).toBe(
      1_767_603_900_000,
    );
    expect(deltaSecondsHeader(new Headers({ 'x-ratelimit-reset': '42.5' }), 'x-ratelimit-reset', NOW)).toBe(
      NOW + 42_500,
    );
  });
});

describe('classifyHttpError', () => {
  const res = (status: number, body: unknown, headers: Record<string, string> = {}) => ({
    status,
    headers: new Headers(headers),
    body,
  });
  it('maps statuses to what the runner should do', () => {
    expect(
      classifyHttpError(res(429, { message: 'Too Many Requests' }), {
        now: NOW,
        source: 'S',
        rateLimitResetAt: NOW + 5_000,
      }),
    ).toEqual({
      kind: 'rate-limited',
      until: NOW + 5_000,
      message: 'S HTTP 429: Too Many Requests',
    });
    expect(classifyHttpError(res(429, null, { 'retry-after': '7' }), { now: NOW, source: 'S' })).toMatchObject({
      until: NOW + 7_000,
    });
    expect(
      classifyHttpError(res(401, { fault: { faultstring: 'Invalid ApiKey' } }), { now: NOW, source: 'S' }),
    ).toEqual({
      kind: 'auth-error',
      message: 'S HTTP 401: Invalid ApiKey',
    });
    expect(classifyHttpError(res(503, '<html>down</html>', { 'retry-after': '3' }), { now: NOW, source: 'S' })).toEqual(
      {
        kind: 'transient',
        message: 'S HTTP 503',
        retryAfterMs: 3_000,
      },
    );
    expect(classifyHttpError(res(400, { errors: [{ message: 'bad query' }] }), { now: NOW, source: 'S' })).toEqual({
      kind: 'config-error',
      message: 'S HTTP 400: bad query',
    });
  });
});

describe('sendRequest', () => {
  it('times out, honours the caller signal, and never puts the query string in messages', async () => {
    const server = createServer(() => undefined);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slow?key=SECRET`;
    const timedOut = await sendRequest(fetch, { url, signal: new AbortController().signal, timeoutMs: 50 });
    expect(timedOut).toEqual({
      ok: false,
      failure: { kind: 'timeout', message: expect.stringContaining('/slow: timed out after 50 ms') },
    });
    expect(JSON.stringify(timedOut)).not.toContain('SECRET');
    const ac = new AbortController();
    const pending = sendRequest(fetch, { url, signal: ac.signal, timeoutMs: 10_000 });
    ac.abort();
    expect(await pending).toMatchObject({ ok: false, failure: { kind: 'aborted' } });
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });
});

describe('high-water mark and redaction', () => {
  it('tracks the newest instant and the ids seen at it', () => {
    const m = advanceHighWater(undefined, [
      { id: 'a', at: 10 },
      { id: 'b', at: 20 },
      { id: 'c', at: 20 },
    ]);
    expect(m).toEqual({ newestAt: 20, idsAtNewest: ['b', 'c'] });
    expect(isNewerThan(m, 'c', 20)).toBe(false);
    expect(isNewerThan(m, 'd', 20)).toBe(true);
    expect(isNewerThan(m, 'e', 19)).toBe(false);
  });

  it('redacts secrets', () => {
    expect(redactSecrets('token abcd1234 failed', ['abcd1234', undefined, 'ab'])).toBe('token [redacted] failed');
  });
});
