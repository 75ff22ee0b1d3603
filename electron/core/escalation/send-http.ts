import { parseRetryAfter } from '../connectors/http/headers';

/** How one delivery attempt went. `retry` is transient (429, 5xx, network); `permanent` will never succeed as is. */
export type SendOutcome =
  | { readonly kind: 'sent' }
  | { readonly kind: 'retry'; readonly message: string; readonly retryAfterMs?: number }
  | { readonly kind: 'permanent'; readonly message: string };

/** The fetch the targets use (injected: the global fetch in production). */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

/** No target call waits longer than this. */
export const SEND_TIMEOUT_MS = 15_000;

/** Removes secrets and any URL from a receiver's text before it reaches the delivery log. */
export function scrub(text: string, secrets: ReadonlyArray<string>): string {
  let out = text;
  for (const secret of secrets) if (secret.length >= 4) out = out.split(secret).join('[redacted]');
  return out
    .replace(/https?:\/\/\S+/gi, '[url]')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 200);
}

/** The error code of a failed fetch (ECONNREFUSED, ETIMEDOUT…), never its message: that may quote the URL. */
function networkReason(error: unknown): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return 'timed out';
  const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
  return typeof cause?.code === 'string' ? cause.code : 'connection failed';
}

/** Whether an HTTP status is worth retrying: 408, 425, 429 and every 5xx. */
export const retryableStatus = (status: number): boolean =>
  status === 408 || status === 425 || status === 429 || status >= 500;

/**
 * POSTs a JSON body and classifies the answer: 2xx sent; 408/425/429/5xx and network errors retry (with the
 * answer's Retry-After); any other status is permanent. `secrets` are scrubbed from every message.
 */
export async function postJson(
  fetchFn: FetchLike,
  url: string,
  body: string,
  headers: Readonly<Record<string, string>>,
  secrets: ReadonlyArray<string>,
  now: number,
): Promise<SendOutcome> {
  let response: Response;
  try {
    response = await fetchFn(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'Earshot', ...headers },
      body,
      redirect: 'error',
      signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
    });
  } catch (error) {
    return { kind: 'retry', message: `network error: ${networkReason(error)}` };
  }
  const text = await response.text().catch(() => '');
  if (response.ok) return { kind: 'sent' };
  const message = `HTTP ${response.status}${text ? `: ${scrub(text, [...secrets, url])}` : ''}`;
  if (!retryableStatus(response.status)) return { kind: 'permanent', message };
  const retryAfterMs = parseRetryAfter(response.headers, now);
  return retryAfterMs === undefined ? { kind: 'retry', message } : { kind: 'retry', message, retryAfterMs };
}
