import { request, type IncomingMessage } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, TEST_INGEST_TOKEN, type TestHub } from '../helpers/headless-hub';

/** Fault 13.2.5: the ingest webhook's HTTP edge, over real HTTP (fetch and node:http). */

let hub: TestHub;

beforeAll(async () => {
  hub = await startTestHub();
});

afterAll(async () => {
  await hub.close();
});

const JSON_TYPE = { 'content-type': 'application/json' };
const auth = (token = TEST_INGEST_TOKEN): Record<string, string> => ({ authorization: `Bearer ${token}` });
const item = (id: string, text = 'cannot log in') => ({ externalId: id, text, createdAt: Date.UTC(2026, 0, 5, 9) });

const post = (body: string, headers: Record<string, string>, source = 'tickets'): Promise<Response> =>
  fetch(`${hub.url}api/ingest/${source}`, { method: 'POST', headers, body });

/** What a refusal looks like on the wire, for byte-for-byte comparison. */
async function wire(res: Response): Promise<{ status: number; body: string; challenge: string | null }> {
  return { status: res.status, body: await res.text(), challenge: res.headers.get('www-authenticate') };
}

describe('POST /api/ingest/{source} over HTTP', () => {
  it('answers a 2 MiB body with a 413 JSON error and closes cleanly (no connection reset)', async () => {
    const body = JSON.stringify({ mentions: [item('big', 'x'.repeat(2 * 1024 * 1024))] });
    const res = await post(body, { ...auth(), ...JSON_TYPE });
    expect(res.status).toBe(413);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(res.headers.get('connection')).toBe('close');
    expect(await res.json()).toEqual({ error: 'too-large', message: 'The body is larger than 1048576 bytes.' });
    expect(await hub.store.recentMentions(10)).toEqual([]);
  });

  it('answers 413 to a chunked body (no Content-Length) that grows past the cap, over node:http', async () => {
    const res = await new Promise<{ status: number; body: string; connection: string | undefined }>(
      (resolve, reject) => {
        const req = request(`${hub.url}api/ingest/tickets`, {
          method: 'POST',
          headers: { ...auth(), ...JSON_TYPE, 'transfer-encoding': 'chunked' },
        });
        req.on('response', (r: IncomingMessage) => {
          let text = '';
          r.on('data', (d: Buffer) => (text += d.toString()));
          r.on('end', () => resolve({ status: r.statusCode ?? 0, body: text, connection: r.headers.connection }));
        });
        req.on('error', reject);
        for (let i = 0; i < 32; i++) req.write(Buffer.alloc(64 * 1024, 0x20));
        req.end();
      },
    );
    expect(res).toMatchObject({ status: 413, connection: 'close' });
    expect(JSON.parse(res.body)).toMatchObject({ error: 'too-large' });
  });

  it('checks the token before reading the body: a wrong token is refused while the body is still open', async () => {
    const answer = await new Promise<number>((resolve, reject) => {
      const req = request(`${hub.url}api/ingest/tickets`, {
        method: 'POST',
        headers: { ...auth('wrong-token'), ...JSON_TYPE, 'content-length': String(512 * 1024) },
      });
      req.on('response', (r: IncomingMessage) => {
        resolve(r.statusCode ?? 0);
        r.resume();
        req.destroy();
      });
      req.on('error', (e) => (e.message.includes('socket hang up') ? undefined : reject(e)));
      req.write(Buffer.alloc(1024, 0x20)); // 1 KiB of the promised 512 KiB: the body never completes
    });
    expect(answer).toBe(401);
  });

  it('answers an unknown source byte for byte as a wrong token', async () => {
    const body = JSON.stringify(item('probe'));
    const unknown = await wire(await post(body, { ...auth(), ...JSON_TYPE }, 'no-such-source'));
    const wrong = await wire(await post(body, { ...auth('not-the-token'), ...JSON_TYPE }));
    expect(unknown.status).toBe(401);
    expect(unknown).toEqual(wrong);
    const missingOnUnknown = await wire(await post(body, JSON_TYPE, 'no-such-source'));
    const missingOnKnown = await wire(await post(body, JSON_TYPE));
    expect(missingOnUnknown).toEqual(missingOnKnown);
    expect(missingOnKnown.status).toBe(401);
  });

  it('requires Content-Type: application/json (415 otherwise), parameters allowed', async () => {
    const body = JSON.stringify(item('typed'));
    for (const type of [undefined, 'text/plain', 'application/x-www-form-urlencoded', 'application/jsonp']) {
      const res = await post(body, { ...auth(), ...(type ? { 'content-type': type } : {}) });
      expect({ type, status: res.status }).toEqual({ type, status: 415 });
      expect(await res.json()).toMatchObject({ error: 'unsupported-media-type' });
    }
    const ok = await post(body, { ...auth(), 'content-type': 'Application/JSON; charset=utf-8' });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ accepted: 1 });
  });

  it('answers 400 for a body that is not JSON, and the 401 comes before the 415', async () => {
    const bad = await post('{nope', { ...auth(), ...JSON_TYPE });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: 'bad-request', message: 'The body is not valid JSON.' });
    expect((await post('{nope', { 'content-type': 'text/plain' })).status).toBe(401);
  });

  it('keeps serving after refusals: the next request on a new connection is stored', async () => {
    const res = await post(JSON.stringify({ mentions: [item('after-refusals')] }), { ...auth(), ...JSON_TYPE });
    expect(res.status).toBe(200);
    expect((await hub.store.recentMentions(10)).map((m) => m.externalId)).toContain('after-refusals');
  });
});
