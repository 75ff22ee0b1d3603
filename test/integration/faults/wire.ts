import type { OutgoingHttpHeaders } from 'node:http';
import type { Fault, WireResponse } from '../../fixtures/fakes/faults';

/** How large a "huge page" is: far past any real page, well inside what a client must cope with. */
export const HUGE_BYTES = 4 * 1024 * 1024;

/** An error body most JSON APIs' clients can read (X, Reddit, Mastodon, Bluesky and the review APIs all can). */
export const errorBody = (status: number, text: string): string =>
  JSON.stringify({ error: text, message: text, title: text, detail: text, status });

/** An HTTP error with a JSON body. */
export function statusFault(status: number, text: string, headers: OutgoingHttpHeaders = {}): Fault {
  return { kind: 'status', status, headers, body: errorBody(status, text) };
}

/** The answer cut in half: malformed JSON (or XML). */
export const truncated: Fault = {
  kind: 'rewrite',
  rewrite: (res) => ({ ...res, body: res.body.slice(0, Math.floor(res.body.length / 2)) }),
};

/** Every occurrence of a JSON key renamed (`"from":` → `"to":`): schema drift. */
export function renamedKey(from: string, to: string): Fault {
  return { kind: 'rewrite', rewrite: (res) => ({ ...res, body: res.body.replaceAll(`"${from}":`, `"${to}":`) }) };
}

/** The same answer padded past HUGE_BYTES with a field (JSON) or a comment (XML) no client reads. */
export const hugePage: Fault = { kind: 'rewrite', rewrite: (res) => ({ ...res, body: pad(res) }) };

function pad(res: WireResponse): string {
  const filler = 'x'.repeat(HUGE_BYTES);
  const body = res.body.trimStart();
  if (body.startsWith('{')) return `{"padding":"${filler}",${body.slice(1)}`;
  if (body.startsWith('[{')) return `[{"padding":"${filler}",${body.slice(2)}`;
  if (body.startsWith('<')) {
    const at = body.startsWith('<?xml') ? body.indexOf('?>') + 2 : 0;
    return `${body.slice(0, at)}<!-- ${filler} -->${body.slice(at)}`;
  }
  throw new Error('hugePage: unknown body shape');
}
