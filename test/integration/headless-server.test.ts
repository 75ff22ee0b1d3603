import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startHeadlessServer, type HeadlessServer } from '../../electron/headless/server';
import { silentLogger } from '../../electron/core/runtime/logger';
import type { Core } from '../../electron/core/core-types';
import type { Store } from '../../electron/core/store/repository';
import { IncidentSchema, type Incident } from '../../shared/incident';
import type { WireFromHub } from '../../shared/contract';
import { bareCore } from '../helpers/core';
import { rawMention } from '../helpers/mentions';

let server: HeadlessServer;
let core: Core;
let store: Store;
let staticDir: string;
const ingested: unknown[] = [];
const TOKEN = 'test-access-token-0123456789abcdef0123456789ab';
const bearer = { authorization: `Bearer ${TOKEN}` };

beforeAll(async () => {
  staticDir = await mkdtemp(join(tmpdir(), 'earshot-static-'));
  await writeFile(join(staticDir, 'index.html'), '<!doctype html><title>wall</title>');
  ({ core, store } = await bareCore());
  server = await startHeadlessServer({
    core,
    host: '127.0.0.1',
    port: 0,
    staticDir,
    logger: silentLogger(),
    accessToken: TOKEN,
    ingest: Object.assign(
      async (req: unknown) => {
        ingested.push(req);
        return { status: 202, body: { accepted: 1 }, headers: { 'x-test': 'yes' } };
      },
      { authorize: async () => null },
    ),
  });
});

afterAll(async () => {
  await server.close();
  await core.stop();
  await rm(staticDir, { recursive: true, force: true });
});

/** Opens a WebSocket and collects frames until `until` says it has what it needs. */
function collect(until: (frames: WireFromHub[]) => boolean, send?: (ws: WebSocket) => void): Promise<WireFromHub[]> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${server.url.replace('http', 'ws')}ws`, { headers: bearer });
    const frames: WireFromHub[] = [];
    ws.on('open', () => send?.(ws));
    ws.on('message', (data) => {
      frames.push(JSON.parse(data.toString()) as WireFromHub);
      if (until(frames)) {
        ws.close();
        resolve(frames);
      }
    });
    ws.on('error', reject);
  });
}

describe('headless host', () => {
  it('serves /api/status as JSON with version, uptime, mentions and sources', async () => {
    await core.api.commit('hook', [rawMention(1, Date.UTC(2026, 0, 5, 8, 59))], null);
    const res = await fetch(`${server.url}api/status`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ version: '0.1.0', mentions: 1, sources: [], mode: 'embedded' });
    expect(typeof body.uptime).toBe('number');
  });

  it('serves the renderer with security headers, and index.html for app routes', async () => {
    const res = await fetch(`${server.url}some/route`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<title>wall</title>');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    expect(res.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
    expect((await fetch(`${server.url}api/nope`, { headers: bearer })).status).toBe(404);
  });

  it('refuses a foreign Host header', async () => {
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve) => {
      request(`${server.url}api/status`, { headers: { host: 'attacker.example' } }, (res) =>
        resolve(res.statusCode ?? 0),
      ).end();
    });
    expect(status).toBe(421);
  });

  it('sends a snapshot on connect and answers requests over WebSocket', async () => {
    const frames = await collect(
      (f) => f.some((x) => x.type === 'response'),
      (ws) => ws.send(JSON.stringify({ type: 'request', id: 7, name: 'mentions:recent', payload: { limit: 5 } })),
    );
    const snapshot = frames.find((f) => f.type === 'event' && f.event.name === 'snapshot');
    expect(snapshot).toBeDefined();
    const response = frames.find((f) => f.type === 'response');
    expect(response).toMatchObject({ type: 'response', id: 7, result: { ok: true } });
  });

  it('answers unknown commands and bad payloads with readable errors', async () => {
    const frames = await collect(
      (f) => f.filter((x) => x.type === 'response').length === 2,
      (ws) => {
        ws.send(JSON.stringify({ type: 'request', id: 1, name: 'nope', payload: {} }));
        ws.send(JSON.stringify({ type: 'request', id: 2, name: 'mentions:recent', payload: { limit: -1 } }));
      },
    );
    const responses = frames.filter((f) => f.type === 'response');
    expect(responses).toContainEqual(
      expect.objectContaining({
        id: 1,
        result: { ok: false, error: expect.objectContaining({ code: 'unknown-command' }) },
      }),
    );
    expect(responses).toContainEqual(
      expect.objectContaining({
        id: 2,
        result: { ok: false, error: expect.objectContaining({ code: 'invalid-request' }) },
      }),
    );
  });

  it('pushes new mentions to connected walls as a batched delta', async () => {
    const frames = await collect(
      (f) => f.some((x) => x.type === 'event' && x.event.name === 'mentions:batch'),
      () => {
        setTimeout(() => {
          void core.api.commit('hook', [rawMention(2, Date.UTC(2026, 0, 5, 8, 59))], null).then(() => core.api.flush());
        }, 50);
      },
    );
    const batch = frames.find((f) => f.type === 'event' && f.event.name === 'mentions:batch');
    const ids =
      batch?.type === 'event' && batch.event.name === 'mentions:batch'
        ? batch.event.payload.mentions.map((m) => m.externalId)
        : [];
    expect(ids).toContain('ext-2');
  });

  it('refuses WebSocket upgrades from another origin', async () => {
    const ws = new WebSocket(`${server.url.replace('http', 'ws')}ws`, {
      headers: { origin: 'http://evil.example', ...bearer },
    });
    const outcome = await new Promise<string>((resolve) => {
      ws.on('open', () => resolve('open'));
      ws.on('error', (e) => resolve(e.message));
    });
    expect(outcome).toContain('403');
  });

  it('routes POST /api/ingest/{source} with its bearer token and body', async () => {
    const res = await fetch(`${server.url}api/ingest/tickets`, {
      method: 'POST',
      headers: { authorization: 'Bearer abc', 'content-type': 'application/json' },
      body: JSON.stringify({ mentions: [] }),
    });
    expect(res.status).toBe(202);
    expect(res.headers.get('x-test')).toBe('yes');
    expect(ingested.at(-1)).toEqual({ sourceId: 'tickets', authorization: 'Bearer abc', body: { mentions: [] } });
    const json = { 'content-type': 'application/json' };
    const bad = await fetch(`${server.url}api/ingest/tickets`, { method: 'POST', headers: json, body: '{nope' });
    expect(bad.status).toBe(400);
    const big = await fetch(`${server.url}api/ingest/tickets`, {
      method: 'POST',
      headers: json,
      body: 'x'.repeat(1024 * 1024 + 10),
    });
    expect(big.status).toBe(413);
  });

  it('exports an incident with its evidence card as a JSON download', async () => {
    const at = Date.UTC(2026, 0, 5, 9, 5);
    const incident: Incident = {
      id: 'inc_test_1',
      title: 'nimbus-bank: login complaints surging',
      severity: 'P1',
      state: 'open',
      watchlist: 'nimbus-bank',
      topics: ['login'],
      channels: ['x', 'appstore'],
      openedAt: at,
      updatedAt: at,
      resolvedAt: null,
      evidence: {
        series: 'topic:login',
        baselinePerMinute: 0.2,
        observedPerMinute: 14,
        statistic: 'score 0.990, 70× baseline',
        startedAt: at - 120_000,
        risingTerms: [{ term: 'error 503', lift: 40, count: 12 }],
        firstPost: null,
        representativePosts: [],
        sourceMix: [{ channel: 'x', count: 20 }],
        sentimentShift: { baselineNegativeShare: 0.3, observedNegativeShare: 0.8 },
        topics: [{ topic: 'login', count: 20 }],
      },
    };
    await store.saveIncident(incident);
    // 120 newer incidents: the export reads the store by id, not a capped list of recent ones.
    for (let i = 0; i < 120; i++) {
      await store.saveIncident({ ...incident, id: `inc_newer_${i}`, openedAt: at + (i + 1) * 60_000 });
    }
    const viaContract = await core.api.invoke('incident:export', { id: 'inc_test_1' });
    expect(viaContract.ok && viaContract.value.filename).toBe('earshot-inc_test_1.json');
    // The export carries what people did too (its workflow), merged over detection's record.
    const exported = { ...incident, workflow: expect.objectContaining({ state: 'new' }) };
    expect(viaContract.ok && IncidentSchema.parse(JSON.parse(viaContract.value.content))).toEqual(exported);
    const missing = await core.api.invoke('incident:export', { id: 'nope' });
    expect(missing.ok ? null : missing.error.message).toBe('No incident "nope".');
    const res = await fetch(`${server.url}api/incidents/inc_test_1.json`, { headers: bearer });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain('earshot-inc_test_1.json');
    expect(IncidentSchema.parse(await res.json())).toEqual(exported);
    expect((await fetch(`${server.url}api/incidents/nope.json`, { headers: bearer })).status).toBe(404);
  });
});
